/**
 * A small example aggregate ("notes") on the runtime's HTTP core plus the data side, the way a generated
 * service's routes use it: one tenant transaction writes the domain row, its outbox event and its audit
 * row. Until createService lands, the data side is wired here by hand (idempotency plugin in the /api/v1
 * scope, withTenant = db.tenantTx(request.tenant)).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { mintDevToken } from '../../src/auth/auth.js';
import type { Database } from '../../src/data/types.js';
import { problem } from '../../src/errors/problem.js';
import idempotencyPlugin, { type IdempotencyPluginOptions } from '../../src/idempotency/plugin.js';
import { testHttpApp, type TestHttpApp } from '../../src/service/http-app.spec-helper.js';

export interface ExampleAppOptions {
  db: Database;
  idempotency?: Omit<IdempotencyPluginOptions, 'db' | 'metrics'>;
  /** Delay inside the create handler, to widen the in-flight window. */
  createDelayMs?: number;
}

export interface NoteRow {
  id: string;
  tenant_id: string;
  body: string;
}

export const NOTES_SCHEMA = {
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: { body: { type: 'string', minLength: 1, maxLength: 1000 }, fail: { type: 'boolean' } },
} as const;

export async function exampleApp(options: ExampleAppOptions): Promise<TestHttpApp> {
  const { db } = options;
  let created = 0;
  const routes = async (api: FastifyInstance): Promise<void> => {
    api.post<{ Body: { body: string; fail?: boolean } }>(
      '/notes',
      { schema: { body: NOTES_SCHEMA } },
      async (request, reply) => {
        if (options.createDelayMs) await new Promise((r) => setTimeout(r, options.createDelayMs));
        if (request.body.fail && created++ === 0) throw new Error('transient failure (first attempt only)');
        const id = randomUUID();
        const row = await api.withTenant(request, async (tx) => {
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
        reply.code(201).header('location', `/api/v1/notes/${id}`);
        return { id: row.id, body: row.body, createdAt: new Date().toISOString(), nonce: randomUUID() };
      },
    );
    api.get<{ Params: { id: string } }>('/notes/:id', async (request) => {
      const row = await db.tenantTx(request.tenant, async (tx) => {
        const { rows } = await tx.query<NoteRow>('select id, tenant_id, body from notes where id = $1', [
          request.params.id,
        ]);
        return rows[0];
      });
      if (!row) throw problem('NOT_FOUND', { detail: `No note ${request.params.id}` });
      return { id: row.id, body: row.body };
    });
    api.get('/notes', async (request) => {
      const { rows } = await db.tenantTx(request.tenant, (tx) =>
        tx.query<NoteRow>('select id, tenant_id, body from notes order by id'),
      );
      return { items: rows };
    });
    api.post('/notes/search', { config: { idempotency: false } }, async () => ({ items: [] }));
    api.post<{ Params: { id: string } }>('/notes/:id/archive', async (request) => ({
      archived: request.params.id,
    }));
  };

  const app: TestHttpApp = await testHttpApp({
    env: { RATE_LIMIT_MAX: '10000000', LOG_LEVEL: 'warn' },
    routes,
    apiPlugins: [
      fp(async (api) => {
        await api.register(idempotencyPlugin, {
          db,
          metrics: {
            replayed: (r) => app.metrics.idempotency.replayed(r),
            conflict: (r, why) => app.metrics.idempotency.conflict(r, why),
          },
          ...options.idempotency,
        });
      }),
    ],
  });
  return app;
}

export async function bearer(
  tenant: string,
  options: { subject?: string; claims?: Record<string, unknown> } = {},
): Promise<string> {
  return `Bearer ${await mintDevToken({ tenant, serviceName: 'orders', ...options })}`;
}
