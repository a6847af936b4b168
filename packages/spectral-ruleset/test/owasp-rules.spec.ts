/**
 * One test per OWASP rule id the house ruleset runs (table-driven, as the house rules have one file each): the
 * rule fires, at the published severity, where a document breaks it, and stays quiet on correct documents of
 * other shapes (a 3.1 orders API, the same as OpenAPI 3.0, a 3.0 notes API on OAuth 2 with an admin area).
 * Every document is linted with the whole house ruleset, so the test also proves the rule is extended.
 */
import type { ISpectralDiagnostic } from '@stoplight/spectral-core';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  lintDocument,
  owasp,
  owaspRuleIds,
  owaspRules,
  owaspSeverity,
  type OwaspRuleId,
} from '../src/index.js';
import { openapiDoc, type Doc } from './documents.js';
import { as30, openapi30Doc, swagger2Doc } from './other-documents.js';

type Path = (string | number)[];
interface Case {
  /** The correct document the defect is made in. */
  from: () => Doc;
  defect: (doc: Doc) => void;
  /** Where the rule reports the defect (each finding's path). */
  at: Path[];
  /** Correct documents beyond the shared three, for a rule that only runs on another format. */
  quietOn?: Array<() => Doc>;
}

const ORDERS = ['paths', '/api/v1/orders'];
const ORDER = ['paths', '/api/v1/orders/{orderId}'];
const SCHEMAS = ['components', 'schemas'];
const SCHEMES = ['components', 'securitySchemes'];

