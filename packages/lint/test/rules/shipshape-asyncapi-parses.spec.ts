import { afterEach, describe, expect, it } from 'vitest';
import { brief, cleanup, copyGood, editText, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-asyncapi-parses';
afterEach(cleanup);

describe(RULE, () => {
  it('passes a document @asyncapi/parser accepts (its warnings are not findings)', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it("reports the parser's error diagnostics with their code, at their line", async () => {
    const dir = await copyGood();
    await editText(
      dir,
      'asyncapi/orders.yaml',
      "$ref: '#/channels/orderDeleted'",
      "$ref: '#/channels/orderArchived'",
    );
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      "asyncapi/orders.yaml:63 invalid-ref: '#/channels/orderArchived' does not exist",
      'asyncapi/orders.yaml:67 asyncapi3-operation-messages-from-referred-channel: Operation message does not belong to the specified channel.',
    ]);
  });

  it('reports a schema violation (an AsyncAPI 2 action) through the parser', async () => {
    const dir = await copyGood();
    await editText(dir, 'asyncapi/orders.yaml', 'action: send', 'action: publish');
    const findings = await findingsOf(dir, RULE);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.file === 'asyncapi/orders.yaml' && f.severity === 'error')).toBe(true);
    expect(findings.map((f) => f.message).join('\n')).toContain('action');
  });

  it('reports a document that is not AsyncAPI 3 at all', async () => {
    const dir = await copyGood();
    await editText(dir, 'asyncapi/orders.yaml', 'asyncapi: 3.0.0', 'asyncapi: 9.9.9');
    const findings = await findingsOf(dir, RULE);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0].gate).toBe('events.asyncapi_present');
  });
});
