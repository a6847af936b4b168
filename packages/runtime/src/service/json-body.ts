import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from '../errors/problem.js';

/** Deepest nesting of arrays/objects a JSON body may have; deeper ones answer 400 before they are parsed. */
export const MAX_JSON_DEPTH = 128;

const rawBodies = new WeakMap<FastifyRequest, string>();

/** The JSON body text as received (for exact fingerprints), when the request had one. */
export function rawJsonBody(request: FastifyRequest): string | undefined {
  return rawBodies.get(request);
}

/**
 * Nesting depth of a JSON text, strings skipped. Hand-written (a dozen lines): JSON.parse has no depth limit,
 * and a body thousands of levels deep overflows the stack of whatever walks it next (schema validation,
 * fingerprinting, serialisers) — a 500 from a single request.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/**
 * Replaces the JSON parsers (application/json and any +json type) with Fastify's own secure parser behind a
 * depth check, keeping the raw text for the idempotency fingerprint.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  const parser = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (err: Error | null, body?: unknown) => void,
  ) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(
        problem('BAD_REQUEST', { detail: `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels` }),
      );
      return;
    }
    rawBodies.set(request, text);
    parse(request, text, done);
  };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parser);
  app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, parser);
}
