import { describe, expect, it } from 'vitest';
import { DIFF_RULES } from '../../src/index.js';
import { openapi } from '../documents.js';
import { covered, runCases } from '../harness.js';
import { requestCases, responseCases } from './schema.cases.js';
import { structuralCases } from './structural.cases.js';

const VERSIONS = ['3.0.3', '3.1.0'];
const NOW = new Date('2026-06-01T00:00:00Z');
const all = [...structuralCases, ...requestCases, ...responseCases];

describe('OpenAPI rules: structure', () => runCases(structuralCases, openapi, VERSIONS, { now: NOW }));
describe('OpenAPI rules: request schemas', () => runCases(requestCases, openapi, VERSIONS, { now: NOW }));
describe('OpenAPI rules: response schemas', () => runCases(responseCases, openapi, VERSIONS, { now: NOW }));

describe('the OpenAPI rule table', () => {
  it('has a minimal pair for every OpenAPI rule except the webhook schema twins', () => {
    const seen = covered(all);
    const missing = DIFF_RULES.filter(
      (r) => r.spec === 'openapi' && !r.id.startsWith('webhook-') && !seen.has(r.id),
    );
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it('ids are unique per spec kind and every rule says what it is', () => {
    const keys = DIFF_RULES.map((r) => `${r.spec} ${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of DIFF_RULES) {
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.example.length).toBeGreaterThan(3);
      expect(['breaking', 'warning', 'info']).toContain(r.class);
      expect(['input', 'output', 'both']).toContain(r.direction);
    }
  });
});
