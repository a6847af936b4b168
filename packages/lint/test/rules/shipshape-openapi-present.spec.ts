import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintService } from '../../src/index.js';
import { brief, cleanup, copyGood, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-openapi-present';
afterEach(cleanup);

describe(RULE, () => {
  it('passes a service with openapi/<name>.yaml', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it('reports a service without an OpenAPI document', async () => {
    const dir = await copyGood();
    await rm(join(dir, 'openapi'), { recursive: true });
    const findings = await findingsOf(dir, RULE);
    expect(findings.map(brief)).toEqual(['openapi/:1 no OpenAPI document in openapi/']);
    expect(findings[0].gate).toBe('api.openapi_present');
  });

  it("reports a YAML syntax error through Spectral's parser at its line", async () => {
    const dir = await copyGood();
    await writeFile(join(dir, 'openapi', 'orders.yaml'), 'openapi: 3.1.0\ninfo:\n  title: [unclosed\n');
    const parserFindings = (await lintService(dir)).findings.filter((f) => f.rule === 'parser');
    expect(parserFindings.length).toBeGreaterThan(0);
    expect(parserFindings[0]).toMatchObject({
      file: 'openapi/orders.yaml',
      severity: 'error',
      gate: 'api.openapi_present',
    });
  });
});
