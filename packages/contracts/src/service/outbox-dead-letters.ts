/**
 * The operator's SQL for dead-lettered outbox events (rows of shipshape_outbox with `dead_at` set: over the size
 * limit, or refused by the broker maxAttempts times). One text, two users: the runtime runs it
 * (`listDeadLetters`, `requeueDeadLetters`, `discardDeadLetters`, tested against PostgreSQL) and the generated
 * runbooks print it as a `psql` command, so the SQL an on-call engineer pastes is the SQL the tests ran.
 *
 * `:'ids'` is a psql variable holding a PostgreSQL array literal of event ids (`{id1,id2}`); the runtime binds
 * it as `$1`. Every statement runs as the owner role with `app.maintenance` on, as the relay does.
 */
export const OUTBOX_DEAD_LETTER_SQL = {
  /** The dead-lettered events, oldest first, with why they were given up on. */
  list:
    'select id, tenant_id, type, subject, attempts, dead_at, octet_length(data::text) as data_bytes,' +
    ' left(last_error, 200) as last_error from shipshape_outbox where dead_at is not null order by seq limit 100',
  /** Back to pending with a fresh set of attempts; the relay publishes them at its next round. */
  requeue:
    'update shipshape_outbox set dead_at = null, attempts = 0, next_attempt_at = now(), claimed_until = null,' +
    " claimed_by = null where dead_at is not null and id = any(:'ids'::uuid[]) returning id",
  /** Deleted for good (only dead-lettered rows), returning what was dropped. */
  discard:
    "delete from shipshape_outbox where dead_at is not null and id = any(:'ids'::uuid[])" +
    ' returning id, tenant_id, type, subject',
} as const;

export type OutboxDeadLetterAction = keyof typeof OUTBOX_DEAD_LETTER_SQL;

/**
 * The shell command a runbook prints for an action: psql on the owner role's connection
 * (`DATABASE_MIGRATION_URL`, else `DATABASE_URL`), in a maintenance session, with the event ids as `ids`
 * (`{<event id>,<event id>}`; `ids` is ignored by `list`).
 */
export function outboxDeadLetterCommand(
  action: OutboxDeadLetterAction,
  ids = '{<event id>,<event id>}',
): string {
  const sql = OUTBOX_DEAD_LETTER_SQL[action];
  const vars = action === 'list' ? '' : ` -v ids='${ids}'`;
  return `echo "set app.maintenance = 'on'; ${sql};" | psql "\${DATABASE_MIGRATION_URL:-$DATABASE_URL}"${vars} -v ON_ERROR_STOP=1`;
}
