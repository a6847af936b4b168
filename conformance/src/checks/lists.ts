/**
 * Reading a collection the way a client of any shape would: the items of a list answer whatever its envelope,
 * the required query a list operation needs, and a scan over every page however the service paginates.
 */
import type { Kit as CheckContext } from '../context.js';
import { header, type Exchange, type Tenant } from '../http.js';
import type { Operation } from '../spec.js';
import { sampleValid } from '../sample.js';

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
