export { defaultStreamName, startOutboxRelay, toCloudEvent } from './relay.js';
export type { OutboxRelay, OutboxRelayLogger, OutboxRelayOptions, OutboxRelayStatus } from './relay.js';
export { createOutboxWriter, eventSource, eventType, outboxBacklog } from './writer.js';
export type { EventNaming } from './writer.js';
