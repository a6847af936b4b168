/**
 * The generated OpenAPI 3.1 and AsyncAPI 3.0 documents are valid: Spectral's `spectral:oas` and
 * `spectral:asyncapi` report no errors (and no warnings), @asyncapi/parser reports no errors, the house
 * ruleset (@shipshape/lint, over the whole service folder) reports no errors or warnings, and the
 * documents say what the model says (paths, operations, channels, the Problem code enum = the registry).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Parser as AsyncApiParser } from '@asyncapi/parser';
import { lintService } from '@shipshape/lint';
import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { render } from './render-helpers';

const SEVERITY = ['error', 'warn', 'info', 'hint'];

function describeDiagnostics(results: ISpectralDiagnostic[]): string[] {
  return results
    .filter((r) => r.severity <= 1)
    .map((r) => `${SEVERITY[r.severity]} ${r.code} at ${r.path.join('.')}: ${r.message}`);
}

async function spectral(
  text: string,
  ruleset: typeof oas | typeof asyncapi,
  source: string,
): Promise<string[]> {
  const s = new Spectral();
  s.setRuleset(ruleset as never);
  const results = await s.run(new Document(text, Parsers.Yaml, source));
  return describeDiagnostics(results);
}

const cases = [
  { title: 'orders (resource order)', ...render('orders', 'order') },
  {
    title: 'line-items (resources line-item, category; If-Match required on category)',
    ...render('line-items', 'line-item', ['category'], 'acme', 't1', { category: 'required' }),
  },
];

describe.each(cases)('$title', ({ model, files }) => {
  const openapiText = files.get(`openapi/${model.name}.yaml`)!;
  const asyncapiText = files.get(`asyncapi/${model.name}.yaml`)!;

  it('OpenAPI passes spectral:oas with no errors or warnings', async () => {
    expect(await spectral(openapiText, oas, `openapi/${model.name}.yaml`)).toEqual([]);
  });

  it('AsyncAPI passes spectral:asyncapi with no errors or warnings', async () => {
    expect(await spectral(asyncapiText, asyncapi, `asyncapi/${model.name}.yaml`)).toEqual([]);
  });

  it('AsyncAPI parses with @asyncapi/parser without errors', async () => {
    const { document, diagnostics } = await new AsyncApiParser().parse(asyncapiText);
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual(model.events.map((e) => e.channel).sort());
  });

  it('lints clean under the house ruleset (lintService: zero errors, zero warnings)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'shipshape-lint-')), model.name);
    try {
      for (const [path, content] of files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      const report = await lintService(dir);
      expect(
        report.findings
          .filter((f) => f.severity === 'error' || f.severity === 'warning')
          .map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line} ${f.message}`),
      ).toEqual([]);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('OpenAPI documents exactly the model routes, each with problem+json errors and a default', () => {
    type Operation = { operationId: string; responses: Record<string, { $ref?: string }> };
    const doc = parse(openapiText) as {
      paths: Record<string, Record<string, Operation>>;
      components: {
        responses: Record<string, { content: Record<string, unknown>; headers?: Record<string, unknown> }>;
        schemas: { Problem: { properties: { code: { enum: string[] } } } };
        parameters: Record<string, unknown>;
      };
    };
    const ops: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        ops.push(`${method.toUpperCase()} ${path} ${op.operationId}`);
        expect(op.responses.default).toBeDefined();
        for (const [status, response] of Object.entries(op.responses)) {
          if (!/^[45]/.test(status)) continue;
          const ref = response.$ref!.split('/').pop()!;
          expect(
            Object.keys(doc.components.responses[ref].content),
            `${status} of ${op.operationId}`,
          ).toEqual(['application/problem+json']);
        }
      }
    }
    expect(ops.sort()).toEqual(model.routes.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort());
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(model.errorCodes.map((e) => e.code));
    const post = doc.paths[model.resources[0].basePath].post;
    expect((post as unknown as { parameters: { $ref: string }[] }).parameters.map((p) => p.$ref)).toContain(
      '#/components/parameters/IdempotencyKey',
    );
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({
      required: true,
      schema: { maxLength: 255 },
    });
    expect(doc.components.responses.TooManyRequests.headers?.['Retry-After']).toBeDefined();
  });

  it('declares optimistic concurrency: ETag on create/get/update, If-Match on PATCH/DELETE per resource, 412/428 as problem+json', () => {
    type Ref = { $ref: string };
    type Op = { parameters: Ref[]; responses: Record<string, Ref & { headers?: Record<string, Ref> }> };
    type Param = { name: string; in: string; required: boolean; schema: { type: string } };
    const doc = parse(openapiText) as {
      paths: Record<string, Record<string, Op>>;
      components: {
        parameters: Record<string, Param>;
        headers: Record<string, { schema: { type: string } }>;
        responses: Record<string, { content: Record<string, { schema: Ref }> }>;
      };
    };
    const deref = <T>(ref: Ref): T =>
      ref.$ref
        .split('/')
        .reduce<unknown>((n, k) => (k === '#' ? doc : (n as Record<string, unknown>)[k]), doc) as T;
    const problem = (ref: Ref) =>
      deref<{ content: Record<string, { schema: Ref }> }>(ref).content['application/problem+json']?.schema
        .$ref;
    expect(doc.components.headers.ETag.schema.type).toBe('string');
    for (const r of model.resources) {
      const item = `${r.basePath}/{${r.idParam}}`;
      const etag = (op: Op, status: string) => op.responses[status].headers?.ETag?.$ref;
      expect(etag(doc.paths[r.basePath].post, '201'), `${r.singular} create`).toBe(
        '#/components/headers/ETag',
      );
      expect(etag(doc.paths[item].get, '200'), `${r.singular} get`).toBe('#/components/headers/ETag');
      expect(etag(doc.paths[item].patch, '200'), `${r.singular} update`).toBe('#/components/headers/ETag');
      for (const method of ['patch', 'delete']) {
        const op = doc.paths[item][method];
        const ifMatch = op.parameters.map((p) => deref<Param>(p)).filter((p) => p.name === 'If-Match');
        expect(ifMatch, `${method} ${item}`).toEqual([
          expect.objectContaining({ in: 'header', required: r.ifMatch === 'required' }),
        ]);
        expect(problem(op.responses['412']), `412 of ${method} ${item}`).toBe('#/components/schemas/Problem');
        if (r.ifMatch === 'required')
          expect(problem(op.responses['428']), `428 of ${method} ${item}`).toBe(
            '#/components/schemas/Problem',
          );
        else expect(op.responses['428'], `no 428 promised on ${method} ${item}`).toBeUndefined();
      }
      for (const op of [doc.paths[r.basePath].post, doc.paths[r.basePath].get, doc.paths[item].get])
        expect(op.responses['412']).toBeUndefined();
    }
    const route = (method: string, r = model.resources[0]) =>
      model.routes.find((x) => x.resource === r.singular && x.method === method && x.path.endsWith('}'))!;
    expect(route('PATCH').errorCodes).toContain(
      `${model.orgUpper}.${model.names.constantName}.PRECONDITION_FAILED`,
    );
  });

  it('the error registry holds every standard code and one NOT_FOUND per resource', () => {
    const registry = parse(files.get('errors/error-codes.yaml')!);
    expect(registry).toMatchObject({ org: model.org, service: model.name });
    expect(registry.codes.map((c: { code: string }) => c.code)).toEqual(model.errorCodes.map((e) => e.code));
    for (const r of model.resources) {
      expect(registry.codes).toContainEqual(
        expect.objectContaining({
          code: `${model.orgUpper}.${model.names.constantName}.${r.names.constantName}_NOT_FOUND`,
          status: 404,
        }),
      );
    }
  });
});
