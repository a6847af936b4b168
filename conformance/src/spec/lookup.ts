import type { JsonSchema, Operation, ResponseSpec } from './model.js';

/** Fills a path template: `{id}` takes `values[id]` or the fallback. */
export function fillPath(template: string, values: Record<string, string>, fallback = 'x'): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback));
}

/** Picks the JSON media type of a content map (application/json or any +json). */
export function jsonMedia(content: Record<string, JsonSchema | undefined> | undefined): string | undefined {
  if (!content) return undefined;
  const types = Object.keys(content);
  return types.find((t) => t === 'application/json') ?? types.find((t) => /[/+]json$/.test(t));
}

/** The documented response for a status: exact, then `4XX`-style range, then `default`. */
export function documentedResponse(op: Operation, status: number): ResponseSpec | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.DEFAULT;
}
