import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryIO, UsageError } from '@shipshape/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { closeDatabase } from '../src/artifacts/pgcatalog.js';
import { run } from '../src/cli.js';
import { makeProvenance } from '../src/provenance.js';
import { STATUS_BEGIN, STATUS_END } from '../src/write.js';
import { cleanup, context, copyOrders, FIXTURES, makeService } from './support.js';
import { unitIntegration } from '../src/evaluators/tests.js';

afterAll(async () => {
  await closeDatabase();
  await cleanup();
});

interface JsonOut {
  service: string;
  level: string | null;
  target: string;
  gates: {
    id: string;
    group: string;
    status: string;
    reasonCode: string | null;
    reason: string;
    evidence: unknown[];
  }[];
}

async function cli(args: string[]) {
  const io = memoryIO();
  const code = await run(args, io);
  return { code, io };
}

/** The committed conformance evidence of orders, dated now and stamped with the copy's provenance. */
async function stampedConformance(dir: string): Promise<string> {
  const report = JSON.parse(await readFile(join(FIXTURES, 'conformance-orders.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  report.startedAt = new Date().toISOString();
  report.provenance = await makeProvenance(dir, 'orders', 'shipshape conformance', '0.1.0', [
    'openapi',
    'src',
    'migrations',
  ]);
  const file = join(dir, 'reports', 'conformance', 'conformance.json');
  await mkdir(join(dir, 'reports', 'conformance'), { recursive: true });
  await writeFile(file, JSON.stringify(report));
  return file;
}

describe('shipshape readiness (command module) on a copy of services/orders', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await copyOrders();
    await stampedConformance(dir);
  });

  it('--format json --check: the JSON contract, exit 1 and one stderr line per blocking gate', async () => {
    const { code, io } = await cli([dir, '--format', 'json', '--check']);
    const out = JSON.parse(io.stdout.join('\n')) as JsonOut;
    // Honest: conformance passes, but no test results or coverage exist for this commit, so L2 is not reached.
    expect(out).toMatchObject({ service: 'orders', level: 'L1', target: 'L4' });
    expect(out.gates.length).toBe(66);
    for (const g of out.gates) {
      expect(Object.keys(g)).toEqual(
        expect.arrayContaining([
          'id',
          'group',
          'status',
          'reasonCode',
          'reason',
          'evidence',
          'blocking',
          'attestable',
        ]),
      );
      expect(['GREEN', 'AMBER', 'RED']).toContain(g.status);
    }
    expect(out.gates.find((g) => g.id === 'api.idempotency')!.status).toBe('GREEN');
    expect(code).toBe(1);
    expect(io.stderr).toContain(
      'check: orders: obs.slos (L3) AMBER (blocking): no burn-rate alert for latency-p95, error-rate',
    );
    expect(
      io.stderr.find((l) => l.startsWith('check: orders: tests.unit_integration (L2) AMBER (blocking)')),
    ).toBeDefined();
    expect(io.stderr.at(-1)).toBe(
      'check: orders fails target L4: 2 gate(s) block (tests.unit_integration, obs.slos)',
    );
  });

  it('--check --target: exit 0 at a level the service meets, 1 naming exactly what blocks the next', async () => {
    const l1 = await cli([dir, '--check', '--target', 'L1']);
    expect(l1.code).toBe(0);
    expect(l1.io.stderr.at(-1)).toBe('check: orders passes target L1');
    const l2 = await cli([dir, '--check', '--target', 'L2', '--format', 'sarif']);
    expect(l2.code).toBe(1);
    expect(l2.io.stderr.at(-1)).toBe(
      'check: orders fails target L2: 1 gate(s) block (tests.unit_integration)',
    );
    const sarif = JSON.parse(l2.io.stdout.join('\n')) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r) => r.ruleId)).toContain('obs.slos');
  });

  it('--write: readiness.yaml and the status section show this evaluation, outside the markers nothing changes', async () => {
    const docFile = join(dir, 'docs', 'SERVICE_READINESS.md');
    const original = await readFile(docFile, 'utf8');
    await writeFile(join(dir, 'readiness.yaml'), 'target: L2 # this service ships at L2\n');
    const { io } = await cli([dir, '--write', '--format', 'json']);
    expect(io.stderr[0]).toMatch(
      /^wrote readiness.yaml, docs\/SERVICE_READINESS.md, docs\/badges\/docs.svg, .*docs\/badges\/level.svg$/,
    );
    const json = JSON.parse(io.stdout.join('\n')) as JsonOut;
    const yaml = parse(await readFile(join(dir, 'readiness.yaml'), 'utf8')) as {
      target: string;
      level: string;
      gates: Record<string, { status: string }>;
    };
    expect(yaml.target).toBe('L2');
    expect(yaml.level).toBe(json.level);
    for (const g of json.gates) expect(yaml.gates[g.id].status, g.id).toBe(g.status);
    const doc = await readFile(docFile, 'utf8');
    const outside = (text: string) =>
      text.slice(0, text.indexOf(STATUS_BEGIN)) + text.slice(text.indexOf(STATUS_END));
    expect(outside(doc)).toBe(outside(original));
    expect(doc).toContain(`**Level ${json.level}** (target L2)`);
    for (const group of ['docs', 'tests', 'data', 'sync', 'ops', 'level'])
      expect(await readFile(join(dir, 'docs', 'badges', `${group}.svg`), 'utf8')).toMatch(/^<svg /);
  });

  it('cannot run: one line and exit code 2 (missing folder, unreadable evidence, bad flags)', async () => {
    const expectUsage = async (args: string[], message: RegExp) => {
      const error = await run(args, memoryIO()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
      expect((error as UsageError).message).toMatch(message);
      expect((error as UsageError).message).not.toContain('\n');
    };
    await expectUsage([], /^missing <service-dir>/);
    await expectUsage([join(dir, 'nope')], /^service folder not found: /);
    await expectUsage(
      [dir, '--conformance', join(dir, 'missing.json')],
      /^conformance report .*missing.json cannot be read$/,
    );
    await expectUsage(
      [dir, '--format', 'xml'],
      /^--format must be one of text, json, sarif, junit, intoto \(got "xml"\)$/,
    );
    await expectUsage([dir, '--target', 'L2'], /^--target goes with --check$/);
    await expectUsage([dir, '--check', '--target', 'L9'], /^--target must be one of L0, L1/);
    await expectUsage([dir, '--frobnicate'], /frobnicate/);
  });

  it('--help renders the flag table', async () => {
    const { code, io } = await cli(['--help']);
    expect(code).toBe(0);
    expect(io.stdout[0]).toMatch(/^Usage: shipshape readiness <service-dir>/);
    expect(io.stdout.join('\n')).toContain('--check');
  });
});

