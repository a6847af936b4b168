/**
 * The readiness evaluator (`shipshape readiness`) on a freshly rendered service: the bundle's artifacts prove
 * the gates they are meant to prove, the owner markers are the only thing keeping the bundle from complete,
 * sync and AI are declared not applicable, and `--write` finds the status markers and badge paths the
 * templates leave for it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { evaluateReadiness, writeReadiness, type ReadinessResult } from '@shipshape/readiness';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderService } from '../src/index.js';
import { gateCatalog } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const model = ordersModel('t1');
const root = mkdtempSync(join(tmpdir(), 'shipshape-readiness-'));
const dir = join(root, 'orders');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('shipshape readiness on the rendered service', () => {
  let result: ReadinessResult;
  const gate = (id: string) => {
    const g = result.gates.find((x) => x.id === id);
    if (!g) throw new Error(`no gate ${id}`);
    return g;
  };

  beforeAll(async () => {
    for (const f of renderService(model).service) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    result = await evaluateReadiness(dir);
  });

  it('judges the gates the bundle provides GREEN', () => {
    for (const id of [
      'docs.overview_drafted',
      'docs.cross_links_valid',
      'obs.dashboards',
      'obs.slos',
      'obs.runbooks',
    ]) {
      expect(gate(id).status, `${id}: ${gate(id).reason}`).toBe('GREEN');
    }
    expect(gate('obs.runbooks').reason).toContain(`${model.alerts.length} alerts`);
  });

  it('keeps the bundle incomplete only for the owner markers', () => {
    const bundle = gate('docs.bundle_complete');
    expect(bundle.status).toBe('AMBER');
    const markers = renderService(model)
      .service.filter((f) => f.path.endsWith('.md'))
      .reduce((n, f) => n + f.content.split(model.todo).length - 1, 0);
    expect(bundle.reason).toContain(`stubs remain: ${markers} stubs`);
  });

  it('leaves the sync and AI groups to a person: AMBER until someone attests they do not apply', () => {
    const groups = result.gates.filter(
      (x) => (x.group === 'sync' || x.group === 'ai') && x.judged === 'attested',
    );
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.applies, g.id).toBe(true);
      expect(g.status, g.id).toBe('AMBER');
    }
    expect(result.warnings.filter((w) => /applies: false/.test(w))).toEqual([]);
  });

  it('asks for the load baseline the load runner records', () => {
    expect(gate('perf.load_baseline_recorded').reason).toContain('load/run-load.mjs --record');
  });

  it('--write fills the status section between the markers and writes a badge per group', async () => {
    const written = await writeReadiness(result);
    expect(written.skipped).toEqual([]);
    const doc = readFileSync(join(dir, 'docs', 'SERVICE_READINESS.md'), 'utf8');
    const section = doc.slice(
      doc.indexOf('<!-- shipshape:readiness:begin -->'),
      doc.indexOf('<!-- shipshape:readiness:end -->'),
    );
    expect(section).not.toContain('Not evaluated yet');
    expect(section).toContain('docs.bundle_complete');
    // Every badge the README and SERVICE_READINESS show now exists.
    for (const g of gateCatalog())
      expect(existsSync(join(dir, 'docs', 'badges', `${g.id}.svg`)), g.id).toBe(true);
    expect(existsSync(join(dir, 'docs', 'badges', 'level.svg'))).toBe(true);
  });
});
