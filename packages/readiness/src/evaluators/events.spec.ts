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
      reason: 'no outbox table in the migrations (service or @shipshape/runtime)',
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
  it('is GREEN when a CI workflow runs shipshape diff over asyncapi/, AMBER otherwise', async () => {
    const dir = await makeService({
      '.github/workflows/ci.yml':
        'jobs:\n  x:\n    steps:\n      - run: npx shipshape diff base/asyncapi/svc.yaml asyncapi/svc.yaml\n',
    });
    expect((await schemaRegistry(await context(dir))).status).toBe('GREEN');
    const none = await schemaRegistry(
      await context(await makeService({ '.github/workflows/ci.yml': 'jobs: {}\n' })),
    );
    expect(none).toMatchObject({
      status: 'AMBER',
      reason: 'no CI workflow runs `shipshape diff` over asyncapi/ (looked at 1 workflow)',
    });
  });
});
