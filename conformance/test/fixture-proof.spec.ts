import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureSpec, startFixture, type RunningFixture } from '../fixture/app.js';
import { DEFECTS, DEFECT_NAMES, type Defect } from '../fixture/defects.js';
import { builtinChecks, runConformance, type Report } from '../src/index.js';

/** Where the suite finds a running fixture: its URL, its spec and its two tenants. */
function target(fixture: RunningFixture) {
  return {
    url: fixture.url,
    openapi: fixture.specUrl,
    tenants: [
      { id: 'tenant-a', token: fixture.tokens.a },
      { id: 'tenant-b', token: fixture.tokens.b },
    ],
  };
}

async function runAgainst(defects: Defect[]): Promise<{ report: Report; fixture: RunningFixture }> {
  const fixture = await startFixture({ defects });
  try {
    const report = await runConformance({
      ...target(fixture),
      timeoutMs: 1_500,
    });
    return { report, fixture };
  } finally {
    await fixture.close();
  }
}

describe('the suite against the clean fixture', () => {
  let report: Report;
  let fixture: RunningFixture;
  beforeAll(async () => {
    ({ report, fixture } = await runAgainst([]));
  });

  it('fails no check', () => {
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`);
    expect(failed).toEqual([]);
  });

  it('runs every area and skips only what the target cannot show, with a reason', () => {
    expect(new Set(report.checks.map((c) => c.area))).toEqual(
      new Set(['health', 'errors', 'idempotency', 'tenancy', 'tracing', 'versioning', 'schema', 'security']),
    );
    const skipped = report.checks.filter((c) => c.status === 'skip');
    expect(Object.fromEntries(skipped.map((c) => [c.id, c.detail]))).toEqual({
      'errors.rate_limited': 'no 429 was seen during the run',
      'schema.precondition_required':
        'If-Match is optional on PATCH /api/v1/items/{itemId} and DELETE /api/v1/items/{itemId}: no 428 is promised',
    });
  });

  it('removes every resource it created', () => {
    expect(report.cleanup.leftover).toEqual([]);
    expect(report.cleanup.deleted).toBeGreaterThan(5);
  });

  it('never shows a tenant token in evidence: curl lines name $TOKEN_<TENANT> instead', () => {
    const text = JSON.stringify(report.checks.map((c) => c.evidence));
    for (const token of [fixture.tokens.a, fixture.tokens.b]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]);
    }
    expect(text).toContain('$TOKEN_TENANT_A');
    expect(text).toContain('Bearer ***');
  });
});

/** Checks that judge the OpenAPI document alone: their failures carry no request. */
const STATIC_CHECKS = ['idempotency.declared', 'versioning.prefix', 'security.auth_declared'];

/** Switches that prove one particular half of a check: the failure must name that half. */
const DETAILS: Partial<Record<Defect, RegExp>> = {
  'server-version': /Server header leaks a version: "fixture\/1\.4\.2 \(node\)"/,
  'no-nosniff': /no "X-Content-Type-Options: nosniff"/,
  'spec-no-security': /the spec declares no security on GET \/api\/v1\/legacy-items/,
  'idempotency-mismatch-stored': /the rejected payload was stored anyway/,
  'slow-live': /liveness took \d+ ms \(over 1000 ms\)/,
  'metrics-without-red': /no HTTP request counter or duration histogram/,
  'tenant-write-then-404': /A's resource changed after B's attempt \(name, version\)/,
  'tenant-delete-then-404': /A's resource is gone after B's attempt/,
  'wrong-allow': /Allow "GET" does not match the documented methods GET, DELETE, PATCH/,
};

const cases = DEFECT_NAMES.map((defect) => ({ defect, expected: [...DEFECTS[defect]] as string[] }));

describe('the proof covers the catalog', () => {
  it('every built-in check is made to fail by some fixture switch', () => {
    // tracing.whitespace: Node trims header values before the fixture sees them; its proof is the
    // raw-TCP server in src/checks/tracing.spec.ts.
    const proven = new Set([...Object.values(DEFECTS).flat(), 'tracing.whitespace']);
    expect(builtinChecks.map((c) => c.id).filter((id) => !proven.has(id))).toEqual([]);
  });
});

describe('each fixture defect makes its checks fail, with evidence', () => {
  it.each(cases)('$defect → $expected', async ({ defect, expected }) => {
    const { report } = await runAgainst([defect]);
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toEqual(expect.arrayContaining(expected));
    const detail = DETAILS[defect];
    if (detail) expect(failed.find((c) => c.id === expected[0])!.detail).toMatch(detail);
    for (const id of expected) {
      const check = failed.find((c) => c.id === id)!;
      // Static checks judge the document; every other failure carries a request that reproduces it.
      if (STATIC_CHECKS.includes(id)) {
        expect(check.evidence).toBeNull();
        continue;
      }
      expect(check.evidence, `${id} has evidence`).not.toBeNull();
      expect(check.evidence!.curl).toMatch(/^curl -sS -i -X [A-Z]+ 'http:\/\/127\.0\.0\.1:\d+\//);
      expect(check.evidence!.request.url).toContain('http://127.0.0.1');
      expect(check.detail.length).toBeGreaterThan(5);
    }
  });
});

describe('a create exempt from idempotency (config)', () => {
  it('skips the idempotency checks of that operation with the reason', async () => {
    const fixture = await startFixture();
    try {
      const report = await runConformance({
        ...target(fixture),
        config: { idempotency: { exempt: ['POST /api/v1/items'] } },
        only: ['idempotency'],
      });
      const skipped = report.checks.filter((c) => c.status === 'skip').map((c) => c.id);
      expect(skipped).toEqual([
        'idempotency.missing_key',
        'idempotency.replay',
        'idempotency.mismatch',
        'idempotency.concurrent',
        'idempotency.invalid_keys',
        'idempotency.tenant_scope',
        'idempotency.operation_scope',
      ]);
      expect(report.checks.find((c) => c.id === 'idempotency.replay')!.detail).toBe(
        'POST /api/v1/items is exempt from idempotency (config)',
      );
      // The other POST (copies) still has to declare the header.
      expect(report.checks.find((c) => c.id === 'idempotency.declared')!.detail).toBe(
        '1 POST operation(s) declare Idempotency-Key',
      );
    } finally {
      await fixture.close();
    }
  });
});

describe('honest verdicts', () => {
  it('one root cause, one failure: errors that are not problem+json fail once, the member checks skip because of it', async () => {
    const { report } = await runAgainst(['plain-text-errors']);
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['errors.media_type']!.status).toBe('fail');
    for (const id of [
      'errors.status_member',
      'errors.member_types',
      'errors.extension_names',
      'errors.title_stable',
      'errors.about_blank',
      'errors.code_registered',
      'errors.trace_id',
    ]) {
      expect(byId[id]!.status, id).toBe('skip');
      expect(byId[id]!.detail).toMatch(
        /is application\/problem\+json \(see errors\.media_type\): no problem members to judge$/,
      );
    }
  });

  it('a hardening hint fails as a warning, a broken contract as an error; each check carries its profile', async () => {
    const { report } = await runAgainst(['no-nosniff', 'tenant-leak-read']);
    const headers = report.checks.find((c) => c.id === 'security.headers')!;
    expect([headers.status, headers.severity, headers.profile]).toEqual(['fail', 'warning', 'standard']);
    const read = report.checks.find((c) => c.id === 'tenancy.read')!;
    expect([read.status, read.severity]).toEqual(['fail', 'error']);
    expect(report.checks.find((c) => c.id === 'errors.code_registered')!.profile).toBe('shipshape');
  });
});

describe('optimistic concurrency', () => {
  it('a service that requires If-Match on PATCH passes the 428 check, and every other check still passes', async () => {
    const fixture = await startFixture({ ifMatchRequired: true });
    try {
      const report = await runConformance({ ...target(fixture) });
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
      const required = report.checks.find((c) => c.id === 'schema.precondition_required')!;
      expect(required.status).toBe('pass');
      expect(required.evidence!.response!.status).toBe(428);
      const stale = report.checks.find((c) => c.id === 'schema.precondition_failed')!;
      expect(stale.status).toBe('pass');
      expect(stale.evidence!.response!.status).toBe(412);
      expect(stale.evidence!.request.headers['if-match']).toMatch(/^"v\d+"$/);
    } finally {
      await fixture.close();
    }
  });

  it('a service that requires If-Match on DELETE too: 428 without it, and the suite still deletes (If-Match: *) and cleans up', async () => {
    const fixture = await startFixture({ ifMatchRequired: true, ifMatchRequiredOnDelete: true });
    try {
      const report = await runConformance({ ...target(fixture) });
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
      expect(report.checks.find((c) => c.id === 'schema.precondition_required')!.status).toBe('pass');
      const gone = report.checks.find((c) => c.id === 'schema.deleted_gone')!;
      expect(gone.status).toBe('pass');
      expect(report.cleanup.leftover).toEqual([]);
      // the service really refuses a DELETE without If-Match, and takes one with `*`
      const auth = { authorization: `Bearer ${fixture.tokens.a}` };
      const created = await fetch(`${fixture.url}/api/v1/items`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'delete-needs-if-match' },
        body: JSON.stringify({ name: 'guarded', quantity: 1 }),
      });
      const { id } = (await created.json()) as { id: string };
      const remove = (headers: Record<string, string>) =>
        fetch(`${fixture.url}/api/v1/items/${id}`, { method: 'DELETE', headers: { ...auth, ...headers } });
      expect((await remove({})).status).toBe(428);
      expect((await remove({ 'if-match': '*' })).status).toBe(204);
    } finally {
      await fixture.close();
    }
  });

  it('a spec without If-Match skips both checks, naming what is missing', async () => {
    const fixture = await startFixture();
    try {
      const spec = fixtureSpec().replace(/\n\s+- \$ref: '#\/components\/parameters\/IfMatch'/g, '');
      const file = join(mkdtempSync(join(tmpdir(), 'ss-ifmatch-')), 'openapi.yaml');
      writeFileSync(file, spec);
      const report = await runConformance({ ...target(fixture), openapi: file, only: ['schema'] });
      for (const id of ['schema.precondition_failed', 'schema.precondition_required']) {
        const check = report.checks.find((c) => c.id === id)!;
        expect(check.status).toBe('skip');
        expect(check.detail).toBe(
          'the spec declares no If-Match header on PATCH /api/v1/items/{itemId} or DELETE /api/v1/items/{itemId}: optimistic concurrency is not offered',
        );
      }
    } finally {
      await fixture.close();
    }
  });
});

describe('a 429 done right', () => {
  it('is honoured (Retry-After, then the retry) and judged as passing', async () => {
    const fixture = await startFixture({ throttleOnce: true });
    try {
      const report = await runConformance({
        ...target(fixture),
      });
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
      const limited = report.checks.find((c) => c.id === 'errors.rate_limited')!;
      expect(limited.status).toBe('pass');
      expect(limited.evidence!.response!.status).toBe(429);
      expect(limited.evidence!.response!.headers['retry-after']).toBe('1');
    } finally {
      await fixture.close();
    }
  });
});

describe('safety', () => {
  let fixture: RunningFixture;
  beforeAll(async () => {
    fixture = await startFixture({ defects: ['hang-on-list'] });
  });
  afterAll(async () => fixture.close());

  it('a hanging endpoint fails its checks, not the run', async () => {
    const report = await runConformance({
      ...target(fixture),
      timeoutMs: 400,
      only: ['schema'],
    });
    const noFiveHundreds = report.checks.find((c) => c.id === 'schema.no_5xx')!;
    expect(noFiveHundreds.status).toBe('fail');
    expect(noFiveHundreds.detail).toContain('no answer within 400 ms');
    expect(noFiveHundreds.evidence!.response).toBeNull();
    expect(noFiveHundreds.evidence!.error).toBe('no answer within 400 ms');
  });
});
