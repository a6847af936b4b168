import { STATUS_CODES } from 'node:http';
import type { Kit as CheckContext } from '../context.js';
import { header, mediaType, type Exchange } from '../http.js';
import { jsonMedia, type JsonSchema, type Operation } from '../spec.js';
import { sampleValid } from '../sample.js';

export * from './lists.js';

export const PROBLEM_MEDIA = 'application/problem+json';
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance']);

export function isProblem(exchange: Exchange): boolean {
  return mediaType(exchange) === PROBLEM_MEDIA;
}

export function problemBody(exchange: Exchange): Record<string, unknown> | undefined {
  const json = exchange.json;
  return json && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : undefined;
}

/** RFC 9457 §3.2: extension member names start with a letter, then letters, digits or `_`, 3+ chars. */
export function badExtensionNames(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter(
    (key) => !STANDARD_MEMBERS.has(key) && !/^[A-Za-z][A-Za-z0-9_]{2,}$/.test(key),
  );
}

/** Member-type problems of a problem body (RFC 9457 §3.1), empty when fine. */
export function memberTypeProblems(body: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['type', 'title', 'status'] as const) if (!(key in body)) out.push(`no "${key}" member`);
  if ('type' in body && typeof body.type !== 'string') out.push('"type" is not a string');
  if ('title' in body && typeof body.title !== 'string') out.push('"title" is not a string');
  if ('status' in body && !Number.isInteger(body.status)) out.push('"status" is not an integer');
  if ('detail' in body && typeof body.detail !== 'string') out.push('"detail" is not a string');
  if ('instance' in body && typeof body.instance !== 'string') out.push('"instance" is not a string');
  return out;
}

/** RFC 9110 §15 renamed a few reason phrases; the older ones (RFC 7231, RFC 4918) stay accepted. */
const RFC9110_PHRASES: Record<number, string> = {
  413: 'Content Too Large',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
};

/** The reason phrases accepted as an about:blank title for a status: RFC 9110's first, then the older. */
export function reasonPhrases(status: number): string[] {
  return [...new Set([RFC9110_PHRASES[status], STATUS_CODES[status]].filter((p): p is string => !!p))];
}

const LEAKS: Array<[RegExp, string]> = [
  [/\n\s+at [^\n]+:\d+:\d+/, 'a stack trace'],
  [/\bat (?:async )?[\w$.<>]+ \((?:file:\/\/)?\/[^)]+:\d+:\d+\)/, 'a stack frame'],
  [/\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[^"]{0,80}\b(?:FROM|VALUES|SET|WHERE)\b/i, 'SQL text'],
  [
    /syntax error at or near|violates (?:unique|foreign key|check) constraint|relation "[^"]+" does not exist/i,
    'a database error',
  ],
  [
    /(?:\/home\/|\/usr\/|\/var\/|\/opt\/|\/app\/|\/src\/|node_modules|[A-Z]:\\\\)[\w./\\-]*\.(?:[cm]?js|ts)\b/,
    'a server file path',
  ],
];

export function leakIn(text: string): string | undefined {
  for (const [pattern, what] of LEAKS) if (pattern.test(text)) return what;
  return undefined;
}

// ----- Trace Context -----

export interface TraceInfo {
  traceId: string;
  spanId?: string;
  source: 'traceresponse' | 'problem.traceId';
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;

export function parseTraceHeader(value: string | undefined): { traceId: string; spanId: string } | undefined {
  const match = value ? TRACEPARENT.exec(value.trim()) : null;
  if (!match) return undefined;
  return { traceId: match[2]!, spanId: match[3]! };
}

export function validTraceId(id: string | undefined): boolean {
  return !!id && /^[0-9a-f]{32}$/.test(id) && !/^0+$/.test(id);
}

/** The trace a response shows: its `traceresponse`, else the problem body's `traceId`. */
export function traceOf(exchange: Exchange): TraceInfo | undefined {
  const response = parseTraceHeader(header(exchange, 'traceresponse'));
  if (response) return { ...response, source: 'traceresponse' };
  const body = problemBody(exchange);
  if (body && typeof body.traceId === 'string') return { traceId: body.traceId, source: 'problem.traceId' };
  return undefined;
}

export function hex(length: number, seed: string): string {
  let out = '';
  let h = 2166136261;
  while (out.length < length) {
    for (const ch of seed + out.length) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

// ----- Bodies -----

export function updateBody(
  ctx: CheckContext,
  variant: string,
): { body: unknown; contentType: string } | undefined {
  const op = ctx.model.resource?.update;
  if (!op) return undefined;
  const media = jsonMedia(op.requestBody?.content) ?? 'application/json';
  const schema = op.requestBody?.content[media];
  const body = sampleValid(schema as JsonSchema | undefined, { runId: ctx.runId, variant });
  return { body, contentType: media };
}

/** A lookalike of an id: same length and alphabet, different value (for oracle comparisons). */
export function lookalike(id: string): string {
  const chars = id.split('');
  for (let i = chars.length - 1, changed = 0; i >= 0 && changed < 6; i -= 1) {
    const c = chars[i]!;
    if (/[0-9]/.test(c)) chars[i] = String((Number(c) + 3) % 10);
    else if (/[a-f]/.test(c)) chars[i] = 'abcdef'[('abcdef'.indexOf(c) + 3) % 6]!;
    else if (/[A-F]/.test(c)) chars[i] = 'ABCDEF'[('ABCDEF'.indexOf(c) + 3) % 6]!;
    else if (/[a-z]/i.test(c))
      chars[i] = c === 'z' ? 'y' : c === 'Z' ? 'Y' : String.fromCharCode(c.charCodeAt(0) + 1);
    else continue;
    changed += 1;
  }
  const out = chars.join('');
  return out === id ? `${id}0` : out;
}

/** The `If-Match` header parameter an operation declares, if any. */
export function ifMatchParameter(op: Operation | undefined) {
  return op?.parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match');
}

/**
 * Headers for a write that means "whatever version is current": `If-Match: *` (RFC 9110 §13.1.1) where the
 * operation declares If-Match required, none otherwise — what a check or the clean-up sends when optimistic
 * concurrency is not what it is about.
 */
export function anyVersion(op: Operation | undefined): Array<[string, string]> {
  return ifMatchParameter(op)?.required ? [['if-match', '*']] : [];
}