const cases: Record<OwaspRuleId, Case | undefined> = {
  'owasp:api1:2023-no-numeric-ids': {
    from: openapiDoc,
    defect: (d) => {
      d.paths['/api/v1/orders/{orderId}'].parameters[0].schema = {
        type: 'integer',
        format: 'int64',
        minimum: 1,
        maximum: 1e12,
      };
    },
    at: [[...ORDER, 'parameters', '0', 'schema']],
  },
  'owasp:api2:2023-no-http-basic': {
    from: openapiDoc,
    defect: (d) => {
      d.components.securitySchemes.basic = { type: 'http', scheme: 'basic' };
    },
    at: [[...SCHEMES, 'basic', 'scheme']],
  },
  'owasp:api2:2023-no-api-keys-in-url': {
    from: openapiDoc,
    defect: (d) => {
      d.components.securitySchemes.key = { type: 'apiKey', in: 'query', name: 'key' };
    },
    at: [[...SCHEMES, 'key', 'in']],
  },
  'owasp:api2:2023-no-credentials-in-url': {
    from: openapiDoc,
    defect: (d) => {
      d.paths['/api/v1/orders'].get.parameters.push({
        name: 'access_token',
        in: 'query',
        description: 'Token.',
        schema: { type: 'string', maxLength: 100 },
      });
    },
    at: [[...ORDERS, 'get', 'parameters', '2', 'name']],
  },
  'owasp:api2:2023-auth-insecure-schemes': {
    from: openapiDoc,
    defect: (d) => {
      d.components.securitySchemes.windows = { type: 'http', scheme: 'negotiate' };
    },
    at: [[...SCHEMES, 'windows', 'scheme']],
  },
  'owasp:api2:2023-jwt-best-practices': {
    from: openapiDoc,
    defect: (d) => {
      d.components.securitySchemes.bearerAuth.description = 'A JWT.';
    },
    at: [[...SCHEMES, 'bearerAuth', 'description']],
  },
  'owasp:api2:2023-short-lived-access-tokens': {
    from: openapi30Doc,
    defect: (d) => {
      delete d.components.securitySchemes.oauth.flows.authorizationCode.refreshUrl;
    },
    at: [[...SCHEMES, 'oauth', 'flows', 'authorizationCode']],
  },
  'owasp:api2:2023-write-restricted': {
    from: openapiDoc,
    defect: (d) => {
      d.paths['/api/v1/orders'].post.security = [];
    },
    at: [[...ORDERS, 'post', 'security']],
  },
  'owasp:api2:2023-read-restricted': {
    from: openapiDoc,
    defect: (d) => {
      d.paths['/api/v1/orders/{orderId}'].get.security = [];
    },
    at: [[...ORDER, 'get', 'security']],
  },
  'owasp:api3:2023-no-additionalProperties': {
    from: openapi30Doc,
    defect: (d) => {
      d.components.schemas.Note.additionalProperties = true;
    },
    at: [[...SCHEMAS, 'Note', 'additionalProperties']],
  },
  'owasp:api3:2023-constrained-additionalProperties': {
    from: openapi30Doc,
    defect: (d) => {
      d.components.schemas.Note.additionalProperties = { type: 'string', maxLength: 10 };
    },
    at: [[...SCHEMAS, 'Note']],
  },
  'owasp:api3:2023-no-unevaluatedProperties': {
    from: openapiDoc,
    defect: (d) => {
      d.components.schemas.OrderCreate.unevaluatedProperties = true;
    },
    at: [[...SCHEMAS, 'OrderCreate', 'unevaluatedProperties']],
  },
  'owasp:api3:2023-constrained-unevaluatedProperties': {
    from: openapiDoc,
    defect: (d) => {
      d.components.schemas.OrderCreate.unevaluatedProperties = { type: 'string', maxLength: 10 };
    },
    at: [[...SCHEMAS, 'OrderCreate']],
  },
  'owasp:api4:2023-rate-limit': {
    from: openapiDoc,
    defect: (d) => {
      delete d.paths['/api/v1/orders/{orderId}'].get.responses['200'].headers.RateLimit;
    },
    at: [[...ORDER, 'get', 'responses', '200', 'headers']],
  },
  'owasp:api4:2023-rate-limit-retry-after': {
    from: openapiDoc,
    defect: (d) => {
      delete d.components.responses.TooManyRequests.headers['Retry-After'];
    },
    at: [['components', 'responses', 'TooManyRequests', 'headers']],
  },
  'owasp:api4:2023-rate-limit-responses-429': {
    from: openapiDoc,
    defect: (d) => {
      delete d.paths['/api/v1/orders/{orderId}'].get.responses['429'];
    },
    // One finding for the missing response, one for its missing content.
    at: [
      [...ORDER, 'get', 'responses'],
      [...ORDER, 'get', 'responses'],
    ],
  },
  'owasp:api4:2023-array-limit': {
    from: openapiDoc,
    defect: (d) => {
      delete d.components.schemas.OrderPage.properties.items.maxItems;
    },
    at: [[...SCHEMAS, 'OrderPage', 'properties', 'items']],
  },
  'owasp:api4:2023-string-limit': {
    from: openapiDoc,
    defect: (d) => {
      delete d.components.schemas.Order.properties.note.maxLength;
    },
    at: [[...SCHEMAS, 'Order', 'properties', 'note']],
  },
  // Off, with the reason in owaspRules: asserted below.
  'owasp:api4:2023-string-restricted': undefined,
  'owasp:api4:2023-integer-limit': {
    from: openapiDoc,
    defect: (d) => {
      delete d.components.schemas.Problem.properties.status.maximum;
    },
    at: [[...SCHEMAS, 'Problem', 'properties', 'status']],
  },
  'owasp:api4:2023-integer-limit-legacy': {
    from: openapi30Doc,
    defect: (d) => {
      delete d.components.schemas.Note.properties.stars.maximum;
    },
    at: [[...SCHEMAS, 'Note', 'properties', 'stars']],
  },
  'owasp:api4:2023-integer-format': {
    from: openapiDoc,
    defect: (d) => {
      delete d.paths['/api/v1/orders'].get.parameters[0].schema.format;
    },
    at: [[...ORDERS, 'get', 'parameters', '0', 'schema']],
  },
  'owasp:api5:2023-admin-security-unique': {
    from: openapi30Doc,
    defect: (d) => {
      d.paths['/admin/notes'].delete.security = [{ oauth: ['notes:write'] }];
    },
    at: [['paths', '/admin/notes', 'delete', 'security', '0']],
  },
  'owasp:api7:2023-concerning-url-parameter': {
    from: openapiDoc,
    defect: (d) => {
      d.paths['/api/v1/orders'].post.parameters.push({
        name: 'callback_url',
        in: 'query',
        description: 'Where to post the result.',
        schema: { type: 'string', format: 'uri', maxLength: 2048 },
      });
    },
    at: [[...ORDERS, 'post', 'parameters', '1', 'name']],
  },
  'owasp:api8:2023-define-cors-origin': {
    from: openapiDoc,
    defect: (d) => {
      delete d.paths['/api/v1/orders'].post.responses['201'].headers['Access-Control-Allow-Origin'];
    },
    at: [[...ORDERS, 'post', 'responses', '201', 'headers']],
  },
  'owasp:api8:2023-no-scheme-http': {
    from: swagger2Doc,
    defect: (d) => {
      d.schemes = ['https', 'http'];
    },
    at: [['schemes', '1']],
    // Swagger 2.0 only: the shared correct documents are OpenAPI 3, where it cannot fire.
    quietOn: [swagger2Doc],
  },
  'owasp:api8:2023-no-server-http': {
    from: openapiDoc,
    defect: (d) => {
      d.servers[0].url = 'http://orders.acme.example';
    },
    at: [['servers', '0', 'url']],
  },
  'owasp:api8:2023-define-error-validation': {
    from: openapiDoc,
    defect: (d) => {
      delete d.paths['/api/v1/orders/{orderId}'].get.responses['400'];
    },
    at: [[...ORDER, 'get', 'responses']],
  },
  'owasp:api8:2023-define-error-responses-401': {
    from: openapiDoc,
    defect: (d) => {
      delete d.paths['/api/v1/orders/{orderId}'].get.responses['401'];
    },
    at: [
      [...ORDER, 'get', 'responses'],
      [...ORDER, 'get', 'responses'],
    ],
  },
  'owasp:api8:2023-define-error-responses-500': {
    from: openapiDoc,
    defect: (d) => {
      delete d.paths['/api/v1/orders/{orderId}'].get.responses['500'];
    },
    at: [
      [...ORDER, 'get', 'responses'],
      [...ORDER, 'get', 'responses'],
    ],
  },
  'owasp:api9:2023-inventory-access': {
    from: openapiDoc,
    defect: (d) => {
      delete d.servers[0]['x-internal'];
    },
    at: [['servers', '0']],
  },
  'owasp:api9:2023-inventory-environment': {
    from: openapiDoc,
    defect: (d) => {
      d.servers[0].description = 'The main server.';
    },
    at: [['servers', '0', 'description']],
  },
};

