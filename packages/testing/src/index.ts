export { freePort, waitForPort } from './free-port.js';
export { findNatsServer, findPostgresBinDir, MissingBinaryError, serversRequired } from './binaries.js';
export type { Availability } from './binaries.js';
export { startPostgres } from './postgres.js';
export type { PostgresServer, StartPostgresOptions } from './postgres.js';
export { startNats } from './nats.js';
export type { NatsServer, StartNatsOptions } from './nats.js';
export { startServers } from './servers.js';
export type { TestServers } from './servers.js';
