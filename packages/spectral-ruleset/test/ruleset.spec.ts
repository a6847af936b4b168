import { readFileSync, readdirSync } from 'node:fs';
import { Spectral } from '@stoplight/spectral-core';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  GATES,
  houseRules,
  lintDocument,
  owaspRules,
  owaspSeverity,
  renderRulesDoc,
  serviceRules,
  shipshapeRuleset,
  spectralHouseRules,
  type OwaspRuleId,
} from '../src/index.js';
import { asyncapiDoc, openapiDoc } from './documents.js';

const gateIds: string[] = Object.values(GATES);

describe('the Shipshape ruleset', () => {
  it('is a valid Spectral ruleset', () => {
    expect(() => new Spectral().setRuleset(shipshapeRuleset)).not.toThrow();
  });

  it("lints the rule tests' base documents clean (so each rule test isolates one break)", async () => {
    for (const [name, doc] of [
      ['openapi.yaml', openapiDoc()],
      ['asyncapi.yaml', asyncapiDoc()],
    ] as const) {
      const results = await lintDocument(stringify(doc), `/virtual/${name}`);
      expect(results.map((r) => `${r.code}: ${r.message} @ ${r.path.join('.')}`)).toEqual([]);
    }
  });

  it('reports house findings with their location in the source', async () => {
    const doc = openapiDoc();
    doc.paths['/orders'] = doc.paths['/api/v1/orders'];
    delete doc.paths['/api/v1/orders'];
    const text = stringify(doc);
    const found = (await lintDocument(text, '/virtual/openapi.yaml')).filter(
      (r) => r.code === 'shipshape-paths-versioned',
    );
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['paths', '/orders']);
    expect(text.split('\n')[found[0].range.start.line]).toContain('/orders:');
  });

  it('gives every house and service rule a description and a seed gate id', () => {
    for (const rule of [...Object.values(houseRules), ...Object.values(serviceRules)]) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(gateIds).toContain(rule.gate);
    }
  });

  it('carries the gate and the doc anchor into the Spectral rule as x- extensions', () => {
    expect(spectralHouseRules['shipshape-post-idempotency-key']).toMatchObject({
      'x-shipshape-gate': 'api.idempotency',
      'x-shipshape-doc': 'docs/rules.md#shipshape-post-idempotency-key',
    });
  });

  it('has exactly one test file per house rule id (service rules are tested in @shipshape/lint)', () => {
    const files = readdirSync(new URL('./rules/', import.meta.url)).filter((f) => f.endsWith('.spec.ts'));
    const ids = files.map((f) => f.replace(/\.spec\.ts$/, '')).sort();
    expect(ids).toEqual(Object.keys(houseRules).sort());
  });

  it('ships docs/rules.md generated from the rules (run `npm run docs` after changing a rule)', () => {
    const committed = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderRulesDoc() + '\n');
    for (const id of [...Object.keys(houseRules), ...Object.keys(serviceRules)])
      expect(committed).toContain(`### ${id}\n`);
    for (const [id, rule] of Object.entries(owaspRules))
      expect(committed).toContain(`| \`${id}\` | ${owaspSeverity(id as OwaspRuleId)} | \`${rule.gate}\` |`);
  });
});

describe('lintDocument with skipAsyncApiSchemaValidation', () => {
  it('leaves the AsyncAPI schema validation to @asyncapi/parser and keeps every other rule', async () => {
    const doc = asyncapiDoc();
    doc.channels.orderCreated.address = 'orders.created';
    doc.operations.publishOrderCreated.action = 'publish'; // invalid in AsyncAPI 3: a schema error
    const text = stringify(doc);
    const full = (await lintDocument(text, '/virtual/a.yaml')).map((r) => r.code);
    const fast = (await lintDocument(text, '/virtual/a.yaml', { skipAsyncApiSchemaValidation: true })).map(
      (r) => r.code,
    );
    expect(full).toContain('asyncapi-3-document-resolved');
    expect(fast).not.toContain('asyncapi-3-document-resolved');
    expect(fast).toContain('shipshape-channel-address-naming');
  });
});
