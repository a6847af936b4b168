import { describe, expect, it } from 'vitest';
import { DiffInputError, diffSpecs, diffTexts } from '../src/index.js';
import { asyncapi, openapi } from './documents.js';

const breaking = (oldVersion: string | undefined, newVersion: string | undefined) => {
  const a = openapi();
  const b = openapi();
  a.info.version = oldVersion;
  b.info.version = newVersion;
  delete b.paths['/api/v1/orders/{orderId}'];
  return diffSpecs(a, b);
};

describe('the version gate', () => {
  it('fails a breaking change without a major bump', () => {
    const report = breaking('1.4.0', '1.5.0');
    expect(report).toMatchObject({
      kind: 'openapi',
      breaking: 1,
      nonBreaking: 0,
      majorBumped: false,
      failed: true,
    });
  });

  it('lets a breaking change through with a major bump', () => {
    expect(breaking('1.4.0', '2.0.0')).toMatchObject({ majorBumped: true, failed: false, breaking: 1 });
    expect(breaking('v1.9.9', 'v2.0.0')).toMatchObject({ majorBumped: true, failed: false });
  });

  it('treats 0.x like any other major (0.1 → 0.2 is not a major bump)', () => {
    expect(breaking('0.1.0', '0.2.0')).toMatchObject({ majorBumped: false, failed: true });
    expect(breaking('0.9.0', '1.0.0')).toMatchObject({ majorBumped: true, failed: false });
  });

  it('fails when a version cannot be read', () => {
    expect(breaking(undefined, '2.0.0')).toMatchObject({ majorBumped: false, failed: true });
    expect(breaking('1.0.0', 'latest')).toMatchObject({ majorBumped: false, failed: true });
  });

  it('passes non-breaking changes whatever the version', () => {
    const a = openapi();
    const b = openapi();
    b.paths['/api/v1/orders'].get.parameters.push({
      name: 'cursor',
      in: 'query',
      schema: { type: 'string' },
    });
    expect(diffSpecs(a, b)).toMatchObject({ failed: false, breaking: 0, nonBreaking: 1 });
  });

  it('refuses to compare what is not OpenAPI 3 / AsyncAPI 3, or two different kinds', () => {
    expect(() => diffSpecs({ swagger: '2.0' }, openapi())).toThrow(
      new DiffInputError('old document is neither OpenAPI 3.x nor AsyncAPI 3.x'),
    );
    expect(() => diffSpecs(openapi(), asyncapi())).toThrow('cannot compare openapi with asyncapi');
    expect(() => diffTexts('openapi: [', 'openapi: 3.1.0', ['a.yaml', 'b.yaml'])).toThrow(
      /^a\.yaml does not parse: /,
    );
  });

  it('expands YAML merge keys (<<) before comparing', () => {
    const doc = (max: number) =>
      [
        'openapi: 3.1.0',
        'info: { title: t, version: 1.0.0 }',
        `x-base: &base { type: string, maxLength: ${max} }`,
        'paths:',
        '  /a:',
        '    post:',
        '      requestBody: { content: { application/json: { schema: { <<: *base, format: uuid } } } }',
        "      responses: { '200': { description: ok } }",
      ].join('\n');
    expect(diffTexts(doc(10), doc(10)).changes).toEqual([]);
    expect(diffTexts(doc(10), doc(5)).changes.map((c) => c.rule)).toEqual(['request-limit-narrowed']);
  });

  it('reads JSON and YAML alike, and refuses an alias bomb', () => {
    const a = openapi();
    const b = openapi();
    delete b.paths['/api/v1/orders/{orderId}'];
    expect(diffTexts(JSON.stringify(a), JSON.stringify(b))).toMatchObject({ breaking: 1 });
    const bomb = ['openapi: 3.1.0', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 120; i++) bomb.push(`k${i}: *a`);
    expect(() => diffTexts(bomb.join('\n'), bomb.join('\n'), ['bomb.yaml', 'b'])).toThrow(
      /^bomb\.yaml does not parse: /,
    );
  });
});
