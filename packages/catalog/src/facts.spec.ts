import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceSummary, diffSummary, lintSummary, serviceFacts } from './facts.js';

const dir = mkdtempSync(join(tmpdir(), 'facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (rel: string, value: unknown) => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), typeof value === 'string' ? value : JSON.stringify(value));
};

describe('service facts from saved reports', () => {
  it('has nothing to say without reports', () => {
    expect(conformanceSummary(dir)).toBeUndefined();
    expect(lintSummary(dir)).toBeUndefined();
    expect(diffSummary(dir)).toBeUndefined();
  });

  it('counts conformance results per area', () => {
    put('reports/conformance/conformance.json', {
      startedAt: '2026-12-01T10:00:00Z',
      checks: [
        { area: 'health', status: 'pass' },
        { area: 'health', status: 'fail' },
        { area: 'tenancy', status: 'skip' },
      ],
    });
    expect(conformanceSummary(dir)).toMatchObject({
      passed: 1,
      failed: 1,
      skipped: 1,
      areas: { health: { passed: 1, failed: 1, skipped: 0 }, tenancy: { passed: 0, failed: 0, skipped: 1 } },
    });
  });

  it('sums a diff over its specs and fails when one spec breaks without a major bump', () => {
    put('reports/diff/diff.json', {
      base: 'origin/main',
      comparedAt: '2026-12-01T10:00:00Z',
      specs: [
        { file: 'openapi/a.yaml', report: { breaking: 2, nonBreaking: 1, failed: true } },
        { file: 'asyncapi/a.yaml', report: { breaking: 0, nonBreaking: 3, failed: false } },
      ],
    });
    expect(diffSummary(dir)).toMatchObject({
      base: 'origin/main',
      breaking: 2,
      nonBreaking: 4,
      failed: true,
    });
  });

  it('ignores a report that is not JSON', () => {
    put('reports/lint/lint.json', '{ not json');
    expect(lintSummary(dir)).toBeUndefined();
  });
});

describe('service facts where the descriptor says', () => {
  const svc = mkdtempSync(join(tmpdir(), 'facts-adopted-'));
  afterAll(() => rmSync(svc, { recursive: true, force: true }));
  const file = (rel: string, text = 'x\n') => {
    mkdirSync(join(svc, rel, '..'), { recursive: true });
    writeFileSync(join(svc, rel), text);
  };
  file(
    'shipshape.yaml',
    [
      'descriptorVersion: 1',
      'name: ledger',
      'owner: "@bank/ledger-team"',
      'tier: t0',
      'adopted: true',
      'api: { openapi: [contracts/http.yaml], asyncapi: [] }',
      'docs: { dir: handbook, bundle: { SERVICE_OVERVIEW: handbook/intro.md } }',
      'runbooks: { dir: ops/runbooks }',
      'ops: { alerts: [monitoring/rules.yml], slos: [monitoring/slos.yml] }',
      'reports: { dir: out, diff: evidence/contract }',
      '',
    ].join('\n'),
  );
  // Decoys in the generated layout's places: a tool that reads the defaults would pick these up.
  for (const decoy of ['openapi/decoy.yaml', 'runbooks/decoy.md', 'docs/DECOY.md', 'ops/alerts.yaml'])
    file(decoy);
  for (const real of [
    'contracts/http.yaml',
    'handbook/intro.md',
    'handbook/DATA_MODEL.md',
    'ops/runbooks/ledger-down.md',
    'monitoring/rules.yml',
    'monitoring/slos.yml',
  ])
    file(real);
  file('out/lint/lint.json', JSON.stringify({ summary: { errors: 2, warnings: 1 } }));
  file(
    'reports/diff/diff.json',
    JSON.stringify({ base: 'decoy', comparedAt: '2026-12-01T10:00:00Z', specs: [] }),
  );
  file(
    'evidence/contract/diff.json',
    JSON.stringify({ base: 'origin/main', comparedAt: '2026-12-02T10:00:00Z', specs: [] }),
  );

  it('lists every artifact from its descriptor location, none from the default one', () => {
    const facts = serviceFacts(svc);
    expect(facts).toMatchObject({ adopted: true, owner: '@bank/ledger-team', tier: 't0' });
    expect(facts.artifacts).toEqual({
      openapi: ['contracts/http.yaml'],
      asyncapi: [],
      runbooks: ['ops/runbooks/ledger-down.md'],
      docsDir: 'handbook',
      docs: ['handbook/DATA_MODEL.md', 'handbook/intro.md'],
      bundle: { SERVICE_OVERVIEW: 'handbook/intro.md', DATA_MODEL: 'handbook/DATA_MODEL.md' },
      alerts: ['monitoring/rules.yml'],
      slos: ['monitoring/slos.yml'],
      descriptor: 'shipshape.yaml',
    });
  });

  it('reads saved reports from the descriptor reports folder', () => {
    expect(lintSummary(svc)).toEqual({ errors: 2, warnings: 1, ref: 'out/lint/lint.json' });
    expect(diffSummary(svc)).toMatchObject({ base: 'origin/main', ref: 'evidence/contract/diff.json' });
  });
});
