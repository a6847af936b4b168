/**
 * notes-api: an Express service with no tenancy, its OpenAPI under api/, SQL under sql/, a Helm chart under
 * charts/ and Prometheus rules under monitoring/. Adopt it, then lint and judge it from those artifacts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryIO } from '@shipshape/cli-kit';
import { loadDescriptor, type LintReport } from '@shipshape/contracts';
import { run as lintCli } from '@shipshape/lint/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as adoptCli } from '../src/cli.js';
import { adopt, type AdoptResult } from '../src/index.js';
import { copyExample, gate, snapshot } from './support.js';

const example = copyExample('notes-api');
const { dir } = example;
let dryRun: { exit: number; stdout: string[]; before: Record<string, string>; after: Record<string, string> };
let result: AdoptResult;

beforeAll(async () => {
  const io = memoryIO({ cwd: join(dir, '..') });
  const before = snapshot(dir);
  const exit = await adoptCli(['notes-api', '--dry-run'], io);
  dryRun = { exit, stdout: io.stdout, before, after: snapshot(dir) };
  result = await adopt(dir);
});
afterAll(() => example.cleanup());

describe('adopt notes-api', () => {
  it('--dry-run prints the plan and the level today, and writes nothing', () => {
    expect(dryRun.exit).toBe(0);
    expect(dryRun.after).toEqual(dryRun.before);
    expect(dryRun.stdout).toContain('  found  Helm chart charts/notes-api/');
    expect(dryRun.stdout).toContain(
      '  would add  shipshape.yaml  — the service descriptor: where every artifact lives',
    );
    expect(dryRun.stdout).toContain(
      '  would add  runbooks/notes-api-down.md  — runbook skeleton for alert NotesApiDown',
    );
    expect(
      dryRun.stdout.some((l) => /^readiness: (L\d|below L0) today \(dry run: nothing written\)$/.test(l)),
    ).toBe(true);
    expect(dryRun.stdout).toContain('top gaps:');
  });

  it('describes a single-tenant service with a chart and rules in places of its own', () => {
    expect(loadDescriptor(dir)).toMatchObject({
      name: 'notes-api',
      api: { openapi: ['api/openapi.yaml'], asyncapi: [] },
      data: { migrations: 'sql', dialect: 'postgresql', tenancy: 'none' },
      deploy: { helm: 'charts/notes-api', manifests: [] },
      ops: { alerts: ['monitoring/alerts.yml'] },
      local: { command: 'npm start', healthUrl: 'http://127.0.0.1:{port}/healthz' },
    });
    expect(loadDescriptor(dir)?.org).toBeUndefined();
    const config = JSON.parse(readFileSync(join(dir, 'conformance.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config.tenancy).toBeUndefined();
    expect(config).toMatchObject({ resource: '/notes', apiPrefix: '', health: { ready: '/healthz' } });
    expect(readFileSync(join(dir, 'docs/SECURITY_MODEL.md'), 'utf8')).toContain(
      'Single-tenant: no tenant column, no row-level security.',
    );
    expect(result.plan.notes).toContain(
      "single-tenant: the conformance suite's tenancy checks cannot pass; list the ones that do not apply under `skip` in conformance.config.json",
    );
    expect(readdirSync(join(dir, 'runbooks')).sort()).toEqual(['notes-api-down.md', 'notes-api-errors.md']);
  });

  it('shipshape lint finds what the Express service does not do the house way', async () => {
    const io = memoryIO({ cwd: dir });
    expect(await lintCli(['.', '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.stdout.join('\n')) as LintReport;
    expect(report.files).toContain('api/openapi.yaml');
    expect(report.files).toContain('monitoring/alerts.yml');
    const messages = (id: string) => report.findings.filter((f) => f.gate === id).map((f) => f.message);
    expect(gate(report.gates, 'api.openapi_present').status).toBe('fail');
    expect(messages('api.openapi_present')).toContain('list operation must accept a "limit" query parameter');
    expect(messages('api.error_codes_registered')).toContain(
      'error code "NOTES_NOT_FOUND" must be <ORG>.<SVC>.<CODE> (upper case)',
    );
    expect(messages('obs.runbooks')).toEqual([
      'alert NotesApiDown must have annotations.runbook_url',
      'alert NotesApiErrors must have annotations.runbook_url',
    ]);
  });

  it('readiness judges the gates from its real artifacts', () => {
    const gates = result.readiness.after!.gates;
    expect(gate(gates, 'api.idempotency')).toMatchObject({
      status: 'RED',
      reason: expect.stringContaining('Idempotency-Key'),
    });
    expect(gate(gates, 'api.openapi_present')).toMatchObject({
      status: 'RED',
      reason: expect.stringContaining('"limit" query parameter'),
    });
    expect(existsSync(join(dir, '.github/workflows/notes-api-readiness.yml'))).toBe(true);
  });

  it('a second run plans nothing and changes nothing', async () => {
    const first = snapshot(dir);
    const again = await adopt(dir, { evaluate: false });
    expect(again.plan.files).toEqual([]);
    expect(snapshot(dir)).toEqual(first);
  });
});
