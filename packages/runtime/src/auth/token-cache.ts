import type { TenantContext } from './claims.js';

/**
 * A small LRU of verified tokens. Signature verification (WebCrypto) is the most expensive step of a
 * request; clients send the same bearer token many times. Only successful verifications are stored, keyed
 * by the whole token, and `exp` is re-checked on every hit.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { tenant: TenantContext; until: number }>();
  constructor(
    private readonly size: number,
    private readonly ttlMs: number,
  ) {}

  get(token: string, now: number): TenantContext | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (now >= entry.until) return undefined;
    this.entries.set(token, entry);
    return entry.tenant;
  }

  set(token: string, tenant: TenantContext, expSeconds: number, now: number): void {
    if (this.size <= 0) return;
    const until = Math.min(expSeconds * 1000, now + this.ttlMs);
    if (until <= now) return;
    if (this.entries.size >= this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { tenant, until });
  }
}
