/**
 * A versioned "drafts" aggregate on createService, written the way a generated resource writes its routes:
 * ETag from `version` on create, read and update; If-Match compared inside the UPDATE/DELETE statement.
 * `ifMatch: 'required'` is the setting a team turns on per resource (428 without the header).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  entityTag,
  preconditionFailed,
  readIfMatch,
  versionCondition,
  versionParam,
  type IfMatch,
} from '../../src/concurrency/index.js';
import { loadConfig } from '../../src/config/config.js';
import type { Database, Tx } from '../../src/data/types.js';
import { problem } from '../../src/errors/problem.js';
import { standardRegistryEntries } from '../../src/errors/registry.js';
import { createService, type ServiceApp } from '../../src/service/service.js';

export interface Draft {
  id: string;
  title: string;
  version: number;
}

const MIGRATION = `
CREATE TABLE drafts (
  id        uuid PRIMARY KEY,
  tenant_id text NOT NULL,
  title     text NOT NULL,
  version   integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
ALTER TABLE drafts ENABLE ROW LEVEL SECURITY;
ALTER TABLE drafts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON drafts
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
GRANT SELECT, INSERT, UPDATE, DELETE ON drafts TO shipshape_app;
`;

/** errors/error-codes.yaml and migrations/ of the drafts service in a temp dir. */
export async function writeDraftsServiceDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-drafts-'));
  await mkdir(join(dir, 'errors'), { recursive: true });
  await mkdir(join(dir, 'migrations'), { recursive: true });
  await writeFile(
    join(dir, 'errors', 'error-codes.yaml'),
    stringify({
      org: 'acme',
      service: 'drafts',
      codes: [
        ...standardRegistryEntries('acme', 'drafts').map(({ code, status, title }) => ({
          code,
          status,
          title,
        })),
        { code: 'ACME.DRAFTS.DRAFT_NOT_FOUND', status: 404, title: 'Draft not found' },
      ],
    }),
  );
  await writeFile(join(dir, 'migrations', '0001_drafts.sql'), MIGRATION);
  return dir;
}

export interface DraftsOptions {
  /** If-Match on PATCH and DELETE (default optional). */
  ifMatch?: 'optional' | 'required';
  /** A pause inside the PATCH transaction after the row was read: widens the window of a race. */
  patchDelayMs?: number;
}

const COLUMNS = 'id, title, version';
const notFound = (id: string) => problem('DRAFT_NOT_FOUND', { detail: `No draft ${id}` });

async function findDraft(tx: Tx, id: string, forUpdate = false): Promise<Draft | undefined> {
  const { rows } = await tx.query<Draft>(
    `SELECT ${COLUMNS} FROM drafts WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [tx.tenantId, id],
  );
  return rows[0];
}

async function updateDraft(tx: Tx, id: string, title: string, ifMatch: IfMatch): Promise<Draft | undefined> {
  const { rows } = await tx.query<Draft>(
    `UPDATE drafts SET title = $4, version = version + 1
      WHERE tenant_id = $1 AND id = $2 AND ${versionCondition(3)}
  RETURNING ${COLUMNS}`,
    [tx.tenantId, id, versionParam(ifMatch), title],
  );
  return rows[0];
}

async function deleteDraft(tx: Tx, id: string, ifMatch: IfMatch): Promise<Draft | undefined> {
  const { rows } = await tx.query<Draft>(
    `DELETE FROM drafts WHERE tenant_id = $1 AND id = $2 AND ${versionCondition(3)} RETURNING ${COLUMNS}`,
    [tx.tenantId, id, versionParam(ifMatch)],
  );
  return rows[0];
}

export async function draftsService(
  serviceDir: string,
  database: Database,
  options: DraftsOptions = {},
): Promise<ServiceApp> {
  const required = options.ifMatch === 'required';
  return createService(
    {
      name: 'drafts',
      org: 'acme',
      version: '0.1.0',
      serviceDir,
      routes: (api) => {
        api.post<{ Body: { title: string } }>('/drafts', async (request, reply) => {
          const id = randomUUID();
          const row = await api.withTenant(request, async (tx) => {
            const { rows } = await tx.query<Draft>(
              `INSERT INTO drafts (id, tenant_id, title) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
              [id, tx.tenantId, request.body.title],
            );
            return rows[0]!;
          });
          return reply.code(201).header('etag', entityTag(row.version)).send(row);
        });
        api.get<{ Params: { id: string } }>('/drafts/:id', async (request, reply) => {
          const row = await api.withTenant(request, (tx) => findDraft(tx, request.params.id));
          if (!row) throw notFound(request.params.id);
          return reply.header('etag', entityTag(row.version)).send(row);
        });
        api.patch<{ Params: { id: string }; Body: { title: string } }>(
          '/drafts/:id',
          async (request, reply) => {
            const ifMatch = readIfMatch(request, { required });
            const { id } = request.params;
            const row = await api.withTenant(request, async (tx) => {
              const before = await findDraft(tx, id, true);
              if (!before) throw notFound(id);
              if (options.patchDelayMs) await new Promise((r) => setTimeout(r, options.patchDelayMs));
              const after = await updateDraft(tx, id, request.body.title, ifMatch);
              if (!after) throw preconditionFailed(ifMatch, before.version);
              return after;
            });
            return reply.header('etag', entityTag(row.version)).send(row);
          },
        );
        api.delete<{ Params: { id: string } }>('/drafts/:id', async (request, reply) => {
          const ifMatch = readIfMatch(request, { required });
          const { id } = request.params;
          await api.withTenant(request, async (tx) => {
            if (await deleteDraft(tx, id, ifMatch)) return;
            const current = await findDraft(tx, id);
            throw current ? preconditionFailed(ifMatch, current.version) : notFound(id);
          });
          return reply.code(204).send();
        });
      },
    },
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '10000000' }),
    { database },
  );
}
