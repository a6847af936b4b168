import { STATUS_CODES } from 'node:http';
import type { Kit as CheckContext } from '../context.js';
import { header, mediaType, type Exchange, type Tenant } from '../http.js';
import { jsonMedia, type JsonSchema, type Operation } from '../spec.js';
import { sampleValid } from '../sample.js';

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

/** Does a list response contain an item with this id or marker? */
export function listContains(exchange: Exchange, id: string, marker?: string): boolean {
  const items = listItems(exchange);
  if (items) {
    return items.some((item) => {
      const text = JSON.stringify(item);
      return (
        (item && typeof item === 'object' && Object.values(item).includes(id)) ||
        (marker ? text.includes(marker) : false)
      );
    });
  }
  return (
    exchange.bodyText.includes(`"${id}"`) || (marker !== undefined && exchange.bodyText.includes(marker))
  );
}

/** The items of a list response: a top-level array or the first array member (`items`, `data`, …). */
export function listItems(exchange: Exchange): unknown[] | undefined {
  const json = exchange.json;
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object') {
    for (const key of ['items', 'data', 'results', 'records', 'content']) {
      const value = (json as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value;
    }
    const first = Object.values(json).find(Array.isArray);
    if (first) return first as unknown[];
  }
  return undefined;
}

export function countMarker(exchange: Exchange, marker: string): number {
  const items = listItems(exchange);
  if (!items) return exchange.bodyText.split(marker).length - 1;
  return items.filter((item) => JSON.stringify(item).includes(marker)).length;
}

/** Required query parameters of an operation, filled with sample values. */
export function requiredQuery(ctx: CheckContext, op: Operation | undefined): string {
  if (!op) return '';
  const params = op.parameters.filter((p) => p.in === 'query' && p.required);
  if (params.length === 0) return '';
  const search = new URLSearchParams();
  for (const p of params)
    search.set(p.name, String(sampleValid(p.schema, { runId: ctx.runId, variant: 'q' })));
  return `?${search.toString()}`;
}

export function listPath(ctx: CheckContext, extra = ''): string {
  const res = ctx.resource();
  const query = requiredQuery(ctx, res.list);
  if (!extra) return res.collectionPath + query;
  return res.collectionPath + (query ? `${query}&${extra}` : `?${extra}`);
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

export function is2xx(exchange: Exchange): boolean {
  return !exchange.error && exchange.status >= 200 && exchange.status < 300;
}

export interface ListScan {
  pages: Exchange[];
  /** False when the answer was not 2xx, or pages remained after the page limit. */
  complete: boolean;
  ok: boolean;
}

/**
 * Reads a tenant's list page by page (largest page size the spec allows) up to `maxPages`, following
 * whatever the service offers: a cursor member (`nextCursor`, `next_cursor`, `cursor.next`), a `next`
 * link in the body, an RFC 8288 `Link: <…>; rel="next"` header, or `offset`/`page` parameters while
 * pages come back full. A new resource on a large staging list is rarely on page one.
 */
export async function scanList(
  ctx: CheckContext,
  as: Tenant,
  options: { query?: string; headers?: Array<[string, string]>; maxPages?: number } = {},
): Promise<ListScan> {
  const op = ctx.resource().list;
  const param = (name: string) => op?.parameters.find((p) => p.in === 'query' && p.name === name);
  const limitParam = param('limit') ?? param('per_page') ?? param('pageSize') ?? param('page_size');
  const max =
    typeof limitParam?.schema?.maximum === 'number'
      ? Math.min(Number(limitParam.schema.maximum), 100)
      : undefined;
  const query = [options.query, max && limitParam ? `${limitParam.name}=${max}` : undefined]
    .filter(Boolean)
    .join('&');
  const pages: Exchange[] = [];
  let path: string | undefined = listPath(ctx, query);
  const maxPages = options.maxPages ?? 10;
  const offset = param('offset') ?? param('skip');
  const page = param('page');
  while (path && pages.length < maxPages) {
    const answer = await ctx.send({ method: 'GET', path, as, headers: options.headers });
    pages.push(answer);
    if (!is2xx(answer)) return { pages, complete: false, ok: false };
    path = nextPage(ctx, answer, query, {
      offset: offset?.name,
      page: page?.name,
      pageSize: max,
      seen: pages.reduce((n, p) => n + (listItems(p)?.length ?? 0), 0),
      number: pages.length,
    });
  }
  return { pages, complete: path === undefined, ok: true };
}

function linkNext(value: string | undefined): string | undefined {
  for (const part of value?.split(/,(?=\s*<)/) ?? []) {
    const match = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (match && /rel="?[^";]*\bnext\b/i.test(match[2]!)) return match[1];
  }
  return undefined;
}

function nextPage(
  ctx: CheckContext,
  answer: Exchange,
  query: string,
  paging: { offset?: string; page?: string; pageSize?: number; seen: number; number: number },
): string | undefined {
  const body = answer.json as Record<string, unknown> | undefined;
  const object = body && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
  const meta = (object?.meta ?? object?.pagination) as Record<string, unknown> | undefined;
  const cursor =
    object?.nextCursor ??
    object?.next_cursor ??
    (object?.cursor as { next?: unknown } | undefined)?.next ??
    meta?.nextCursor ??
    meta?.next_cursor;
  const more = (extra: string) => listPath(ctx, [query, extra].filter(Boolean).join('&'));
  if (typeof cursor === 'string' && cursor) return more(`cursor=${encodeURIComponent(cursor)}`);
  const next = object?.next ?? (object?.links as { next?: unknown } | undefined)?.next ?? meta?.next;
  if (typeof next === 'string' && next) return next;
  const link = linkNext(header(answer, 'link'));
  if (link) return link;
  // Offset or page numbers: continue while pages come back full.
  const count = listItems(answer)?.length ?? 0;
  const full = paging.pageSize ? count >= paging.pageSize : count > 0;
  if (!full || count === 0) return undefined;
  if (paging.offset) return more(`${paging.offset}=${paging.seen}`);
  if (paging.page) return more(`${paging.page}=${paging.number + 1}`);
  return undefined;
}

export function scanContains(scan: ListScan, id: string, marker?: string): Exchange | undefined {
  return scan.pages.find((page) => is2xx(page) && listContains(page, id, marker));
}

export function scanCount(scan: ListScan, marker: string): number {
  return scan.pages.filter(is2xx).reduce((sum, page) => sum + countMarker(page, marker), 0);
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
