import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService } from '../../test/support.js';
import { throughOrchestrator } from './ai.js';

afterAll(cleanup);

describe('ai.through_orchestrator', () => {
  it('is GREEN when neither package.json nor src/ reaches a model provider', async () => {
    const dir = await makeService({
      'package.json': JSON.stringify({ dependencies: { fastify: '5.0.0' } }),
      'src/app.ts':
        "import Fastify from 'fastify';\nexport const url = 'https://example.com/ai-orchestrator';\n",
    });
    expect((await throughOrchestrator(await context(dir))).status).toBe('GREEN');
  });

  it('is RED for a model SDK dependency, an SDK import or a provider endpoint, naming each', async () => {
    const dir = await makeService({
      'package.json': JSON.stringify({ dependencies: { '@anthropic-ai/sdk': '1.0.0' } }),
      'src/a.ts':
        "import OpenAI from 'openai/index.js';\nconst u = 'https://generativelanguage.googleapis.com/v1';\n",
    });
    const v = await throughOrchestrator(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.evidence.map((e) => `${e.ref} ${e.detail}`)).toEqual([
      'package.json depends on @anthropic-ai/sdk',
      'src/a.ts:1 imports openai/index.js',
      'src/a.ts:2 calls generativelanguage.googleapis.com',
    ]);
  });
});