const lint = async (doc: Doc, name: string): Promise<ISpectralDiagnostic[]> =>
  lintDocument(stringify(doc, { aliasDuplicateObjects: false }), `/virtual/${name}.yaml`);

/** The correct documents every rule must leave alone, linted once. */
const correct = {
  'orders (OpenAPI 3.1)': openapiDoc,
  'orders (OpenAPI 3.0)': () => as30(openapiDoc()),
  'notes (OpenAPI 3.0, OAuth 2, admin area)': openapi30Doc,
};
let linted: Promise<Array<[string, ISpectralDiagnostic[]]>> | undefined;
const correctFindings = () =>
  (linted ??= Promise.all(
    Object.entries(correct).map(
      async ([name, make]) => [name, await lint(make(), name)] as [string, ISpectralDiagnostic[]],
    ),
  ));

const SEVERITY = { error: 0, warn: 1, info: 2, hint: 3 } as const;

describe('OWASP rules in the house ruleset', () => {
  it('has one case per OWASP rule, and runs every rule that is not off with a reason', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(owasp.rules).sort());
    for (const [id, c] of Object.entries(cases) as [OwaspRuleId, Case | undefined][])
      expect([id, c === undefined]).toEqual([id, Boolean((owaspRules[id] as { off?: string }).off)]);
    expect(owaspRuleIds).toHaveLength(Object.keys(owasp.rules).length - 1);
  });

  it('leaves the correct documents without any OWASP finding', async () => {
    for (const [name, found] of await correctFindings())
      expect([name, found.filter((d) => String(d.code).startsWith('owasp:')).map((d) => d.code)]).toEqual([
        name,
        [],
      ]);
  });

  for (const id of owaspRuleIds) {
    const c = cases[id]!;
    it(`${id}: fires at the defect with OWASP's severity (${owaspSeverity(id)}), quiet on correct documents`, async () => {
      for (const [name, found] of await correctFindings())
        expect([name, found.filter((d) => d.code === id)]).toEqual([name, []]);
      for (const make of c.quietOn ?? [])
        expect((await lint(make(), 'other')).filter((d) => d.code === id)).toEqual([]);
      const doc = c.from();
      c.defect(doc);
      const found = (await lint(doc, 'defect')).filter((d) => d.code === id);
      expect(found.map((d) => d.path.map(String))).toEqual(c.at.map((p) => p.map(String)));
      const severity = owaspSeverity(id);
      expect(severity).not.toBe('off');
      for (const d of found) expect(d.severity).toBe(SEVERITY[severity as keyof typeof SEVERITY]);
    });
  }

  it('owasp:api4:2023-string-restricted is off: a bounded free-text string without format is no finding', async () => {
    const doc = openapiDoc();
    expect(doc.components.schemas.Order.properties.note).toEqual({ type: 'string', maxLength: 500 });
    expect(
      (await lint(doc, 'free-text')).filter((d) => d.code === 'owasp:api4:2023-string-restricted'),
    ).toEqual([]);
    expect(owaspSeverity('owasp:api4:2023-string-restricted')).toBe('off');
  });
});
