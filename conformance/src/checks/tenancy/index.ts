import type { CheckDefinition } from '../../registry.js';
import { noEchoCheck, oracleCheck } from './leaks.js';
import { listCheck, readCheck } from './reads.js';
import { bodyTenantFieldCheck, headerSpoofCheck } from './spoofing.js';
import { unauthenticatedCheck } from './unauthenticated.js';
import { deleteCheck, updateCheck } from './writes.js';

/**
 * Tenant isolation, in report order: B reading A (`reads.ts`), B writing A (`writes.ts`), what B's
 * refusals give away (`leaks.ts`), a tenant named outside the token (`spoofing.ts`), no or forged
 * credentials (`unauthenticated.ts`). Shared helpers: `support.ts`.
 */
export const tenancyChecks: CheckDefinition[] = [
  readCheck,
  listCheck,
  updateCheck,
  deleteCheck,
  oracleCheck,
  bodyTenantFieldCheck,
  headerSpoofCheck,
  noEchoCheck,
  unauthenticatedCheck,
];
