import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService } from '../../test/support.js';
import { adrAligned, BUNDLE_DOCS, bundleComplete, crossLinksValid, overviewDrafted } from './docs.js';

afterAll(cleanup);

const overview = [
  '# svc — overview',
  '',
  ...Array.from({ length: 6 }, (_, i) => `Line ${i} about the service.`),
  '',
  '## 6. Decisions',
  '',
  'none yet',
].join('\n');

function bundle(extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of BUNDLE_DOCS) files[`docs/${name}.md`] = `# ${name}\n\nContent.\n`;
  files['docs/SERVICE_OVERVIEW.md'] = overview;
  files['README.md'] = ['# svc', '', ...BUNDLE_DOCS.map((n) => `- [${n}](docs/${n}.md)`), ''].join('\n');
  for (const d of ['openapi', 'asyncapi', 'migrations', 'ops']) files[`${d}/.keep`] = '';
  return { ...files, ...extra };
}

describe('docs.overview_drafted', () => {
  it('is GREEN with the bundle folders and a drafted overview', async () => {
    const v = await overviewDrafted(await context(await makeService(bundle())));
    expect(v.status).toBe('GREEN');
  });

  it('is RED without the bundle folders, AMBER with an overview that is only markers', async () => {
    const files = bundle();
    delete files['migrations/.keep'];
    expect((await overviewDrafted(await context(await makeService(files)))).reason).toBe(
      'missing migrations/ (data.migrations in shipshape.yaml, default migrations/)',
    );
    const stub = await overviewDrafted(
      await context(
        await makeService(bundle({ 'docs/SERVICE_OVERVIEW.md': '# x\n\nTODO(owner): write it\n' })),
      ),
    );
    expect(stub.status).toBe('AMBER');
    expect(stub.reason).toMatch(/not drafted yet \(0 lines of content\)/);
  });
});

describe('docs.bundle_complete', () => {
  it('is GREEN with 17 docs, a README linking them and no marker', async () => {
    const v = await bundleComplete(await context(await makeService(bundle())));
    expect(v).toMatchObject({
      status: 'GREEN',
      reason: '17 docs and the README.md summary, no stubs remain',
    });
  });

  it('is RED when a doc is missing or the README does not link it', async () => {
    const files = bundle();
    delete files['docs/THREAT_MODEL.md'];
    expect((await bundleComplete(await context(await makeService(files)))).reason).toBe(
      'missing docs/THREAT_MODEL.md (docs in shipshape.yaml)',
    );
    const unlinked = await bundleComplete(
      await context(
        await makeService(bundle({ 'README.md': '# svc\n\n[overview](docs/SERVICE_OVERVIEW.md)\n' })),
      ),
    );
    expect(unlinked.status).toBe('RED');
    expect(unlinked.reason).toMatch(/^README.md does not link docs\/DOMAIN_MODEL.md, /);
  });

  it('is AMBER while owner markers remain, naming where', async () => {
    const v = await bundleComplete(
      await context(await makeService(bundle({ 'docs/DATA_MODEL.md': '# d\n\nTODO(owner): retention\n' }))),
    );
    expect(v.status).toBe('AMBER');
    expect(v.reason).toBe('stubs remain: 1 stub — docs/DATA_MODEL.md:3 (marker: TODO(owner): retention)');
  });
});

describe('docs.cross_links_valid', () => {
  it('is GREEN when files and heading anchors resolve (badges written later do not count)', async () => {
    const v = await crossLinksValid(
      await context(
        await makeService({
          'docs/A.md':
            '# A\n\n## Two words\n\n[b](B.md#section-b) [self](#two-words) ![x](badges/api.svg) [web](https://x.y/z)\n',
          'docs/B.md': '# B\n\n## Section B\n\n[up](../README.md) [a](./A.md)\n',
          'README.md': '# r\n\n[a](docs/A.md)\n',
        }),
      ),
    );
    expect(v).toMatchObject({ status: 'GREEN', reason: '5 relative links in 3 files resolve' });
  });

  it('is RED for a missing file and for a missing heading, with where', async () => {
    const v = await crossLinksValid(
      await context(
        await makeService({
          'docs/A.md': '# A\n\n[gone](GONE.md)\n\n[b](B.md#nope)\n',
          'docs/B.md': '# B\n',
        }),
      ),
    );
    expect(v.status).toBe('RED');
    expect(v.reason).toBe(
      '2 broken links: docs/A.md:3 → GONE.md (no such file), docs/A.md:5 → B.md#nope (no such heading)',
    );
  });
});

