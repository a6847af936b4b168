import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { problem, standardRegistryEntries, type Database, type ServiceDefinition } from '../src/index.js';

// What the bench serves: one `items` table, the runtime's routes on it and the bare Fastify baseline.

const MIGRATION = `
CREATE TABLE items (
  id         text PRIMARY KEY,
  tenant_id  text NOT NULL,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON items
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
GRANT SELECT, INSERT, UPDATE, DELETE ON items TO shipshape_app;
`;

const itemBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/** The service directory the runtime reads: the items migration and the error-code registry. */
export async function writeServiceDir(serviceDir: string): Promise<void> {
  await mkdir(join(serviceDir, 'errors'), { recursive: true });
  await mkdir(join(serviceDir, 'migrations'), { recursive: true });
  await writeFile(join(serviceDir, 'migrations', '0001_items.sql'), MIGRATION);
  await writeFile(
    join(serviceDir, 'errors', 'error-codes.yaml'),
    stringify({
      org: 'acme',
      service: 'items',
      codes: [
        ...standardRegistryEntries('acme', 'items').map(({ code, status, title }) => ({
          code,
          status,
          title,
        })),
        { code: 'ACME.ITEMS.ITEM_NOT_FOUND', status: 404, title: 'Item not found' },
      ],
    }),
  );
}

/** The runtime service: `/ping`, `GET /items/:id` (tenant transaction), POST with and without idempotency. */
export function itemsService(serviceDir: string): ServiceDefinition {
  return {
    name: 'items',
    org: 'acme',
    version: '0.0.0-bench',
    serviceDir,
    routes: (api) => {
      api.get('/ping', async (request) => ({ ok: true, tenant: request.tenant.id }));
      api.get('/items/:id', async (request) => {
        const { id } = request.params as { id: string };
        const row = await api.withTenant(
          request,
          async (tx) =>
            (await tx.query('select id, name, created_at from items where id = $1', [id])).rows[0],
        );
        if (!row) throw problem('ITEM_NOT_FOUND');
        return row;
      });
      const create = (idempotency: boolean) =>
        api.post(
          idempotency ? '/items' : '/items-plain',
          { schema: { body: itemBody }, config: { idempotency } },
          async (request, reply) => {
            const { name } = request.body as { name: string };
            const row = await api.withTenant(
              request,
              async (tx) =>
                (
                  await tx.query(
                    'insert into items (id, tenant_id, name) values ($1, $2, $3) returning id, name',
                    [randomUUID(), tx.tenantId, name],
                  )
                ).rows[0],
            );
            return reply.code(201).send(row);
          },
        );
      create(true);
      create(false);
    },
  };
}

/** The bare baseline: plain Fastify, same database, no runtime plugin. */
export function bareApp(db: Database): FastifyInstance {
  const bare = Fastify({ logger: false });
  bare.get('/ping', async () => ({ ok: true, tenant: 't1' }));
  bare.get('/items/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { rows } = await db.query('select id, name, created_at from items where id = $1', [id]);
    if (!rows[0]) return reply.code(404).send({ error: 'not found' });
    return rows[0];
  });
  bare.post('/items', { schema: { body: itemBody } }, async (request, reply) => {
    const { name } = request.body as { name: string };
    const { rows } = await db.query(
      'insert into items (id, tenant_id, name) values ($1, $2, $3) returning id, name',
      [randomUUID(), 't1', name],
    );
    return reply.code(201).send(rows[0]);
  });
  return bare;
}
