import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService, writeConformance, writeLint } from '../../test/support.js';
import { loadCatalog } from '../catalog.js';
import { evaluateReadiness } from '../evaluate.js';
import { auditLogging, dependencyScan, headers, secretScan } from './sec.js';
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

describe('sec gates a lint rule evidences (the OWASP API Security ruleset)', () => {
  const corsFinding = {
    gate: 'sec.headers',
    file: 'openapi/svc.yaml',
    line: 12,
    message: 'Response should include an "Access-Control-Allow-Origin" header.',
    rule: 'owasp:api8:2023-define-cors-origin',
  };

  it('sec.headers is RED on a lint error even while the running service passes its header checks', async () => {
    const dir = await makeService({ 'openapi/svc.yaml': 'openapi: 3.1.0\n' });
    await writeConformance(dir, [
      { id: 'security.headers', gate: 'sec.headers', status: 'pass', detail: 'nosniff, no version' },
    ]);
    await writeLint(dir, [{ id: 'sec.headers', status: 'fail', errors: 1 }], [corsFinding]);
    const v = await headers(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.reason).toMatch(/^lint: 1 error \(openapi\/svc.yaml:12 Response should include/);
    await writeLint(dir, [{ id: 'sec.headers', status: 'pass' }]);
    expect((await headers(await context(dir))).status).toBe('GREEN');
  });

  it('an attested gate (sec.crypto) is RED when lint finds an error under it, GREEN on the attestation otherwise', async () => {
    const now = new Date();
    const dir = await makeService({
      'openapi/svc.yaml': 'openapi: 3.1.0\n',
      'readiness/attestations.yaml': `- { gate: sec.crypto, by: "@security", at: ${now.toISOString().slice(0, 10)}, evidence: "https://wiki.example.com/crypto-review" }\n`,
    });
    const sec = (() => {
      const full = loadCatalog();
      const kept = full.groups.filter((g) => g.id === 'sec');
      return { ...full, groups: kept, gates: kept.flatMap((g) => g.gates) };
    })();
    const crypto = async () =>
      (await evaluateReadiness(dir, { now, catalog: sec })).gates.find((g) => g.id === 'sec.crypto')!;
    await writeLint(
      dir,
      [{ id: 'sec.crypto', status: 'fail', errors: 1 }],
      [
        {
          gate: 'sec.crypto',
          file: 'openapi/svc.yaml',
          line: 4,
          message: 'Server URLs must not use http://. https:// is highly recommended.',
          rule: 'owasp:api8:2023-no-server-http',
        },
      ],
    );
    const contradicted = await crypto();
    expect(contradicted.status).toBe('RED');
    expect(contradicted.reason).toContain(
      'lint: 1 error (openapi/svc.yaml:4 Server URLs must not use http://',
    );
    await writeLint(dir, [{ id: 'sec.crypto', status: 'pass' }]);
    expect(await crypto()).toMatchObject({
      status: 'GREEN',
      reason: expect.stringMatching(/^attested by @security/),
    });
  });
});
