import { describe, expect, it } from 'vitest';
import type { Report } from '../types.js';
import { toConformanceJson } from './json.js';
import { toJunit } from './junit.js';
import { toMarkdown } from './markdown.js';

const report: Report = {
  tool: 'shipshape-conformance',
  version: '0.1.0',
  target: 'http://127.0.0.1:3000',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1234,
  summary: { passed: 1, failed: 1, skipped: 1 },
  runId: 'abcd1234',
  requests: 3,
  profile: 'shipshape',
  plan: [],
  cleanup: {
    created: 3,
    deleted: 2,
    leftover: [
      { id: 'x1', url: 'http://127.0.0.1:3000/api/v1/items/x1', tenant: 'a', reason: 'DELETE answered 500' },
    ],
  },
  areas: [{ area: 'errors', wallMs: 420, passed: 1, failed: 1, skipped: 1 }],
  checks: [
    {
      id: 'errors.not_found',
      area: 'errors',
      title: 'An unknown id answers 404',
      status: 'pass',
      gate: 'api.error_envelope',
      profile: 'standard',
      severity: 'error',
      detail: 'ok',
      evidence: null,
      durationMs: 5,
    },
    {
      id: 'errors.media_type',
      area: 'errors',
      title: 'Every provoked error is <problem+json>',
      status: 'fail',
      gate: 'api.error_envelope',
      profile: 'standard',
      severity: 'error',
      detail: 'GET /x → 404 (text/plain) & "more" | pipes',
      durationMs: 7,
      evidence: {
        request: { method: 'GET', url: 'http://127.0.0.1:3000/x', headers: { authorization: 'Bearer ***' } },
        response: { status: 404, headers: {}, body: 'Not \u0001Found', durationMs: 3 },
        curl: `curl -sS -i -X GET 'http://127.0.0.1:3000/x' -H "Authorization: Bearer $TOKEN_A"`,
        tenant: 'a',
      },
    },
    {
      id: 'errors.rate_limited',
      area: 'errors',
      title: '429',
      status: 'skip',
      gate: 'api.error_envelope',
      profile: 'standard',
      severity: 'error',
      detail: 'no 429 was seen',
      evidence: null,
      durationMs: 0,
    },
  ],
};

describe('reports', () => {
  it('conformance.json holds exactly the contract members', () => {
    const json = toConformanceJson(report);
    expect(Object.keys(json)).toEqual([
      'tool',
      'version',
      'target',
      'startedAt',
      'durationMs',
      'summary',
      'profile',
      'cleanup',
      'checks',
    ]);
    expect(Object.keys(json.checks[1]!)).toEqual([
      'id',
      'area',
      'title',
      'status',
      'gate',
      'profile',
      'severity',
      'detail',
      'evidence',
    ]);
  });

  it('junit.xml escapes text, drops control characters and carries the curl line in the failure', () => {
    const xml = toJunit(report);
    expect(xml).toContain('<testsuite name="errors" tests="3" failures="1" skipped="1" time="0.420">');
    expect(xml).toContain('name="errors.media_type: Every provoked error is &lt;problem+json&gt;"');
    expect(xml).toContain('<skipped message="no 429 was seen"/>');
    expect(xml).toContain('curl: curl -sS -i -X GET');
    expect(xml).toContain('response: 404 Not Found');
    expect(xml).not.toContain('\u0001');
  });

  it('summary.md has the wall time per area, the grouped table and the reproduction', () => {
    const md = toMarkdown(report);
    expect(md).toContain('| errors | 0.42 s | 1 | 1 | 1 |');
    expect(md).toContain(
      '| `errors.media_type` | ❌ fail | `api.error_envelope` | GET /x → 404 (text/plain) & "more" \\| pipes |',
    );
    expect(md).toContain('```sh\ncurl -sS -i -X GET');
    expect(md).toContain('Created 3 resources; deleted 2; 1 left over.');
    expect(md).toContain('| http://127.0.0.1:3000/api/v1/items/x1 | `a` | DELETE answered 500 |');
  });
});
