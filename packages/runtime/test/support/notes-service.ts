/**
 * A small service on createService, the way a generated one looks: a "notes" aggregate whose create
 * route writes the row, its outbox event and its audit row in one tenant transaction.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import type { Database, Tx } from '../../src/data/types.js';
import { problem } from '../../src/errors/problem.js';
import { createService, type ServiceApp, type ServiceDefinition } from '../../src/service/service.js';
import { NOTES_MIGRATIONS } from './backends.js';
import { writeServiceDir } from './service-dir.js';
import { NOTES_SCHEMA, type NoteRow } from './example-app.js';

/** Writes errors/error-codes.yaml and migrations/ of the notes service into a temp dir. */
export async function writeNotesServiceDir(): Promise<string> {
  return writeServiceDir({
    service: 'orders',
    codes: [{ code: 'ACME.ORDERS.NOTE_NOT_FOUND', status: 404, title: 'Note not found' }],
    migration: {
      name: '0001_notes.sql',
      sql: await readFile(join(NOTES_MIGRATIONS, '0001_notes.sql'), 'utf8'),
    },
  });
}

export interface NotesOptions {
  /** Delay inside the create handler, before its transaction, to widen the in-flight window. */
  createDelayMs?: number;
  /** Delay inside the create handler's transaction (a handler outliving its idempotency lease). */
  txDelayMs?: number;
}

/** Bodies of /notes/flaky whose handler already threw once (for `throwAfterCommit: 'once'`). */
const thrownOnce = new Set<string>();

export function notesDefinition(serviceDir: string, options: NotesOptions = {}): ServiceDefinition {
  const insertNote = async (tx: Tx, body: string): Promise<NoteRow> => {
    const id = randomUUID();
    const { rows } = await tx.query<NoteRow>(
      'insert into notes (id, tenant_id, body) values ($1, $2, $3) returning id, tenant_id, body',
      [id, tx.tenantId, body],
    );
    await tx.outbox.add({ entity: 'note', verb: 'created', subject: id, data: rows[0] });
    await tx.audit.record({
      action: 'note.created',
      entity: 'note',
      entityId: id,
      before: null,
      after: rows[0],
    });
    return rows[0];
  };
  return {
    name: 'orders',
    org: 'acme',
    version: '0.1.0',
    serviceDir,
    routes: (api) => {
      api.post<{ Body: { body: string } }>(
        '/notes',
        { schema: { body: NOTES_SCHEMA } },
        async (request, reply) => {
          if (options.createDelayMs) await new Promise((r) => setTimeout(r, options.createDelayMs));
          const id = randomUUID();
          const row = await api.withTenant(request, async (tx) => {
            if (options.txDelayMs) await new Promise((r) => setTimeout(r, options.txDelayMs));
            const { rows } = await tx.query<NoteRow>(
              'insert into notes (id, tenant_id, body) values ($1, $2, $3) returning id, tenant_id, body',
              [id, tx.tenantId, request.body.body],
            );
            await tx.outbox.add({ entity: 'note', verb: 'created', subject: id, data: rows[0] });
            await tx.audit.record({
              action: 'note.created',
              entity: 'note',
              entityId: id,
              before: null,
              after: rows[0],
            });
            return rows[0];
          });
          return reply
            .code(201)
            .header('location', `/api/v1/notes/${id}`)
            .send({ id: row.id, body: row.body, nonce: randomUUID() });
        },
      );
      // Writes its note, then fails: a handler that throws after its business transaction.
      api.post<{ Body: { body: string; throwAfterCommit: 'always' | 'once' } }>(
        '/notes/flaky',
        {
          schema: {
            body: {
              type: 'object',
              required: ['body', 'throwAfterCommit'],
              properties: { body: { type: 'string' }, throwAfterCommit: { enum: ['always', 'once'] } },
            },
          },
        },
        async (request, reply) => {
          const row = await api.withTenant(request, (tx) => insertNote(tx, request.body.body));
          const key = `${request.tenant.id}/${request.body.body}`;
          if (request.body.throwAfterCommit === 'always' || !thrownOnce.has(key)) {
            thrownOnce.add(key);
            throw new Error('failed after the business transaction');
          }
          return reply.code(201).send({ id: row.id, body: row.body, nonce: randomUUID() });
        },
      );
      api.post<{ Params: { id: string } }>('/notes/:id/archive', async (request) => ({
        archived: request.params.id,
        nonce: randomUUID(),
      }));
      // Writes, then refuses inside the same withTenant: the write must not survive the 4xx it stored.
      api.post<{ Body: { body: string } }>(
        '/notes/refused',
        { schema: { body: NOTES_SCHEMA } },
        async (request) =>
          api.withTenant(request, async (tx) => {
            await insertNote(tx, request.body.body);
            throw problem('NOTE_NOT_FOUND', { detail: 'refused after writing' });
          }),
      );
      // Database failures on demand, each the real error the database raises for it.
      api.post<{ Body: { fault: string } }>(
        '/notes/fault',
        { config: { idempotency: false } },
        async (request) => {
          const fault = request.body.fault;
          await api.withTenant(request, async (tx) => {
            if (fault === 'unique') {
              const id = `dup-${randomUUID()}`;
              for (let i = 0; i < 2; i++)
                await tx.query(`insert into notes (id, tenant_id, body) values ($1, $2, 'dup')`, [
                  id,
                  tx.tenantId,
                ]);
            } else if (fault === 'rls') {
              await tx.query(
                `insert into notes (id, tenant_id, body) values ($1, 'someone-else', 'forged')`,
                [randomUUID()],
              );
            } else if (fault === 'timeout') {
              await tx.exec(`set local statement_timeout = '100ms'`);
              await tx.query('select pg_sleep(5)');
            } else {
              const code = fault === 'deadlock' ? '40P01' : '40001';
              await tx.exec(`DO $$ BEGIN RAISE EXCEPTION '${fault}' USING ERRCODE = '${code}'; END $$`);
            }
          });
          return { fault };
        },
      );
      // Only principals holding notes:write may create here.
      api.post<{ Body: { body: string } }>(
        '/notes/guarded',
        { schema: { body: NOTES_SCHEMA }, config: { permissions: ['notes:write'] } },
        async (request, reply) => {
          const row = await api.withTenant(request, (tx) => insertNote(tx, request.body.body));
          return reply.code(201).send({ id: row.id, body: row.body, nonce: randomUUID() });
        },
      );
      api.get<{ Params: { id: string } }>('/notes/:id', async (request) => {
        const row = await api.withTenant(request, async (tx) => {
          // No tenant filter on purpose: RLS must hide other tenants' rows.
          const { rows } = await tx.query<NoteRow>('select id, tenant_id, body from notes where id = $1', [
            request.params.id,
          ]);
          return rows[0];
        });
        if (!row) throw problem('NOTE_NOT_FOUND', { detail: `No note ${request.params.id}` });
        return { id: row.id, body: row.body, tenant: row.tenant_id };
      });
      api.get('/notes', async (request) =>
        api.withTenant(request, async (tx) => {
          const { rows } = await tx.query<NoteRow>('select id, tenant_id, body from notes order by id');
          return { items: rows };
        }),
      );
    },
  };
}

export async function notesService(
  serviceDir: string,
  database: Database | undefined,
  env: Record<string, string> = {},
  options: NotesOptions = {},
): Promise<ServiceApp> {
  return createService(
    notesDefinition(serviceDir, options),
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '10000000', ...env }),
    database ? { database } : {},
  );
}
