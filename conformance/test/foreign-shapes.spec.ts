import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSpec, startFixture, type RunningFixture, type Shape } from '../fixture/app.js';
import type { Defect } from '../fixture/defects.js';
import { ConformanceSetupError, runConformance, type ConformanceOptions, type Report } from '../src/index.js';

/**
 * Services the suite did not shape: each foreign shape is compliant in its own way (0 failures, and
 * every skip names a capability the shape really lacks), and with a defect the right check fails.
 */
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

interface Case {
  shape: Shape;
  extra?: Partial<ConformanceOptions>;
  /** Skips this shape rightly causes (beside the two every clean fixture run has). */
  skips?: string[];
  /** A defect on this shape and the check that must catch it. */
  defect: Defect;
  fails: string;
  plan?: RegExp;
  /** Two items a page: B's list must have been read past its first page. */
  paged?: boolean;
}

const NO_SCHEMA = [
  'errors.schema_violation',
  'errors.unprocessable',
  'idempotency.mismatch',
  'schema.invalid_rejected',
  'schema.valid_accepted',
];
const PUBLIC_READS = [
  'tenancy.read',
  'tenancy.list',
  'tenancy.oracle',
  'tenancy.header_spoof',
  'tenancy.no_echo',
];

const CASES: Case[] = [
  {
    shape: 'wrapper',
    defect: 'read-back-differs',
    fails: 'schema.created_readable',
    plan: /ids: body \/data\/id \(the create response schema \(wrapped in "data"\)\)/,
  },
  {
    shape: 'trailing-slash',
    defect: 'tenant-leak-read',
    fails: 'tenancy.read',
    plan: /resource: \/api\/v1\/items\/ — .*read GET \/api\/v1\/items\/\{itemId\}\//,
  },
  {
    shape: 'unversioned',
    extra: { profile: 'standard' },
    defect: 'tenant-leak-write',
    fails: 'tenancy.update',
    plan: /prefix: \/api \(detected/,
  },
  {
    shape: 'token-scheme',
    defect: 'unauthenticated-access',
    fails: 'security.auth_required',
    plan: /auth: header authorization: Token <credential>/,
  },
  {
    shape: 'api-key-header',
    defect: 'tenant-leak-list',
    fails: 'tenancy.list',
    plan: /auth: header x-api-key: <credential>/,
  },
  {
    shape: 'api-key-query',
    defect: 'idempotency-ignored',
    fails: 'idempotency.replay',
    plan: /auth: query \?api_key=<credential>/,
  },
  {
    shape: 'cookie-session',
    defect: 'tenant-header-spoof',
    fails: 'tenancy.header_spoof',
    plan: /auth: cookie sid=<credential>/,
  },
  {
    shape: 'public-resource',
    extra: { config: { publicResources: ['/api/v1/items'] } },
    skips: PUBLIC_READS,
    defect: 'tenant-leak-write',
    fails: 'tenancy.delete',
  },
  {
    shape: 'forbidden-unknown',
    defect: 'tenant-leak-read',
    fails: 'tenancy.read',
    plan: /unknown ids: GET \/api\/v1\/items\/\{itemId\} answers 403 \(existence hidden\)/,
  },
  { shape: 'offset-pagination', defect: 'tenant-leak-list', fails: 'tenancy.list', paged: true },
  { shape: 'page-pagination', defect: 'tenant-leak-list', fails: 'tenancy.list', paged: true },
  {
    shape: 'no-request-schema',
    skips: NO_SCHEMA,
    defect: 'idempotency-ignored',
    fails: 'idempotency.replay',
  },
  { shape: 'created-200-no-location', defect: 'delete-noop', fails: 'schema.deleted_gone' },
  {
    shape: 'nested',
    extra: { config: { resource: '/api/v1/items/{itemId}/notes' } },
    skips: ['schema.precondition_failed'],
    defect: 'tenant-leak-read',
    fails: 'tenancy.read',
    plan: /parent: \/api\/v1\/items\/[0-9a-f-]{36} created as tenant tenant-b \(deleted after its children\)/,
  },
];

async function run(
  shape: Shape,
  defects: Defect[],
  extra: Partial<ConformanceOptions> = {},
  seedB = 0,
): Promise<Report> {
  const fixture = await startFixture({ shapes: [shape], defects });
  try {
    // Items tenant B already has, so its list spans several pages.
    for (let i = 0; i < seedB; i += 1) {
      const res = await fetch(`${fixture.url}/api/v1/items`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${fixture.tokens.b}`,
          'content-type': 'application/json',
          'idempotency-key': `seed-${i}`,
        },
        body: JSON.stringify({ name: `seed ${i}`, quantity: 1 }),
      });
      expect(res.status).toBe(201);
    }
    return await runConformance({ ...target(fixture), timeoutMs: 3_000, ...extra });
  } finally {
    await fixture.close();
  }
}

const ALWAYS = ['errors.rate_limited', 'schema.precondition_required'];

describe.each(CASES)('foreign shape: $shape', ({ shape, extra, skips = [], defect, fails, plan, paged }) => {
  it('compliant: no failure, and only the skips the shape causes', async () => {
    const report = await run(shape, [], extra, paged ? 5 : 0);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    const skipped = report.checks
      .filter((c) => c.status === 'skip' && !(extra?.profile === 'standard' && c.profile === 'shipshape'))
      .map((c) => c.id);
    expect(skipped.sort()).toEqual([...ALWAYS, ...skips].sort());
    if (plan) expect(report.plan.join('\n')).toMatch(plan);
    if (paged)
      expect(report.checks.find((c) => c.id === 'tenancy.list')!.detail).toMatch(
        /^([2-9]|1\d) page\(s\) of B's list/,
      );
    expect(report.cleanup.leftover).toEqual([]);
  });

  it(`with ${defect}: ${fails} fails`, async () => {
    const report = await run(shape, [defect], extra);
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toContain(fails);
    expect(failed.find((c) => c.id === fails)!.evidence?.curl).toMatch(/^curl -sS -i -X [A-Z]+ /);
  });
});

describe('honest verdicts on foreign shapes', () => {
  it('a nested collection is passed over, with the way to exercise it, unless the config names it', async () => {
    const report = await run('nested', [], { only: ['versioning.prefix'] });
    expect(report.plan).toContain(
      'passed over: /api/v1/items/{itemId}/notes: nested under /api/v1/items (name it in "resource" to exercise it under a parent the suite creates)',
    );
  });

  it('an unversioned API fails versioning.prefix under the house profile, naming the real prefix', async () => {
    const report = await run('unversioned', [], { only: ['versioning', 'errors.unknown_version'] });
    const prefix = report.checks.find((c) => c.id === 'versioning.prefix')!;
    expect(prefix.status).toBe('fail');
    expect(prefix.detail).toBe(
      'the business paths sit under /api, which has no version segment (e.g. /api/v1)',
    );
    expect(report.checks.find((c) => c.id === 'errors.unknown_version')!.detail).toBe(
      'the spec offers no way to provoke "unknown version"',
    );
  });

  it('under --profile standard, house rules skip with the reason and carry their profile', async () => {
    const report = await run('wrapper', [], {
      profile: 'standard',
      only: ['health', 'errors.code_registered'],
    });
    expect(report.profile).toBe('standard');
    for (const c of report.checks) {
      expect(c.profile).toBe('shipshape');
      expect(c.status).toBe('skip');
      expect(c.detail).toBe('a Shipshape house rule; --profile standard judges public standards only');
    }
  });

  it('credentials in a query parameter or cookie are masked in evidence and named as $TOKEN_<TENANT> in curl', async () => {
    for (const shape of ['api-key-query', 'cookie-session'] as const) {
      const fixture = await startFixture({ shapes: [shape], defects: ['tenant-leak-read'] });
      try {
        const report = await runConformance({ ...target(fixture), only: ['tenancy.read'] });
        const check = report.checks[0]!;
        expect(check.status).toBe('fail');
        const text = JSON.stringify(report.checks);
        expect(text).not.toContain(fixture.tokens.a);
        expect(text).not.toContain(fixture.tokens.b);
        expect(check.evidence!.curl).toContain(
          shape === 'api-key-query' ? 'api_key=$TOKEN_TENANT_B' : '-b "sid=$TOKEN_TENANT_B"',
        );
      } finally {
        await fixture.close();
      }
    }
  });

  it('--auth-header sends the credential where the spec does not say', async () => {
    const fixture = await startFixture({ shapes: ['api-key-header'] });
    try {
      // The document claims bearer auth; the service reads X-Api-Key.
      const file = join(mkdtempSync(join(tmpdir(), 'ss-auth-')), 'openapi.yaml');
      writeFileSync(file, fixtureSpec());
      const wrong = await runConformance({ ...target(fixture), openapi: file }).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(ConformanceSetupError);
      expect((wrong as Error).message).toBe(
        "tenant tenant-a's credential is rejected by GET /api/v1/items (401); it was sent as header authorization: Bearer <credential> — securitySchemes.bearerAuth (http bearer)",
      );
      const report = await runConformance({
        ...target(fixture),
        openapi: file,
        authHeader: 'X-Api-Key: {credential}',
        only: ['tenancy', 'security'],
      });
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
      expect(report.plan).toContain(
        'auth: header x-api-key: <credential> — --auth-header / config auth.header',
      );
    } finally {
      await fixture.close();
    }
  });

  it('pre-flight: a rejected tenant stops the run with one line before any check', async () => {
    const fixture = await startFixture();
    try {
      const error = await runConformance({
        ...target(fixture),
        tenants: [target(fixture).tenants[0]!, { id: 'tenant-b', token: 'expired-or-wrong' }],
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConformanceSetupError);
      expect((error as Error).message).toMatch(
        /^tenant tenant-b's credential is rejected by GET \/api\/v1\/items \(401\)/,
      );
    } finally {
      await fixture.close();
    }
  });
});