describe('shipshape readiness --all on a generated workspace', () => {
  it('scores every service into one table and one JSON document (the docs site input)', async () => {
    const orders = await copyOrders();
    const root = join(orders, '..', 'ws');
    await mkdir(join(root, 'services'), { recursive: true });
    await writeFile(join(root, 'nx.json'), '{}');
    await cp(orders, join(root, 'services', 'orders'), { recursive: true });
    await cp(orders, join(root, 'services', 'invoices'), { recursive: true });
    const manifest = join(root, 'services', 'invoices', '.shipshape', 'manifest.json');
    const m = JSON.parse(await readFile(manifest, 'utf8')) as { options: Record<string, unknown> };
    m.options = { ...m.options, name: 'invoices', tier: 't2', owner: '@acme/billing' };
    await writeFile(manifest, JSON.stringify(m));
    await writeFile(join(root, 'services', 'invoices', 'project.json'), JSON.stringify({ name: 'invoices' }));

    const { code, io } = await cli(['--all', root, '--format', 'json']);
    const out = JSON.parse(io.stdout.join('\n')) as {
      services: {
        service: string;
        dir: string;
        level: string;
        target: string;
        tier: string;
        owner: string;
        gates: unknown[];
      }[];
    };
    expect(out.services.map((s) => [s.service, s.dir, s.tier, s.owner, s.target])).toEqual([
      ['invoices', 'services/invoices', 't2', '@acme/billing', 'L3'],
      ['orders', 'services/orders', 't1', '@acme/orders-team', 'L4'],
    ]);
    for (const s of out.services) expect(s.gates.length).toBe(66);
    expect(code).toBe(0); // no gate is RED (only --check blocks on AMBER)

    const text = await cli(['--all', root]);
    expect(text.io.stdout[0]).toMatch(/^service +level +target +GREEN +AMBER +RED +blocking$/);
    expect(text.io.stdout.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['invoices', 'orders']);
  }, 600_000);
});

describe('shipshape readiness --stamp', () => {
  it('records the provenance of a JUnit run so tests.unit_integration can trust it; a later edit voids it', async () => {
    const dir = await makeService({
      'src/app.ts': 'export {};\n',
      'test/app.spec.ts': 'it("x", () => {});\n',
      'reports/tests/junit.xml':
        '<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase classname="s" name="x"/></testsuite></testsuites>',
    });
    expect((await unitIntegration(await context(dir))).code).toBe('UNVERIFIED_EVIDENCE');
    const { code, io } = await cli([dir, '--stamp', 'reports/tests:vitest:src,test']);
    expect(code).toBe(0);
    expect(io.stderr[0]).toMatch(/wrote .*reports\/tests\/provenance.json$/);
    expect((await unitIntegration(await context(dir))).status).toBe('GREEN');
    await writeFile(join(dir, 'src', 'app.ts'), 'export const changed = 1;\n');
    expect((await unitIntegration(await context(dir))).reason).toMatch(/judged other inputs/);
    await expect(run([dir, '--stamp', 'reports/tests'], memoryIO())).rejects.toThrow(
      /--stamp must look like/,
    );
  });
});
