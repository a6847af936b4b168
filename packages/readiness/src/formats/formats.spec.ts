import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { GateResult, ReadinessResult } from '../types.js';
import { toInToto } from './intoto.js';
import { toJUnit } from './junit.js';
import { toSarif } from './sarif.js';
import { toJson } from '../render.js';

const require = createRequire(import.meta.url);
const schema = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as object;
/** The SARIF 2.1.0 schema as the SARIF SDK team ships it (draft-04). */
const SARIF_SCHEMA = schema(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
const INTOTO_SCHEMA = schema(
  new URL('../../test/schemas/intoto-test-result.schema.json', import.meta.url).pathname,
);
const JUNIT_SCHEMA = schema(new URL('../../test/schemas/junit.schema.json', import.meta.url).pathname);

function validator(s: object) {
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
  const validate = ajv.compile(s);
  return (value: unknown) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
}

const gate = (id: string, status: GateResult['status'], extra: Partial<GateResult> = {}): GateResult => ({
  id,
  group: id.split('.')[0],
  title: id,
  level: 'L2',
  judged: 'automated',
  attestable: false,
  blocking: false,
  applies: true,
  status,
  reason: `${id} is ${status}`,
  evidence: [{ kind: 'file', ref: 'migrations/0001_things.sql:12', detail: 'x' }],
  ...extra,
});

const RESULT: ReadinessResult = {
  service: 'svc',
  serviceDir: '/tmp/svc',
  level: 'L1',
  target: 'L3',
  targetSource: 'tier t2',
  evaluatedAt: '2026-11-20T12:00:00.000Z',
  summary: { GREEN: 2, AMBER: 1, RED: 1 },
  blocking: ['data.rls_enabled', 'obs.slos'],
  provenance: {
    commit: 'a'.repeat(40),
    inputsHash: `sha256:${'b'.repeat(64)}`,
    catalogHash: `sha256:${'c'.repeat(64)}`,
  },
  warnings: [],
  gates: [
    gate('docs.overview_drafted', 'GREEN'),
    gate('data.rls_enabled', 'RED'),
    gate('obs.slos', 'AMBER', { code: 'UNVERIFIED_EVIDENCE' }),
    gate('sync.signed_deltas', 'GREEN', { applies: false, code: 'NOT_APPLICABLE' }),
  ],
};

describe('SARIF 2.1.0', () => {
  it('validates against the schema, with one result per non-GREEN gate at its file:line', () => {
    const sarif = toSarif(RESULT);
    expect(validator(SARIF_SCHEMA)(sarif)).toEqual([]);
    const run = (sarif.runs as { results: { ruleId: string; level: string; locations?: unknown[] }[] }[])[0];
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['data.rls_enabled', 'error'],
      ['obs.slos', 'warning'],
    ]);
    expect(run.results[0].locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'migrations/0001_things.sql', uriBaseId: '%SRCROOT%' },
          region: { startLine: 12 },
        },
      },
    ]);
  });

  it('the validator catches a broken log (the check can fail)', () => {
    expect(validator(SARIF_SCHEMA)({ version: '2.1.0', runs: [{ results: [] }] })).not.toEqual([]);
  });
});

describe('in-toto Statement v1, test-result predicate', () => {
  it('validates, lists gates as passed / warned / failed and leaves NOT_APPLICABLE out', () => {
    const statement = toInToto(RESULT);
    expect(validator(INTOTO_SCHEMA)(statement)).toEqual([]);
    expect(statement.subject).toEqual([
      { name: 'svc', digest: { sha256: 'b'.repeat(64), gitCommit: 'a'.repeat(40) } },
    ]);
    expect(statement.predicate).toMatchObject({
      result: 'FAILED',
      passedTests: ['docs.overview_drafted'],
      warnedTests: ['obs.slos'],
      failedTests: ['data.rls_enabled'],
    });
    expect(
      validator(INTOTO_SCHEMA)({ ...statement, predicate: { result: 'OK', configuration: [] } }),
    ).not.toEqual([]);
  });
});

describe('JUnit', () => {
  it('is well-formed, a failure per RED gate and a skipped case per AMBER / NOT_APPLICABLE one', () => {
    const xml = toJUnit(RESULT);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' }).parse(
      xml,
    ) as {
      testsuites: {
        testsuite: { testcase: { '@_name': string; failure?: unknown; skipped?: { '@_message': string } }[] };
      };
    };
    expect(validator(JUNIT_SCHEMA)(parsed)).toEqual([]);
    const cases = parsed.testsuites.testsuite.testcase;
    expect(cases.filter((c) => c.failure).map((c) => c['@_name'])).toEqual(['data.rls_enabled']);
    expect(cases.filter((c) => c.skipped).map((c) => c.skipped!['@_message'].split(':')[0])).toEqual([
      'AMBER',
      'NOT_APPLICABLE',
    ]);
  });
});

describe('--format json', () => {
  it('validates against the readiness.schema.json of @shipshape/contracts (the docs site reads it)', () => {
    const READINESS_SCHEMA = schema(require.resolve('@shipshape/contracts/schemas/readiness.schema.json'));
    const validate = validator(READINESS_SCHEMA);
    const json = toJson(RESULT);
    expect(validate(json)).toEqual([]);
    expect(
      validate({ ...json, gates: [{ ...(json.gates as object[])[0], reasonCode: 'MAYBE' }] }),
    ).not.toEqual([]);
  });
});
