import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService } from '../../test/support.js';
import { idempotentConsumers, outbox, schemaRegistry } from './events.js';

afterAll(cleanup);

const OUTBOX = 'CREATE TABLE app_outbox (id uuid PRIMARY KEY, tenant_id text NOT NULL, data jsonb);\n';
const routes = (body: string) => `export async function routes(api) {
  api.post('/things', { schema: {} }, async (request) => {
    ${body}
  });
}
`;

describe('events.outbox', () => {
  it('is GREEN when every mutation route adds its event inside the tenant transaction', async () => {
    const dir = await makeService({
      'migrations/0001_outbox.sql': OUTBOX,
      'src/routes.ts': routes('return api.withTenant(request, async (tx) => { await tx.outbox.add({}); });'),
    });
    const v = await outbox(await context(dir));
    expect(v).toMatchObject({
      status: 'GREEN',
      reason: '1 mutation route add their event in the same transaction (app_outbox)',
    });
  });

  it('is RED when the event is added outside the transaction, and when there is no outbox table', async () => {
    const outside = await outbox(
      await context(
        await makeService({
          'migrations/0001_outbox.sql': OUTBOX,
          'src/routes.ts': routes(
            'await api.withTenant(request, async (tx) => tx.query("x")); await api.outbox.add({});',
          ),
        }),
      ),
    );
    expect(outside).toMatchObject({
      status: 'RED',
      reason: 'outbox.add outside the tenant transaction in POST /things (src/routes.ts:2)',
    });
    const noTable = await outbox(
      await context(
        await makeService({
          'asyncapi/svc.yaml': 'asyncapi: 3.0.0\nchannels:\n  c: { address: acme.svc.thing.created.v1 }\n',
          'src/routes.ts': routes(''),
        }),
      ),
    );
    expect(noTable).toMatchObject({
      status: 'RED',
      reason:
        "no outbox table in migrations/ (data.migrations in shipshape.yaml, default migrations/) or @shipshape/runtime's migrations",
    });
  });

  it('reads the runtime’s own migrations when the service depends on @shipshape/runtime', async () => {
    const dir = await makeService({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@shipshape/runtime': '0.1.0' } }),
      'src/routes.ts': routes('return api.withTenant(request, async (tx) => tx.outbox.add({}));'),
    });
    const v = await outbox(await context(dir));
    expect(v.status).toBe('GREEN');
    expect(v.evidence[0]).toMatchObject({
      ref: '@shipshape/runtime/migrations/0003_outbox.sql:2',
      detail: 'table shipshape_outbox',
    });
  });
});

describe('events.idempotent_consumers', () => {
  it('is GREEN with an inbox keyed by event id, RED without one', async () => {
    const ok = await idempotentConsumers(
      await context(
        await makeService({
          'migrations/0001_inbox.sql':
            'CREATE TABLE app_inbox (consumer text, event_id text, PRIMARY KEY (consumer, event_id));',
        }),
      ),
    );
    expect(ok).toMatchObject({
      status: 'GREEN',
      reason: 'app_inbox dedupes by (consumer, event_id); the service consumes no events yet',
    });
    const none = await idempotentConsumers(
      await context(
        await makeService({
          'migrations/0001_inbox.sql': 'CREATE TABLE app_inbox (consumer text, event_id text);',
        }),
      ),
    );
    expect(none.status).toBe('RED');
  });

  it('is AMBER when asyncapi/ receives events but src/ never uses the inbox', async () => {
    const v = await idempotentConsumers(
      await context(
        await makeService({
          'migrations/0001_inbox.sql': 'CREATE TABLE app_inbox (event_id text UNIQUE);',
          'asyncapi/svc.yaml': 'asyncapi: 3.0.0\noperations:\n  onPaid: { action: receive }\n',
          'src/consumer.ts': 'export const handle = () => 1;\n',
        }),
      ),
    );
    expect(v).toMatchObject({
      status: 'AMBER',
      reason: 'asyncapi/ declares 1 receive operation but src/ never uses the inbox',
    });
  });
});

describe('events.schema_registry', () => {
  const diffStep =
    '      - name: contract diff\n        run: npx shipshape diff base/asyncapi/svc.yaml asyncapi/svc.yaml\n';

  it("is GREEN when the service's own workflow has a step that runs shipshape diff over asyncapi/", async () => {
    const dir = await makeService({ '.github/workflows/ci.yml': `jobs:\n  x:\n    steps:\n${diffStep}` });
    expect(await schemaRegistry(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: `the service's CI checks event schema compatibility (.github/workflows/ci.yml, step "contract diff")`,
    });
  });

  it('is GREEN for `shipshape diff --base <ref> <service-dir>`, which compares every document of the service', async () => {
    const step = (args: string) =>
      `jobs:\n  x:\n    steps:\n      - name: contract diff\n        run: npx shipshape diff --base "origin/main" ${args}\n`;
    const green = await makeService({ '.github/workflows/ci.yml': step('services/svc') });
    expect((await schemaRegistry(await context(green))).status).toBe('GREEN');
    // Another service's folder, or a folder whose name only starts like this one's, is not this service.
    for (const other of ['services/billing', 'services/svc-legacy']) {
      const dir = await makeService({ '.github/workflows/ci.yml': step(other) });
      expect((await schemaRegistry(await context(dir))).status).toBe('AMBER');
    }
  });

  it('is AMBER without such a step', async () => {
    const none = await schemaRegistry(
      await context(await makeService({ '.github/workflows/ci.yml': 'jobs: {}\n' })),
    );
    expect(none).toMatchObject({
      status: 'AMBER',
      reason:
        "no step of the service's workflow (.github/workflows/ci.yml) runs `shipshape diff` over asyncapi/ (api.asyncapi in shipshape.yaml, default asyncapi/)",
    });
  });

  it.each([
    [
      'the command only in a comment',
      `jobs:\n  x:\n    steps:\n      - run: |\n          # npx shipshape diff a/asyncapi/svc.yaml b\n          echo ok\n`,
    ],
    [
      'the command in a YAML comment',
      `# npx shipshape diff asyncapi/\njobs:\n  x:\n    steps:\n      - run: echo ok\n`,
    ],
    [
      'a step switched off',
      `jobs:\n  x:\n    steps:\n      - if: false\n        run: npx shipshape diff a/asyncapi/x.yaml b\n`,
    ],
  ])('is not GREEN with %s', async (_name, workflow) => {
    const dir = await makeService({ '.github/workflows/ci.yml': workflow });
    expect((await schemaRegistry(await context(dir))).status).toBe('AMBER');
  });

  it("is not GREEN from another service's workflow in the repository", async () => {
    const dir = await makeService({}, 'svc');
    const root = join(dir, '..');
    await writeFile(join(root, 'nx.json'), '{}');
    await mkdir(join(root, '.github', 'workflows'), { recursive: true });
    await writeFile(
      join(root, '.github', 'workflows', 'billing.yml'),
      `on:\n  push:\n    paths: ['billing/**']\njobs:\n  x:\n    steps:\n${diffStep}`,
    );
    expect((await schemaRegistry(await context(dir))).status).toBe('AMBER');
    await writeFile(
      join(root, '.github', 'workflows', 'svc.yml'),
      `on:\n  push:\n    paths: ['svc/**']\njobs:\n  x:\n    steps:\n${diffStep}`,
    );
    expect((await schemaRegistry(await context(dir))).status).toBe('GREEN');
  });
});
