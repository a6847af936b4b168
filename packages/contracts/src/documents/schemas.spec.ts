import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMAS, renderReportSchema } from '../../scripts/schemas.js';

const root = new URL('../../', import.meta.url);
const schemaOf = (type: string) => {
  const entry = REPORT_SCHEMAS.find((s) => s.type === type)!;
  return JSON.parse(readFileSync(new URL(entry.file, root), 'utf8')) as object;
};

describe('report JSON Schemas', () => {
  it.each(REPORT_SCHEMAS.map((s) => [s.type, s] as const))(
    '%s: the committed schema is generated from the type (run `npm run generate -w @shipshape/contracts`)',
    (_type, schema) => {
      const committed = JSON.parse(readFileSync(new URL(schema.file, root), 'utf8')) as unknown;
      expect(committed).toEqual(JSON.parse(renderReportSchema(schema)));
    },
  );

  const ajv = new Ajv({ allErrors: true, strict: false });

  it('accepts a conformance.json and refuses one with a check of unknown status', () => {
    const validate = ajv.compile(schemaOf('ConformanceJson'));
    const exchange = {
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:3000/api/v1/orders',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      },
      response: { status: 500, headers: { 'content-type': 'text/plain' }, body: 'boom', durationMs: 3 },
      curl: "curl -X POST 'http://127.0.0.1:3000/api/v1/orders' -H \"Authorization: Bearer $TOKEN_A\" -d '{}'",
      tenant: 'a',
    };
    const report = {
      tool: 'shipshape-conformance',
      version: '0.1.0',
      target: 'http://127.0.0.1:3000',
      startedAt: '2026-12-03T00:00:00.000Z',
      durationMs: 12,
      summary: { passed: 1, failed: 1, skipped: 0 },
      profile: 'shipshape',
      cleanup: { created: 1, deleted: 1, leftover: [] },
      checks: [
        {
          id: 'health.live',
          area: 'health',
          title: 'Liveness',
          status: 'pass',
          gate: 'obs.health_probes',
          profile: 'standard',
          severity: 'error',
          detail: '200',
          evidence: null,
        },
        {
          id: 'errors.problem_json',
          area: 'errors',
          title: 'Errors',
          status: 'fail',
          gate: 'api.error_envelope',
          profile: 'standard',
          severity: 'error',
          detail: 'text/plain',
          evidence: exchange,
        },
      ],
    };
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...report, checks: [{ ...report.checks[0], status: 'passed' }] })).toBe(false);
    expect(validate({ ...report, checks: [{ ...report.checks[1], area: 'misc' }] })).toBe(false);
  });

  it('accepts a readiness document and refuses a gate status outside GREEN/AMBER/RED', () => {
    const validate = ajv.compile(schemaOf('ReadinessJson'));
    const doc = {
      service: 'orders',
      level: 'L1',
      target: 'L4',
      evaluatedAt: '2026-12-03T00:00:00.000Z',
      summary: { GREEN: 1, AMBER: 0, RED: 0 },
      blocking: [],
      gates: [
        {
          id: 'api.openapi_present',
          group: 'api',
          status: 'GREEN',
          reason: 'openapi/orders.yaml parses',
          evidence: [{ kind: 'file', ref: 'openapi/orders.yaml' }],
          level: 'L1',
          judged: 'automated',
          applies: true,
        },
      ],
      warnings: [],
    };
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...doc, gates: [{ ...doc.gates[0], status: 'PASS' }] })).toBe(false);
  });
});
