import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanup, makeService } from '../test/support.js';
import { loadCatalog } from './catalog.js';
import type { ReadinessResult } from './types.js';
import { groupBadge, levelBadge, markdownTable, STATUS_BEGIN, STATUS_END, writeReadiness } from './write.js';

afterAll(cleanup);

function result(dir: string): ReadinessResult {
  return {
    service: 'svc',
    serviceDir: dir,
    level: 'L1',
    target: 'L4',
    targetSource: 'tier t1',
    evaluatedAt: '2026-11-20T12:00:00.000Z',
    summary: { GREEN: 1, AMBER: 1, RED: 1 },
    blocking: ['api.idempotency', 'docs.bundle_complete'],
    warnings: [],
    provenance: { inputsHash: 'sha256:0', catalogHash: 'sha256:0' },
    gates: [
      {
        id: 'docs.bundle_complete',
        group: 'docs',
        title: 't',
        level: 'L4',
        judged: 'automated',
        attestable: false,
        blocking: false,
        applies: true,
        status: 'AMBER',
        reason: 'stubs remain: TODO(owner): here | there',
        evidence: [],
      },
      {
        id: 'api.openapi_present',
        group: 'api',
        title: 't',
        level: 'L1',
        judged: 'automated',
        attestable: false,
        blocking: false,
        applies: true,
        status: 'GREEN',
        reason: 'lint clean',
        evidence: [],
      },
      {
        id: 'api.idempotency',
        group: 'api',
        title: 't',
        level: 'L2',
        judged: 'automated',
        attestable: false,
        blocking: false,
        applies: true,
        status: 'RED',
        reason: 'failed',
        evidence: [],
      },
    ],
  };
}

describe('writeReadiness', () => {
  it('rewrites only the section between the markers, keeps readiness.yaml’s own keys, writes badges', async () => {
    const before = `# svc — readiness\n\n## 2. Status\n\n${STATUS_BEGIN}\nNot evaluated yet.\n${STATUS_END}\n\n## 3. Gates\n\nunchanged\n`;
    const dir = await makeService({
      'docs/SERVICE_READINESS.md': before,
      'readiness.yaml': '# mine\ntarget: L3 # we ship at L3\nevidenceMaxAgeDays: 14\n',
    });
    const written = await writeReadiness(result(dir), loadCatalog());
    expect(written.skipped).toEqual([]);
    expect(written.written).toEqual([
      'readiness.yaml',
      'docs/SERVICE_READINESS.md',
      'docs/badges/docs.svg',
      'docs/badges/api.svg',
      'docs/badges/level.svg',
    ]);
    const doc = await readFile(join(dir, 'docs/SERVICE_READINESS.md'), 'utf8');
    expect(
      doc.startsWith(
        `# svc — readiness\n\n## 2. Status\n\n${STATUS_BEGIN}\n\n![Readiness level](badges/level.svg)`,
      ),
    ).toBe(true);
    expect(doc.endsWith(`${STATUS_END}\n\n## 3. Gates\n\nunchanged\n`)).toBe(true);
    expect(doc).toContain('| `api.idempotency`      | L2    | RED    | failed');
    expect(doc).toContain('stubs remain: TODO(owner) here \\| there');
    expect(doc).not.toContain('TODO(owner):');

    const yamlText = await readFile(join(dir, 'readiness.yaml'), 'utf8');
    expect(yamlText).toContain('target: L3 # we ship at L3');
    const yaml = parse(yamlText) as Record<string, unknown>;
    expect(yaml).toMatchObject({
      target: 'L3',
      evidenceMaxAgeDays: 14,
      level: 'L1',
      evaluatedAt: '2026-11-20T12:00:00.000Z',
    });
    expect((yaml.gates as Record<string, unknown>)['api.idempotency']).toEqual({
      status: 'RED',
      level: 'L2',
      judged: 'automated',
      reason: 'failed',
    });

    const badge = await readFile(join(dir, 'docs/badges/api.svg'), 'utf8');
    expect(badge).toMatch(/^<svg /);
    expect(badge).toContain('1 red');
  });

  it('leaves a SERVICE_READINESS.md without markers alone and says so', async () => {
    const dir = await makeService({ 'docs/SERVICE_READINESS.md': '# svc\n' });
    const written = await writeReadiness(result(dir), loadCatalog());
    expect(written.skipped).toEqual([
      { file: 'docs/SERVICE_READINESS.md', reason: `no ${STATUS_BEGIN} … ${STATUS_END} markers` },
    ]);
    expect(await readFile(join(dir, 'docs/SERVICE_READINESS.md'), 'utf8')).toBe('# svc\n');
  });
});

describe('badges and tables', () => {
  it('colours a group by its worst gate and the level by the target', () => {
    expect(groupBadge('API', ['GREEN', 'GREEN'])).toContain('2/2 green');
    expect(groupBadge('API', ['GREEN', 'AMBER'])).toContain('fill="#d8b800"'); // yellow
    expect(levelBadge({ level: 'L4', target: 'L4', summary: { GREEN: 1, AMBER: 0, RED: 0 } })).toContain(
      'fill="#4b0"',
    ); // brightgreen
    expect(levelBadge({ level: null, target: 'L4', summary: { GREEN: 0, AMBER: 1, RED: 0 } })).toContain(
      'below L0',
    );
  });

  it('pads Markdown tables like Prettier does', () => {
    expect(markdownTable(['a', 'long header'], [['xyz', '1']])).toBe(
      ['| a   | long header |', '| --- | ----------- |', '| xyz | 1           |'].join('\n'),
    );
  });
});
