export { startOutboxRelay } from './relay.js';
export { defaultStreamName, toCloudEvent } from './cloudevent.js';
export type { OutboxRelay, OutboxRelayLogger, OutboxRelayOptions, OutboxRelayStatus } from './options.js';
export { createOutboxWriter, eventSource, eventType, outboxBacklog } from './writer.js';
export type { EventNaming } from './writer.js';
export { discardDeadLetters, listDeadLetters, requeueDeadLetters, type DeadLetter } from './dead-letters.js';
