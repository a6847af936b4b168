import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brief, cleanup, copyGood, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-asyncapi-present';
afterEach(cleanup);

describe(RULE, () => {
  it('passes a service with asyncapi/<name>.yaml', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it('reports a service without an AsyncAPI document', async () => {
    const dir = await copyGood();
    await rm(join(dir, 'asyncapi', 'orders.yaml'));
    const findings = await findingsOf(dir, RULE);
    expect(findings.map(brief)).toEqual(['asyncapi/:1 no AsyncAPI document in asyncapi/']);
    expect(findings[0].gate).toBe('events.asyncapi_present');
  });
});
