import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type RunningFixture } from '../fixture/app.js';
import { defineCheck, fail, pass, registerCheck, unregisterCheck, type CheckDefinition } from './registry.js';
import { runConformance } from './runner.js';

describe('defineCheck', () => {
  const base = {
    title: 't',
    gate: 'api.contract_tests' as const,
    writes: false,
    run: async () => pass('ok'),
  };
  it.each([
    ['Health.Live', /must look like <area>\.<name>/],
    ['health', /must look like <area>\.<name>/],
    ['billing.total', /unknown area/],
  ])('rejects the id %s', (id, message) => {
    expect(() => defineCheck({ ...base, id })).toThrow(message);
  });

  it('names its gate by a typed id of @shipshape/contracts: a misspelled gate does not compile', () => {
    // @ts-expect-error "api.contrct_tests" is not a GateId (tsc fails here if `gate` were a plain string)
    const wrong: CheckDefinition['gate'] = 'api.contrct_tests';
    expect(wrong).toBe('api.contrct_tests');
  });
});

describe('a registered check', () => {
  let fixture: RunningFixture;
  beforeAll(async () => {
    fixture = await startFixture();
  });
  afterAll(async () => {
    unregisterCheck('security.no_debug_route');
    await fixture.close();
  });

  it('runs beside the built-in ones, with its guard, evidence and gate', async () => {
    registerCheck({
      id: 'security.no_debug_route',
      title: 'No /debug route is exposed',
      gate: 'sec.headers',
      writes: false,
      async run(ctx) {
        const e = await ctx.send({ method: 'GET', path: '/debug', as: ctx.tenantA });
        return e.status === 404 ? pass('no /debug route', e) : fail(`/debug answered ${e.status}`, e);
      },
    });
    const report = await runConformance({
      url: fixture.url,
      openapi: fixture.specUrl,
      tenants: [{ id: 'tenant-a', token: fixture.tokens.a }],
      only: ['security.no_debug_route', 'tenancy.read'],
    });
    expect(report.checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ['tenancy.read', 'skip', 'only one --tenant was given; isolation needs two'],
      ['security.no_debug_route', 'pass', 'no /debug route'],
    ]);
    expect(report.checks[1]!.evidence!.curl).toContain('/debug');
    expect(report.checks[1]!.gate).toBe('sec.headers');
  });
});
