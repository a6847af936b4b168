import { OUTBOX_DEAD_LETTER_SQL } from '@shipshape/contracts';
import { describe, expect, it } from 'vitest';
import type { Database } from '../data/types.js';
import { deadLetterSql, discardDeadLetters, requeueDeadLetters } from './dead-letters.js';

describe('dead-letter operator functions', () => {
  it("run the contracts' SQL with the ids bound as $1 instead of psql's :'ids'", () => {
    expect(deadLetterSql('requeue')).toBe(OUTBOX_DEAD_LETTER_SQL.requeue.replace(":'ids'", '$1'));
    expect(deadLetterSql('discard')).toContain('id = any($1::uuid[])');
    expect(deadLetterSql('list')).toBe(OUTBOX_DEAD_LETTER_SQL.list);
  });
  it('refuse ids that are not event ids before touching the database', async () => {
    const db = {
      maintenanceTx: () => {
        throw new Error('must not be called');
      },
    } as unknown as Database;
    await expect(requeueDeadLetters(db, ['not-a-uuid'])).rejects.toThrow(/ids must be an array of event ids/);
    await expect(discardDeadLetters(db, 'x' as unknown as string[])).rejects.toThrow(/discardDeadLetters/);
  });
});
