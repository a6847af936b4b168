export { default as idempotencyPlugin, REPLAYED_HEADER } from './plugin.js';
export type { IdempotencyPluginOptions } from './plugin.js';
export { IdempotencyStore, DEFAULT_LEASE_MS, DEFAULT_TTL_MS } from './store.js';
export type { ClaimResult, IdempotencyStoreOptions, KeyScope, StoredResponse } from './store.js';
export { startIdempotencyCleanup } from './cleanup.js';
export type { IdempotencyCleanup, IdempotencyCleanupOptions } from './cleanup.js';
export { readIdempotencyKey, MAX_KEY_LENGTH, IDEMPOTENCY_HEADER } from './key.js';
export { canonicalJson, requestFingerprint } from './fingerprint.js';
