/**
 * The iam-service example is laid out the way the iam-service seed describes its service: OpenAPI under
 * openapi/, readiness YAML under infra/readiness/, migrations under db/migrations/ with RLS, a plain
 * Kubernetes manifest, runbooks under ops/runbooks/. Adopt it, then lint and judge it from those artifacts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryIO } from '@shipshape/cli-kit';
import { loadDescriptor, type LintReport } from '@shipshape/contracts';
import { run as lintCli } from '@shipshape/lint/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, type AdoptResult } from '../src/index.js';
import { copyExample, gate, snapshot } from './support.js';

const example = copyExample('iam-service');
const { dir } = example;
let original: Record<string, string>;
let result: AdoptResult;

beforeAll(async () => {
  original = snapshot(dir);
  result = await adopt(dir);
});
afterAll(() => example.cleanup());

describe('adopt iam-service', () => {
  it('writes a descriptor that names where each artifact really is', () => {
    expect(loadDescriptor(dir)).toEqual({
      descriptorVersion: 1,
      name: 'iam-service',
      org: 'melmastoon',
      tier: 't0',
      owner: '@melmastoon/iam-team',
      adopted: true,
      api: { openapi: ['openapi/iam-service.yaml'], asyncapi: [] },
      data: {
        migrations: 'db/migrations',
        dialect: 'postgresql',
        tenancy: 'row-level',
        tenantColumn: 'tenant_id',
        globalTables: ['permissions'],
      },
      deploy: { manifests: ['deploy/k8s/iam-service.yaml'] },
      ops: { alerts: ['ops/prometheus/iam-service.rules.yaml'] },
      runbooks: { dir: 'ops/runbooks' },
      docs: {
        dir: 'docs',
        bundle: { SERVICE_OVERVIEW: 'docs/overview.md', SECURITY_MODEL: 'docs/security.md' },
      },
      readiness: { file: 'infra/readiness/iam-service.yaml' },
      local: { command: 'npm start', healthUrl: 'http://127.0.0.1:{port}/health/ready' },
    });
  });

  it('adds only what is missing and leaves every existing file as it was', () => {
    const added = result.written.map((f) => f.slice(dir.length + 1)).sort();
    expect(added).toContain('docs/DATA_MODEL.md');
    expect(added).toContain('ops/runbooks/iam-token-signing-failures.md');
    expect(added).toContain('errors/error-codes.yaml');
    expect(added).toContain('conformance.config.json');
    expect(added).toContain('.github/workflows/iam-service-readiness.yml');
    // overview.md and security.md play those roles; IamHighErrorRate has its runbook; README is the team's.
    expect(added).not.toContain('docs/SERVICE_OVERVIEW.md');
    expect(added).not.toContain('docs/SECURITY_MODEL.md');
    expect(added).not.toContain('ops/runbooks/iam-high-error-rate.md');
    expect(added.filter((f) => f.startsWith('docs/'))).toHaveLength(15);
    const after = snapshot(dir);
    for (const [file, hash] of Object.entries(original)) expect([file, after[file]]).toEqual([file, hash]);
    expect(result.plan.notes).toContain(
      'alert IamTokenSigningFailures in ops/prometheus/iam-service.rules.yaml has no runbook_url annotation: point it at ops/runbooks/iam-token-signing-failures.md',
    );
  });

  it('pre-fills the bundle from the migrations and the OpenAPI document', () => {
    const dataModel = readFileSync(join(dir, 'docs/DATA_MODEL.md'), 'utf8');
    expect(dataModel).toMatch(/\| `role_grants` \| yes \| enabled \|/);
    expect(dataModel).toMatch(/\| `permissions` \| no \| no \|/);
    expect(dataModel).toContain(
      '| `role_grants_user_permission_idx` | tenant_id, user_id, permission | yes |',
    );
    const api = readFileSync(join(dir, 'docs/API_CONTRACT.md'), 'utf8');
    expect(api).toContain('| `POST` | `/api/v1/users` | createUser | Create a user |');
    const registry = readFileSync(join(dir, 'errors/error-codes.yaml'), 'utf8');
    expect(registry).toMatch(/code: MELMASTOON\.IAM\.USER_NOT_FOUND\n\s+status: 404/);
    expect(registry).toMatch(
      /code: MELMASTOON\.IAM\.RATE_LIMITED\n\s+status: 429\n\s+title: Too many requests/,
    );
    const config = JSON.parse(readFileSync(join(dir, 'conformance.config.json'), 'utf8')) as unknown;
    expect(config).toEqual({
      resource: '/api/v1/users',
      apiPrefix: '/api/v1',
      health: { ready: '/health/ready', live: '/health/live' },
      tenancy: { claim: 'tenant_id', crossTenantStatuses: [404] },
      errorCodes: 'errors/error-codes.yaml',
    });
  });

  it('shipshape lint judges the artifacts where the descriptor says they are', async () => {
    const io = memoryIO({ cwd: dir });
    const exit = await lintCli(['.', '--format', 'json'], io);
    const report = JSON.parse(io.stdout.join('\n')) as LintReport;
    expect(exit).toBe(1);
    expect(report.files).toEqual([
      'openapi/iam-service.yaml',
      'errors/error-codes.yaml',
      'ops/prometheus/iam-service.rules.yaml',
    ]);
    // The house rules pass; OWASP API9 finds the hand-written document's one server without `x-internal` (its
    // audience), a real finding of the API document's inventory.
    expect(gate(report.gates, 'api.openapi_present').status).toBe('fail');
    expect(report.findings.filter((f) => f.gate === 'api.openapi_present').map((f) => f.rule)).toEqual([
      'owasp:api9:2023-inventory-access',
    ]);
    expect(gate(report.gates, 'api.error_codes_registered').status).toBe('pass');
    // The other OWASP findings are real too, each under its security gate: a plain-http server, responses
    // without rate-limit or CORS headers, integers without format.
    expect(gate(report.gates, 'sec.crypto').status).toBe('fail');
    expect(gate(report.gates, 'sec.waf_rules').status).toBe('fail');
    expect(gate(report.gates, 'sec.headers').status).toBe('fail');
    // IamHighErrorRate's runbook is found in ops/runbooks/; the other alert still lacks its annotation.
    const runbookFindings = report.findings.filter((f) => f.gate === 'obs.runbooks');
    expect(runbookFindings.map((f) => [f.file, f.message])).toEqual([
      [
        'ops/prometheus/iam-service.rules.yaml',
        'alert IamTokenSigningFailures must have annotations.runbook_url',
      ],
    ]);
    expect(existsSync(join(dir, 'reports/lint/lint.json'))).toBe(true);
  });

  // The other gates readiness reads from the descriptor's places: test/readiness-layout.spec.ts.
  it('readiness: the registry gate goes from RED to GREEN, the API gate is judged from openapi/', () => {
    const before = result.readiness.before!.gates;
    const after = result.readiness.after!.gates;
    expect(gate(before, 'api.error_codes_registered')).toMatchObject({
      status: 'RED',
      reason: expect.stringContaining('errors/error-codes.yaml is missing'),
    });
    expect(gate(after, 'api.error_codes_registered').status).toBe('GREEN');
    // Judged from openapi/ (not "missing"): RED on the OWASP inventory finding shipshape lint reports there.
    expect(gate(after, 'api.openapi_present')).toMatchObject({
      status: 'RED',
      reason: expect.stringContaining(
        'openapi/iam-service.yaml:17 Declare intended audience of every server',
      ),
    });
    // Every link adopt wrote (to migrations, rules, runbooks, specs) resolves.
    expect(gate(after, 'docs.cross_links_valid').status).toBe('GREEN');
    // Adopt writes the Glossary heading with a marker, never placeholder terms that would pass the gate.
    expect(gate(after, 'domain.ubiquitous_language').status).not.toBe('GREEN');
    expect(result.gaps.length).toBeGreaterThan(0);
    expect(result.gaps.every((g) => g.status === 'RED' || g.status === 'AMBER')).toBe(true);
  });

  it('a second run plans nothing and changes nothing', async () => {
    const first = snapshot(dir);
    const again = await adopt(dir, { evaluate: false });
    expect(again.plan.descriptorExisted).toBe(true);
    expect(again.plan.files).toEqual([]);
    expect(again.written).toEqual([]);
    expect(snapshot(dir)).toEqual(first);
  });
});
