import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brief, cleanup, copyGood, editYaml, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-error-registry-valid';
afterEach(cleanup);

describe(RULE, () => {
  it('passes the generator-format registry', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it('reports a missing registry', async () => {
    const dir = await copyGood();
    await rm(join(dir, 'errors', 'error-codes.yaml'));
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'errors/error-codes.yaml:1 error registry errors/error-codes.yaml is missing',
    ]);
  });

  it('reports a syntax error at its line', async () => {
    const dir = await copyGood();
    await writeFile(join(dir, 'errors', 'error-codes.yaml'), 'org: acme\ncodes:\n  - code: [\n');
    const findings = await findingsOf(dir, RULE);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0].message).toMatch(/^cannot parse: /);
  });

  it('reports malformed, duplicate, foreign-prefix, status-less and untitled entries at each entry', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'errors/error-codes.yaml', (doc) => {
      doc.codes[0].code = 'validation_failed';
      doc.codes[2].code = doc.codes[1].code;
      doc.codes[3].code = 'OTHER.ORDERS.UNAUTHENTICATED';
      doc.codes[4].status = 200;
      delete doc.codes[5].title;
    });
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'errors/error-codes.yaml:3 error codes must share one <ORG>.<SVC> prefix (found ACME.ORDERS, OTHER.ORDERS)',
      'errors/error-codes.yaml:4 error code "validation_failed" must be <ORG>.<SVC>.<CODE> (upper case)',
      'errors/error-codes.yaml:14 error code ACME.ORDERS.IDEMPOTENCY_KEY_REQUIRED is registered twice',
      'errors/error-codes.yaml:19 error code OTHER.ORDERS.UNAUTHENTICATED must start with the org prefix ACME.',
      'errors/error-codes.yaml:24 error code ACME.ORDERS.ORDER_NOT_FOUND must have an HTTP error status (400-599)',
      'errors/error-codes.yaml:29 error code ACME.ORDERS.IDEMPOTENCY_KEY_IN_FLIGHT must have a title',
    ]);
  });

  it('reads a registry written as a mapping of codes', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'errors/error-codes.yaml', (doc) => {
      doc.codes = Object.fromEntries(doc.codes.map(({ code, ...rest }: { code: string }) => [code, rest]));
    });
    expect(await findingsOf(dir, RULE)).toEqual([]);
    expect(await findingsOf(dir, 'shipshape-error-codes-registered')).toEqual([]);
  });
});
