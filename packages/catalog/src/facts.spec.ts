import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceSummary, diffSummary, lintSummary } from './facts.js';

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