describe('docs.adr_aligned', () => {
  it('is GREEN with a Decisions section and no ADR touching the service', async () => {
    const v = await adrAligned(await context(await makeService(bundle())));
    expect(v.status).toBe('GREEN');
    expect(v.reason).toMatch(/^no ADR touches svc/);
  });

  it('is RED for an ADR of the service not linked from SERVICE_OVERVIEW, GREEN once linked', async () => {
    const adr = { 'docs/adr/0001-use-postgres.md': '# Use PostgreSQL\n' };
    const red = await adrAligned(await context(await makeService(bundle(adr))));
    expect(red.status).toBe('RED');
    expect(red.reason).toBe(
      '1 ADR touching svc not linked from SERVICE_OVERVIEW: docs/adr/0001-use-postgres.md',
    );
    const linked = bundle({
      ...adr,
      'docs/SERVICE_OVERVIEW.md': `${overview}\n\n- [ADR 1](adr/0001-use-postgres.md)\n`,
    });
    expect((await adrAligned(await context(await makeService(linked)))).status).toBe('GREEN');
  });
});

describe('docs.bundle_complete: stubs in any form (each a fixture that fooled the literal TODO(owner): count)', () => {
  it.each([
    ['TODO without (owner)', '# d\n\nRetention: TODO\n', 'docs/DATA_MODEL.md:3 (marker: Retention: TODO)'],
    ['a lower-case todo', '# d\n\ntodo: retention\n', 'docs/DATA_MODEL.md:3 (marker: todo: retention)'],
    ['TBD', '# d\n\nRetention is TBD.\n', 'docs/DATA_MODEL.md:3 (marker: Retention is TBD.)'],
    ['FIXME', '# d\n\nFIXME(dba) retention\n', 'docs/DATA_MODEL.md:3 (marker: FIXME(dba) retention)'],
    ['XXX', '# d\n\nXXX retention\n', 'docs/DATA_MODEL.md:3 (marker: XXX retention)'],
    [
      'a marker inside an HTML comment',
      '# d\n\nText.\n\n<!-- TODO(owner): retention -->\n',
      'docs/DATA_MODEL.md:5 (marker: <!-- TODO(owner): retention -->)',
    ],
    ['an empty file', '', 'docs/DATA_MODEL.md:1 (empty file)'],
    [
      'a heading with nothing under it',
      '# d\n\nText.\n\n## Retention\n',
      'docs/DATA_MODEL.md:5 (empty heading "Retention")',
    ],
    [
      'a heading with only a comment under it',
      '# d\n\nText.\n\n## Retention\n\n<!-- later -->\n',
      'docs/DATA_MODEL.md:5 (empty heading "Retention")',
    ],
  ])('is AMBER for %s, with file:line', async (_name, text, where) => {
    const v = await bundleComplete(await context(await makeService(bundle({ 'docs/DATA_MODEL.md': text }))));
    expect(v.status).toBe('AMBER');
    expect(v.reason).toBe(`stubs remain: 1 stub — ${where}`);
  });

  it('does not take ordinary words for markers (todolist, XXXL, auto-do)', async () => {
    const text = '# d\n\nThe todolist table stores XXXL payloads; see TODOS.md-like names.\n';
    expect(
      (await bundleComplete(await context(await makeService(bundle({ 'docs/DATA_MODEL.md': text }))))).status,
    ).toBe('GREEN');
  });
});
