import { afterEach, describe, expect, it } from 'vitest';
import { brief, cleanup, copyGood, editYaml, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-error-codes-registered';
afterEach(cleanup);

describe(RULE, () => {
  it('passes when the OpenAPI code enums and the registry list the same codes', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it('reports an enum code missing from the registry at the enum item', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'errors/error-codes.yaml', (doc) => {
      doc.codes = doc.codes.filter((c: { code: string }) => c.code !== 'ACME.ORDERS.RATE_LIMITED');
    });
    const findings = await findingsOf(dir, RULE);
    expect(findings.map((f) => [f.file, f.pointer, f.message])).toEqual([
      [
        'openapi/orders.yaml',
        '/components/schemas/Problem/properties/code/enum/7',
        'error code ACME.ORDERS.RATE_LIMITED is not registered in errors/error-codes.yaml',
      ],
    ]);
  });

  it('reports a registered code no response can carry at the registry entry', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'openapi/orders.yaml', (doc) => {
      const code = doc.components.schemas.Problem.properties.code;
      code.enum = code.enum.filter((c: string) => c !== 'ACME.ORDERS.INVALID_CURSOR');
    });
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'errors/error-codes.yaml:17 registered code ACME.ORDERS.INVALID_CURSOR is in no problem code enum of openapi/orders.yaml',
    ]);
  });

  it('collects codes from per-response enums narrowed with allOf', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'openapi/orders.yaml', (doc) => {
      const code = doc.components.schemas.Problem.properties.code;
      const all: string[] = code.enum;
      code.enum = all.filter((c) => c !== 'ACME.ORDERS.ORDER_NOT_FOUND');
      doc.components.responses.NotFound.content['application/problem+json'].schema = {
        allOf: [
          { $ref: '#/components/schemas/Problem' },
          { properties: { code: { enum: ['ACME.ORDERS.ORDER_NOT_FOUND'] } } },
        ],
      };
    });
    expect(await findingsOf(dir, RULE)).toEqual([]);
  });
});
