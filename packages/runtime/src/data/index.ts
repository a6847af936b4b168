export { createDatabase, embeddedDataDir } from './database.js';
export type { DatabaseOptions } from './database.js';
export { createPostgresDatabase } from './postgres.js';
export type { PostgresDatabaseOptions, PostgresPoolOptions } from './postgres.js';
export { createPgliteDatabase } from './pglite.js';
export type { PgliteDatabaseOptions } from './pglite.js';
export {
  DatabaseConfigError,
  DatabaseUnavailableError,
  isConnectionError,
  classifyDbError,
} from './errors.js';
export { APP_ROLE, FinishedTransactionError } from './tenant-tx.js';
export { TenantKey, TenantKeyError, type TenantKeySource } from './tenant-key.js';
export type * from './types.js';
