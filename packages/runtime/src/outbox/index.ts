export { defaultStreamName, startOutboxRelay, toCloudEvent } from './relay.js';
export type { OutboxRelay, OutboxRelayLogger, OutboxRelayOptions, OutboxRelayStatus } from './relay.js';
