import type { CheckDefinition } from '../../registry.js';
import { declaredCheck, invalidKeysCheck, missingKeyCheck } from './keys.js';
import { concurrentCheck, mismatchCheck, replayCheck } from './replay.js';
import { operationScopeCheck, tenantScopeCheck } from './scope.js';

/**
 * Idempotency-Key, in report order. What a key must be (`keys.ts`), what the same key does
 * (`replay.ts`), whose key it is (`scope.ts`); the requests they share in `support.ts`.
 */
export const idempotencyChecks: CheckDefinition[] = [
  declaredCheck,
  missingKeyCheck,
  replayCheck,
  mismatchCheck,
  concurrentCheck,
  invalidKeysCheck,
  tenantScopeCheck,
  operationScopeCheck,
];
