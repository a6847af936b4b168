import { fromConformance, fromLint, lintAndConformance, red, type Evaluator } from './support.js';
import type { EvalContext } from '../context.js';
import type { Verdict } from '../types.js';

async function lintOnly(ctx: EvalContext, gate: string): Promise<Verdict> {
  return (await fromLint(ctx, gate)) ?? red(`shipshape lint reported nothing for ${gate}`);
}

/** api.openapi_present (L1): openapi/ parses and lints clean with the house ruleset. */
export const openapiPresent: Evaluator = (ctx) => lintOnly(ctx, 'api.openapi_present');
/** api.error_codes_registered (L1): the registry and the OpenAPI code enums agree both ways. */
export const errorCodesRegistered: Evaluator = (ctx) => lintOnly(ctx, 'api.error_codes_registered');
/** api.error_envelope (L2): problem+json in the spec and on the wire. */
export const errorEnvelope: Evaluator = (ctx) => lintAndConformance(ctx, 'api.error_envelope');
/** api.versioning (L2): /api/v1 paths, Deprecation/Sunset on deprecated operations. */
export const versioning: Evaluator = (ctx) => lintAndConformance(ctx, 'api.versioning');
/** api.idempotency (L2): Idempotency-Key declared on every POST and honoured by the service. */
export const idempotency: Evaluator = (ctx) => lintAndConformance(ctx, 'api.idempotency');
/** api.tracing (L2): traceparent in the spec and propagated by the service. */
export const tracing: Evaluator = (ctx) => lintAndConformance(ctx, 'api.tracing');
/** api.contract_tests (L2): the conformance schema checks (provider verification against the spec). */
export const contractTests: Evaluator = (ctx) => fromConformance(ctx, 'api.contract_tests');
