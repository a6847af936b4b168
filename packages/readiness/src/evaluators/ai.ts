import type { EvalContext } from '../context.js';
import type { Evidence } from '../types.js';
import { few, green, red, type Evaluator } from './support.js';

/** SDKs that call model providers directly (the gate wants calls to go through the platform's orchestrator). */
export const MODEL_SDKS = [
  'openai',
  '@anthropic-ai/sdk',
  '@google/generative-ai',
  '@google/genai',
  '@google-cloud/vertexai',
  '@mistralai/mistralai',
  'cohere-ai',
  '@aws-sdk/client-bedrock-runtime',
  '@azure/openai',
  'groq-sdk',
  'ollama',
  'replicate',
  '@huggingface/inference',
  'together-ai',
  'ai',
  '@ai-sdk/openai',
  '@ai-sdk/anthropic',
  '@langchain/openai',
  '@langchain/anthropic',
];

/** Hosts of model provider APIs. */
export const MODEL_HOSTS = [
  'api.openai.com',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'aiplatform.googleapis.com',
  'api.mistral.ai',
  'api.cohere.ai',
  'api.cohere.com',
  'api.groq.com',
  'api-inference.huggingface.co',
  'api.replicate.com',
  'openai.azure.com',
  'bedrock-runtime.',
];

/** ai.through_orchestrator (L2, checked even when AI does not apply): no model SDK or endpoint in the service. */
export const throughOrchestrator: Evaluator = async (ctx: EvalContext) => {
  const pkg = (await ctx.packageJson()) ?? {};
  const deps = Object.keys({ ...(pkg.dependencies as object), ...(pkg.devDependencies as object) });
  const found: Evidence[] = [];
  for (const dep of deps)
    if (MODEL_SDKS.includes(dep))
      found.push({ kind: 'file', ref: 'package.json', detail: `depends on ${dep}` });
  for (const source of await ctx.sources()) {
    for (const i of source.imports) {
      const name = i.module.startsWith('@')
        ? i.module.split('/').slice(0, 2).join('/')
        : i.module.split('/')[0];
      if (MODEL_SDKS.includes(name))
        found.push({ kind: 'file', ref: `${source.file}:${i.line}`, detail: `imports ${i.module}` });
    }
    for (const s of source.strings) {
      const host = MODEL_HOSTS.find((h) => s.text.includes(h));
      if (host) found.push({ kind: 'file', ref: `${source.file}:${s.line}`, detail: `calls ${host}` });
    }
  }
  if (found.length > 0) {
    return red(
      `direct model access: ${few(
        found.map((f) => `${f.ref} ${f.detail}`),
        2,
      )}`,
      found,
    );
  }
  return green('no model SDK in package.json and no model endpoint or SDK import in src/', [
    { kind: 'file', ref: 'package.json' },
    { kind: 'file', ref: 'src/' },
  ]);
};
