import { describe, expect, it } from 'vitest';
import { lintService } from '../src/index.js';
import { GOOD } from './helpers.js';

describe('lintService on the good fixture', () => {
  it('finds nothing: no error, warning or info', async () => {
    const report = await lintService(GOOD);
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
  });

  it('lists the linted files and passes every gate it evidences, with the rules run for each', async () => {
    const report = await lintService(GOOD);
    expect(report.tool).toBe('shipshape-lint');
    expect(report.service).toBe('good-service');
    expect(report.files).toEqual([
      'openapi/orders.yaml',
      'asyncapi/orders.yaml',
      'errors/error-codes.yaml',
      'ops/alerts.yaml',
      'ops/slos.yaml',
    ]);
    expect(report.gates.map((g) => g.id)).toEqual([
      'api.error_codes_registered',
      'api.error_envelope',
      'api.idempotency',
      'api.openapi_present',
      'api.tracing',
      'api.versioning',
      'events.asyncapi_present',
      'events.envelope',
      'events.naming',
      'obs.runbooks',
      'obs.slos',
      'sec.authentication',
      'sec.crypto',
      'sec.data_exposure',
      'sec.headers',
      'sec.threat_model',
      'sec.waf_rules',
    ]);
    expect(report.gates.every((g) => g.status === 'pass' && g.rules.length > 0)).toBe(true);
    expect(report.gates.find((g) => g.id === 'api.idempotency')?.rules).toEqual([
      'shipshape-post-idempotency-key',
      'shipshape-post-idempotency-responses',
    ]);
    // The OWASP rules the house ruleset runs are listed under the gates they evidence.
    expect(report.gates.find((g) => g.id === 'sec.crypto')?.rules).toEqual([
      'owasp:api8:2023-no-scheme-http',
      'owasp:api8:2023-no-server-http',
    ]);
    expect(report.gates.find((g) => g.id === 'sec.waf_rules')?.rules).not.toContain(
      'owasp:api4:2023-string-restricted',
    );
  });
});
