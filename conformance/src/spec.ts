/**
 * The OpenAPI document as the checks see it. One room per step: `spec/load.ts` reads and
 * dereferences the document, `spec/discover.ts` turns it into the model (`spec/operation.ts` for one
 * operation), `spec/model.ts` holds the model's types, `spec/lookup.ts` the small lookups checks use.
 */
export type * from './spec/model.js';
export { loadSpec, SpecError } from './spec/load.js';
export { discover, type DiscoverOptions } from './spec/discover.js';
export { documentedResponse, fillPath, jsonMedia } from './spec/lookup.js';
