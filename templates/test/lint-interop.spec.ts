/**
 * The whole rendered service, for every tier and with two aggregates, passes `shipshape lint` (the house
 * linter the `lint-api` target runs): alert rules and their runbooks, SLOs, and the specs beside them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lintService } from '@shipshape/lint';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { renderService, type Tier } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';

// Spectral and the AsyncAPI parser take seconds to load on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const root = mkdtempSync(join(tmpdir(), 'shipshape-lint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeService(tier: Tier, resources: string[]): string {
  const dir = join(root, `${tier}-${resources.length}`, 'orders');
  for (const f of renderService(ordersModel(tier, resources)).service) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  return dir;
}

describe('shipshape lint on the rendered service', () => {
  it.each([
    ['t0', []],
    ['t1', ['line-item']],
    ['t2', []],
  ] as [Tier, string[]][])(
    'finds nothing in a %s service (extra aggregates: %j)',
    async (tier, resources) => {
      const report = await lintService(writeService(tier, resources));
      expect(report.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)).toEqual([]);
    },
  );

  it('does flag a runbook that goes missing (the check is live)', async () => {
    const dir = writeService('t1', []);
    rmSync(join(dir, 'runbooks', 'orders-not-ready.md'));
    const report = await lintService(dir);
    expect(report.findings.map((f) => f.message)).toContain(
      'alert OrdersNotReady: runbook runbooks/orders-not-ready.md does not exist',
    );
  });
});
