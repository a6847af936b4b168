import { describe, expect, it } from 'vitest';
import { OUTBOX_DEAD_LETTER_SQL, outboxDeadLetterCommand } from './outbox-dead-letters.js';

describe('outboxDeadLetterCommand', () => {
  it('pipes the catalog SQL into psql on the owner connection, in a maintenance session', () => {
    const cmd = outboxDeadLetterCommand('requeue', '{a,b}');
    expect(cmd).toBe(
      `echo "set app.maintenance = 'on'; ${OUTBOX_DEAD_LETTER_SQL.requeue};" | ` +
        `psql "\${DATABASE_MIGRATION_URL:-$DATABASE_URL}" -v ids='{a,b}' -v ON_ERROR_STOP=1`,
    );
  });
  it('passes no ids to list, a placeholder by default to the others', () => {
    expect(outboxDeadLetterCommand('list')).not.toContain('-v ids');
    expect(outboxDeadLetterCommand('discard')).toContain("-v ids='{<event id>,<event id>}'");
  });
  it('only ever touches dead-lettered rows, and each action but list takes the ids', () => {
    for (const sql of [OUTBOX_DEAD_LETTER_SQL.requeue, OUTBOX_DEAD_LETTER_SQL.discard]) {
      expect(sql).toContain('dead_at is not null');
      expect(sql).toContain(":'ids'::uuid[]");
      // Inside the runbook's double-quoted echo: no character the shell would expand.
      expect(sql).not.toMatch(/["$`\\]/);
    }
    expect(OUTBOX_DEAD_LETTER_SQL.list).toContain('where dead_at is not null');
  });
});
