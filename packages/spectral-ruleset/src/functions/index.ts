export { problemMediaType, type ProblemMediaTypeOptions } from './problem-media-type.js';
export { problemMembers, type ProblemMembersOptions } from './problem-members.js';
export { problemCodeEnum, type ProblemCodeEnumOptions } from './problem-code-enum.js';
export {
  idempotencyKeyHeader,
  IDEMPOTENCY_OPT_OUT,
  type IdempotencyKeyHeaderOptions,
} from './idempotency-key-header.js';
export { bearerSecurity } from './bearer-security.js';
export { closedObjects } from './closed-objects.js';
export { boundedSchemas, type BoundedSchemasOptions } from './bounded-schemas.js';
export { paginatedList, type PaginatedListOptions } from './paginated-list.js';
export { cloudEventsEnvelope, type CloudEventsEnvelopeOptions } from './cloudevents-envelope.js';
export { channelDeclared } from './channel-declared.js';
export { eventTypeMatchesAddress } from './event-type-matches-address.js';
