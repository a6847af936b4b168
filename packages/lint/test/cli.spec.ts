import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { memoryIO, UsageError } from '@shipshape/cli-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceRules } from '@shipshape/spectral-ruleset';
import { run } from '../src/cli.js';
import { BROKEN, cleanup, copyGood, GOOD } from './helpers.js';

afterEach(cleanup);

async function reportDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'shipshape-lint-report-'));
}

describe('shipshape lint', () => {
  it('exits 0 on a clean service, prints only the summary and writes JSON + SARIF under reports/lint', async () => {
    const dir = await copyGood();
    const io = memoryIO({ cwd: dir });
    expect(await run(['.'], io)).toBe(0);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual(['orders: 0 error(s), 0 warning(s) in 5 file(s)']);
    const json = JSON.parse(await readFile(join(dir, 'reports', 'lint', 'lint.json'), 'utf8'));
    expect(json).toMatchObject({
      tool: 'shipshape-lint',
      service: 'orders',
      summary: { errors: 0, warnings: 0 },
    });
    const sarif = JSON.parse(await readFile(join(dir, 'reports', 'lint', 'lint.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toEqual([]);
    const ruleIds = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toEqual(
      expect.arrayContaining(['shipshape-post-idempotency-key', 'shipshape-alert-runbook']),
    );
  });

  it('exits 1 on errors and prints file:line:col severity rule message, relative to the cwd', async () => {
    const out = await reportDir();
    const io = memoryIO({ cwd: join(BROKEN, '..') });
    expect(await run(['broken-service', '--report-dir', out], io)).toBe(1);
    expect(io.stdout[0]).toBe(
      'broken-service/asyncapi/orders.yaml:38:14 error shipshape-channel-address-naming channel address acme.orders.order-deleted.v1 must be <org>.<service>.<entity>.<verb>.v<N>',
    );
    expect(io.stdout).toHaveLength(17);
    for (const line of io.stdout)
      expect(line).toMatch(/^broken-service\/[^:]+:\d+:\d+ (error|warning|info|hint) \S+ .+$/);
    expect(io.stderr[0]).toMatch(
      /^broken-service: 17 error\(s\), 0 warning\(s\) in 5 file\(s\); failing gates: /,
    );
    await rm(out, { recursive: true });
  });

  it('writes SARIF results with rule, level, location and gate', async () => {
    const out = await reportDir();
    await run([BROKEN, '--report-dir', out], memoryIO());
    const sarif = JSON.parse(await readFile(join(out, 'lint.sarif'), 'utf8'));
    const result = sarif.runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === 'shipshape-post-idempotency-key',
    );
    expect(result).toMatchObject({
      level: 'error',
      message: { text: '"Idempotency-Key" must be required' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'openapi/orders.yaml', uriBaseId: 'SERVICEROOT' },
            region: { startLine: 212, startColumn: 17 },
          },
          logicalLocations: [{ fullyQualifiedName: '/components/parameters/IdempotencyKey/required' }],
        },
      ],
      properties: { gate: 'api.idempotency' },
    });
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('shipshape-post-idempotency-key');
    // An OWASP finding carries its gate, and its rule entry OWASP's description and the rules page section.
    const owasp = sarif.runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === 'owasp:api8:2023-no-server-http',
    );
    expect(owasp).toMatchObject({ level: 'error', properties: { gate: 'sec.crypto' } });
    expect(sarif.runs[0].tool.driver.rules[owasp.ruleIndex]).toMatchObject({
      id: 'owasp:api8:2023-no-server-http',
      shortDescription: { text: expect.stringContaining('http://') },
      help: { text: 'See docs/rules.md#owasp-api-security-rules in @shipshape/spectral-ruleset.' },
      properties: { gate: 'sec.crypto' },
    });
    await rm(out, { recursive: true });
  });

  it('prints the JSON report with --format json', async () => {
    const io = memoryIO();
    expect(await run([GOOD, '--format', 'json', '--no-report'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report.findings).toEqual([]);
    expect(report.gates.length).toBeGreaterThan(5);
  });

  it('lints several services in one run, one report folder each', async () => {
    const a = await copyGood();
    const out = await reportDir();
    const io = memoryIO();
    expect(await run([a, BROKEN, '--report-dir', out], io)).toBe(1);
    expect((await readdir(out)).sort()).toEqual(['broken-service', 'orders']);
    expect(io.stderr).toHaveLength(2);
    await rm(out, { recursive: true });
  });

  it('fails on warnings only with --strict', async () => {
    const dir = await copyGood();
    const { editYaml } = await import('./helpers.js');
    await editYaml(dir, 'openapi/orders.yaml', (doc) => {
      delete doc.paths['/api/v1/orders'].get.description; // spectral:oas operation-description is a warning
    });
    expect(await run([dir, '--no-report'], memoryIO())).toBe(0);
    const io = memoryIO();
    expect(await run([dir, '--no-report', '--strict'], io)).toBe(1);
    expect(io.stdout).toHaveLength(1);
    const file = relative(process.cwd(), join(dir, 'openapi/orders.yaml'));
    expect(io.stdout[0].startsWith(`${file}:`)).toBe(true);
    expect(io.stdout[0]).toMatch(
      /:\d+:\d+ warning operation-description Operation "description" must be present and non-empty string\.$/,
    );
  });

  it('throws a usage error (exit 2, one line) when it cannot run', async () => {
    await expect(run([], memoryIO())).rejects.toThrow(
      new UsageError('a service directory is required (shipshape lint <service-dir>)'),
    );
    await expect(run(['/nonexistent/service'], memoryIO())).rejects.toThrow(
      'service directory /nonexistent/service does not exist',
    );
    await expect(run([join(GOOD, 'ops', 'slos.yaml')], memoryIO())).rejects.toThrow(/is not a directory$/);
    await expect(run([GOOD, '--format', 'xml'], memoryIO())).rejects.toThrow(
      '--format must be one of text, json (got "xml")',
    );
    const error = await run(['/nonexistent'], memoryIO()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
  });

  it('prints help', async () => {
    const io = memoryIO();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.stdout[0]).toContain('Usage: shipshape lint <service-dir>');
    expect(io.stdout[0]).toContain('--report-dir');
  });
});

describe('service rule tests', () => {
  it('has exactly one test file per service rule id', async () => {
    const files = (await readdir(new URL('./rules/', import.meta.url))).filter((f) => f.endsWith('.spec.ts'));
    expect(files.map((f) => f.replace(/\.spec\.ts$/, '')).sort()).toEqual(Object.keys(serviceRules).sort());
  });
});
