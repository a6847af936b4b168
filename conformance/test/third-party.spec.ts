import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJsonServer, type RunningJsonServer } from '../fixture/json-server.js';
import { runConformance, type Report } from '../src/index.js';

/**
 * A real third-party API server (json-server 0.17.4 from npm, offline, in-process) judged by
 * standards: the verdict of every check must match the committed table, each failure justified there.
 */
interface Verdicts {
  profile: 'standard';
  config: { publicResources: string[] };
  failures: Record<string, string>;
  passes: string[];
  skips: Record<string, string>;
  skipsByRootCause: Record<string, string[]>;
}

const table = JSON.parse(
  readFileSync(new URL('./third-party/json-server.verdicts.json', import.meta.url), 'utf8'),
) as Verdicts;

let server: RunningJsonServer;
let report: Report;
beforeAll(async () => {
  server = await startJsonServer();
  report = await runConformance({
    url: server.url,
    openapi: fileURLToPath(new URL('./third-party/json-server.yaml', import.meta.url)),
    tenants: [
      { id: 'a', token: 'credential-a' },
      { id: 'b', token: 'credential-b' },
    ],
    config: table.config,
    profile: table.profile,
    timeoutMs: 5_000,
  });
}, 120_000);
afterAll(async () => server?.close());

describe('json-server 0.17.4 under --profile standard', () => {
  it('fails exactly the checks the table justifies', () => {
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failed.sort()).toEqual(Object.keys(table.failures).sort());
    for (const why of Object.values(table.failures)) expect(why.length).toBeGreaterThan(20);
  });

  it('passes exactly the listed checks', () => {
    const passed = report.checks.filter((c) => c.status === 'pass').map((c) => c.id);
    expect(passed.sort()).toEqual([...table.passes].sort());
  });

  it('skips every other check with the reason the table gives', () => {
    const expected: Record<string, string> = { ...table.skips };
    for (const [why, ids] of Object.entries(table.skipsByRootCause)) for (const id of ids) expected[id] = why;
    const skipped = Object.fromEntries(
      report.checks.filter((c) => c.status === 'skip').map((c) => [c.id, c.detail]),
    );
    expect(skipped).toEqual(expected);
  });

  it('detects the root-level paths and public operations, and leaves nothing behind', () => {
    expect(report.plan).toContain(
      'prefix: (none: paths start at the root) (detected from the paths and servers)',
    );
    expect(report.cleanup.leftover).toEqual([]);
    expect(report.cleanup.created).toBeGreaterThan(10);
    expect(report.cleanup.deleted).toBe(report.cleanup.created);
  });
});
