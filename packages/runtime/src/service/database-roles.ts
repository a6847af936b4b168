import type { Logger } from 'pino';
import type { RuntimeConfig } from '../config/config.js';
import { createDatabase } from '../data/database.js';
import { DatabaseConfigError } from '../data/errors.js';
import type { EventNaming } from '../data/tenant-tx.js';
import type { Database } from '../data/types.js';

interface RoleRow {
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreaterole: boolean;
}

/**
 * What the role DATABASE_URL logs in as must not be able to do: leave its tenant. A superuser or a BYPASSRLS
 * role ignores row-level security; a CREATEROLE role can grant itself the owner role. Outside development
 * such a login stops start-up with one line; in development it is logged.
 */
export async function checkLoginRole(db: Database, config: RuntimeConfig, logger: Logger): Promise<void> {
  if (db.kind !== 'postgres') return;
  const { rows } = await db.query<RoleRow>(
    `select rolname, rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname = current_user`,
  );
  const role = rows[0];
  if (!role) return;
  const powers = [
    role.rolsuper && 'a superuser',
    role.rolbypassrls && 'BYPASSRLS',
    role.rolcreaterole && 'CREATEROLE',
  ].filter((p): p is string => typeof p === 'string');
  if (powers.length === 0) return;
  const message = `DATABASE_URL logs in as "${role.rolname}" (${powers.join(', ')}): requests must run as a NOINHERIT role without SUPERUSER, BYPASSRLS or CREATEROLE, migrations as the owner (DATABASE_MIGRATION_URL); see the two-role set-up in the @shipshape/runtime README`;
  if (config.nodeEnv === 'production') throw new DatabaseConfigError(message);
  logger.warn(message);
}

export interface ServiceDatabases {
  /** Requests: DATABASE_URL's role, pool of DATABASE_POOL_MAX with the statement timeouts. */
  db: Database;
  /** Migrations, then the maintenance work (outbox relay, cleanups): the owner role when it is set apart. */
  owner: Database;
  close(): Promise<void>;
}

/**
 * Opens the request database and, with DATABASE_MIGRATION_URL set, the owner's (a small pool for migrations
 * and the cross-tenant maintenance transactions the request role must not be able to run). The returned `db`
 * sends maintenanceTx and withLock to the owner's pool, everything else to the request pool.
 */
export async function openServiceDatabases(
  config: RuntimeConfig,
  serviceDir: string,
  events: EventNaming,
  logger: Logger,
): Promise<ServiceDatabases> {
  const onIdleError = (err: Error): void => logger.warn({ err }, 'idle database connection failed');
  const requests = await createDatabase({
    url: config.databaseUrl,
    serviceDir,
    events,
    onIdleError,
    pool: {
      max: config.database.poolMax,
      statementTimeoutMs: config.database.statementTimeoutMs,
      idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
    },
  });
  if (!config.databaseMigrationUrl || requests.kind !== 'postgres') {
    return { db: requests, owner: requests, close: () => requests.close() };
  }
  let owner: Database;
  try {
    owner = await createDatabase({ url: config.databaseMigrationUrl, events, onIdleError, pool: { max: 2 } });
  } catch (error) {
    await requests.close();
    throw error;
  }
  // The request role may not read the tenant key; the owner's handle reads it once migrations created it.
  requests.useTenantKey(() => owner.tenantKey());
  const db: Database = {
    ...requests,
    maintenanceTx: (fn) => owner.maintenanceTx(fn),
    withLock: (name, fn) => owner.withLock(name, fn),
    close: async () => {
      await requests.close();
      await owner.close();
    },
  };
  return { db, owner, close: () => db.close() };
}
