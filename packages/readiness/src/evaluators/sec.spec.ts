import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService } from '../../test/support.js';
import { auditLogging, dependencyScan, secretScan } from './sec.js';
import { stampReports } from '../stamp.js';

afterAll(cleanup);

const AUDIT = `CREATE TABLE app_audit (id bigint, tenant_id text);
CREATE TRIGGER app_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON app_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse();
`;
const route = (body: string) => `export async function r(api) {
  api.patch('/x/:id', async (request) => api.withTenant(request, async (tx) => { ${body} }));
}
`;

describe('sec.audit_logging', () => {
  it('is GREEN when every mutation records an audit row in its transaction and the table is append-only', async () => {
    const dir = await makeService({
      'migrations/0001_audit.sql': AUDIT,
      'src/r.ts': route('await tx.audit.record({});'),
    });
    expect(await auditLogging(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: '1 mutation route record audit rows in their transaction; app_audit is append-only',
    });
  });

  it('is AMBER for a mutation without audit.record, and when nothing refuses UPDATE/DELETE', async () => {
    const none = await auditLogging(
      await context(await makeService({ 'migrations/0001_audit.sql': AUDIT, 'src/r.ts': route('') })),
    );
    expect(none).toMatchObject({
      status: 'AMBER',
      reason: 'no audit.record found in PATCH /x/:id (src/r.ts:2)',
    });
    const mutable = await auditLogging(
      await context(
        await makeService({
          'migrations/0001_audit.sql': 'CREATE TABLE app_audit (id int);',
          'src/r.ts': route('await tx.audit.record({});'),
        }),
      ),
    );
    expect(mutable.reason).toBe(
      'app_audit has no trigger refusing UPDATE and DELETE (append-only is not enforced)',
    );
  });

  it('is RED without an audit table', async () => {
    expect((await auditLogging(await context(await makeService({ 'src/r.ts': route('') })))).status).toBe(
      'RED',
    );
  });
});

/** A service with src/ and package.json whose security reports were stamped right after the scans. */
async function stamped(files: Record<string, string>) {
  const dir = await makeService({ 'package.json': '{}', 'src/app.ts': 'export {};\n', ...files });
  await stampReports(dir, 'svc', {
    folder: 'reports/security',
    tool: 'security-scans',
    inputs: ['package.json', 'src'],
  });
  return dir;
}

describe('sec scans: hand-written reports are not evidence', () => {
  it.each([
    [
      'npm audit',
      'reports/security/npm-audit.json',
      JSON.stringify({ metadata: { vulnerabilities: { high: 0, critical: 0 } } }),
      dependencyScan,
    ],
    ['gitleaks', 'reports/security/gitleaks.json', '[]', secretScan],
  ] as const)(
    '%s: a clean report without a stamp is AMBER "unverified evidence"',
    async (_name, file, content, evaluator) => {
      const dir = await makeService({ 'package.json': '{}', 'src/app.ts': 'export {};\n', [file]: content });
      expect(await evaluator(await context(dir))).toMatchObject({
        status: 'AMBER',
        code: 'UNVERIFIED_EVIDENCE',
      });
    },
  );
});

describe('sec.dependency_scan', () => {
  const audit = (high: number, critical: number) =>
    JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities:
        high + critical ? { lodash: { name: 'lodash', severity: critical ? 'critical' : 'high' } } : {},
      metadata: {
        vulnerabilities: { info: 0, low: 1, moderate: 2, high, critical, total: 3 + high + critical },
      },
    });

  it('is AMBER without a report, GREEN without high/critical, RED with one', async () => {
    expect((await dependencyScan(await context(await makeService({})))).status).toBe('AMBER');
    const clean = await stamped({ 'reports/security/npm-audit.json': audit(0, 0) });
    expect(await dependencyScan(await context(clean))).toMatchObject({
      status: 'GREEN',
      reason: 'npm audit: no high or critical advisory (2 moderate, 1 low)',
    });
    const bad = await makeService({ 'reports/security/npm-audit.json': audit(0, 1) });
    expect(await dependencyScan(await context(bad))).toMatchObject({
      status: 'RED',
      reason: '1 high or critical advisory: lodash (critical)',
    });
  });

  it('is AMBER (stale) when package.json changed after the scan', async () => {
    const dir = await makeService({ 'reports/security/npm-audit.json': audit(0, 0), 'package.json': '{}' });
    const past = new Date(Date.now() - 3_600_000);
    await utimes(join(dir, 'reports/security/npm-audit.json'), past, past);
    const v = await dependencyScan(await context(dir));
    expect(v).toMatchObject({
      status: 'AMBER',
      reason: 'stale: package.json changed after reports/security/npm-audit.json was written (GREEN then)',
    });
  });
});

describe('sec.secret_scan', () => {
  it('reads a Gitleaks JSON report', async () => {
    const clean = await stamped({ 'reports/security/gitleaks.json': '[]' });
    expect((await secretScan(await context(clean))).status).toBe('GREEN');
    const leak = await makeService({
      'reports/security/gitleaks.json': JSON.stringify([
        { RuleID: 'aws-access-token', File: 'src/config.ts', StartLine: 3 },
      ]),
    });
    expect(await secretScan(await context(leak))).toMatchObject({
      status: 'RED',
      reason: '1 secret found: src/config.ts:3 aws-access-token',
    });
    expect(
      (await secretScan(await context(await makeService({ 'reports/security/gitleaks.json': '{}' })))).status,
    ).toBe('RED');
  });
});
