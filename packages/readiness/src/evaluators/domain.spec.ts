import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService } from '../../test/support.js';
import { aggregatesDefined, ubiquitousLanguage } from './domain.js';

afterAll(cleanup);

const asyncapi = `asyncapi: 3.0.0
channels:
  created: { address: acme.svc.order.created.v1 }
  deleted: { address: acme.svc.order.deleted.v1 }
`;

const model = (events: string, invariants = '- name is never empty.') => `# svc — domain model

## Order

| field | type |
| ----- | ---- |
| \`id\` | uuid |

### Invariants

${invariants}

### Domain events

${events}

## Glossary

| term | meaning |
| ---- | ------- |
| order | a thing |
| tenant | a customer |
`;

describe('domain.aggregates_defined', () => {
  it('is GREEN when every aggregate of asyncapi/ has fields, invariants and its events in DOMAIN_MODEL', async () => {
    const dir = await makeService({
      'asyncapi/svc.yaml': asyncapi,
      'docs/DOMAIN_MODEL.md': model('- `acme.svc.order.created.v1`\n- `acme.svc.order.deleted.v1`'),
    });
    const v = await aggregatesDefined(await context(dir));
    expect(v).toMatchObject({
      status: 'GREEN',
      reason: '1 aggregate (order) with fields, invariants and domain events',
    });
  });

  it('is RED for an undocumented event, an empty Invariants section or a missing aggregate', async () => {
    const missingEvent = await aggregatesDefined(
      await context(
        await makeService({
          'asyncapi/svc.yaml': asyncapi,
          'docs/DOMAIN_MODEL.md': model('- `acme.svc.order.created.v1`'),
        }),
      ),
    );
    expect(missingEvent.reason).toBe(
      'docs/DOMAIN_MODEL.md: order: events not documented: acme.svc.order.deleted.v1',
    );
    const noInvariants = await aggregatesDefined(
      await context(
        await makeService({
          'asyncapi/svc.yaml': asyncapi,
          'docs/DOMAIN_MODEL.md': model(
            'acme.svc.order.created.v1 acme.svc.order.deleted.v1',
            '- TODO(owner): list them',
          ),
        }),
      ),
    );
    expect(noInvariants.reason).toBe('docs/DOMAIN_MODEL.md: order: Invariants lists none');
    const other = await aggregatesDefined(
      await context(
        await makeService({
          'asyncapi/svc.yaml': 'asyncapi: 3.0.0\nchannels:\n  c: { address: acme.svc.invoice.created.v1 }\n',
          'docs/DOMAIN_MODEL.md': model(''),
        }),
      ),
    );
    expect(other).toMatchObject({ status: 'RED', reason: 'docs/DOMAIN_MODEL.md: invoice: no section' });
  });
});

describe('domain.ubiquitous_language', () => {
  it('counts the glossary terms', async () => {
    const v = await ubiquitousLanguage(
      await context(await makeService({ 'docs/DOMAIN_MODEL.md': model('') })),
    );
    expect(v).toMatchObject({ status: 'GREEN', reason: 'glossary with 2 terms' });
  });

  it('is RED without a glossary and AMBER with an empty one', async () => {
    const none = await ubiquitousLanguage(
      await context(await makeService({ 'docs/DOMAIN_MODEL.md': '# m\n\n## Order\n' })),
    );
    expect(none).toMatchObject({ status: 'RED', reason: 'docs/DOMAIN_MODEL.md has no Glossary section' });
    const empty = await ubiquitousLanguage(
      await context(
        await makeService({ 'docs/DOMAIN_MODEL.md': '# m\n\n## Glossary\n\nTODO(owner): add terms\n' }),
      ),
    );
    expect(empty.status).toBe('AMBER');
  });
});
