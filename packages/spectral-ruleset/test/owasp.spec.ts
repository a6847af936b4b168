import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document, Spectral } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { GATES, gateOf, owasp, owaspRuleGates, owaspRuleset } from '../src/index.js';

const ordersSpec = fileURLToPath(new URL('../../../services/orders/openapi/orders.yaml', import.meta.url));

async function lintOwasp(text: string): Promise<Array<{ code: string; severity: number; path: string }>> {
  const spectral = new Spectral();
  spectral.setRuleset(owaspRuleset);
  const results = await spectral.run(new Document(text, Parsers.Yaml, ordersSpec));
  return results.map((r) => ({ code: String(r.code), severity: r.severity, path: r.path.join('.') }));
}

describe('OWASP API Security ruleset', () => {
  it('maps every OWASP rule to a catalog gate', () => {
    const ids = Object.keys((owasp as { rules: Record<string, unknown> }).rules);
    expect(ids.length).toBeGreaterThan(25);
    expect(Object.keys(owaspRuleGates).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(Object.values(GATES)).toContain(gateOf(id));
  });

  it('reports 0 errors and 0 warnings on services/orders and fails a document that breaks it', async () => {
    const text = readFileSync(ordersSpec, 'utf8');
    expect(await lintOwasp(text)).toEqual([]);
    // The same document with a plain-http server, an integer without format and a 2xx without RateLimit.
    const broken = text
      .replace('url: "https://orders.acme.example"', 'url: "http://orders.acme.example"')
      .replace(/(Limit:\n(?:.*\n){5}\s+type: integer\n)\s+format: int32\n/, '$1')
      .replace(
        /(description: One page\.\n\s+headers:\n)\s+RateLimit:\n\s+\$ref: '#\/components\/headers\/RateLimit'\n/,
        '$1',
      );
    const found = await lintOwasp(broken);
    const codes = new Set(found.filter((d) => d.severity === 0).map((d) => d.code));
    expect(codes).toEqual(
      new Set([
        'owasp:api8:2023-no-server-http',
        'owasp:api4:2023-integer-format',
        'owasp:api4:2023-rate-limit',
      ]),
    );
  });
});
