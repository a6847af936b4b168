import { emit } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import type { Where } from '../schema/context.js';
import { obj, type Obj, type Run } from './common.js';

/** A server URL with its variables at their defaults, without a trailing slash. */
function urlOf(server: unknown): string {
  const s = obj(server);
  let url = typeof s.url === 'string' ? s.url : '';
  for (const [name, v] of Object.entries(obj(s.variables)))
    url = url.replaceAll(`{${name}}`, String(obj(v).default ?? `{${name}}`));
  return url.replace(/\/+$/, '') || '/';
}

const list = (v: unknown) => (Array.isArray(v) ? v : undefined);

function compare(run: Run, [sa, sb]: [unknown[], unknown[]], at: Where, where: string): void {
  const [ua, ub] = [sa.map(urlOf), sb.map(urlOf)];
  ua.forEach((url, i) => {
    if (!ub.includes(url))
      emit(
        run.sink,
        'server-removed',
        [ptr(at[0], i), at[1]],
        `${where}server ${url} removed or changed${ub.length ? ` (now ${ub.join(', ')})` : ''}`,
        true,
      );
  });
  ub.forEach((url, j) => {
    if (!ua.includes(url))
      emit(run.sink, 'server-added', [at[0], ptr(at[1], j)], `${where}server ${url} added`);
  });
}

/**
 * Root `servers`: a URL (host or base path) clients use that is gone breaks them. A document that
 * declared no servers promised none, so adding the first ones is not compared.
 */
export function diffServers(run: Run, [a, b]: [Obj, Obj]): void {
  const sa = list(a.servers);
  if (!sa || sa.length === 0) return;
  compare(run, [sa, list(b.servers) ?? []], ['/servers', '/servers'], '');
}

/**
 * Path- and operation-level `servers` override the root ones for an operation: when either version
 * overrides, the effective lists are compared (at the operation's pointers). Without an override on
 * either side the root comparison already said everything.
 */
export function diffOperationServers(
  run: Run,
  items: [Obj, Obj],
  ops: [Obj, Obj],
  places: { itemAt: Where; at: Where },
  label: string,
): void {
  const override = (i: 0 | 1) => list(ops[i].servers) ?? list(items[i].servers);
  if (!override(0) && !override(1)) return;
  // Where each side's effective list is written: the operation, its path item, or the root.
  const source = (i: 0 | 1): [unknown[], string] =>
    list(ops[i].servers)
      ? [ops[i].servers as unknown[], ptr(places.at[i], 'servers')]
      : list(items[i].servers)
        ? [items[i].servers as unknown[], ptr(places.itemAt[i], 'servers')]
        : [list(run.docs[i].servers) ?? [], '/servers'];
  const [[ea, pa], [eb, pb]] = [source(0), source(1)];
  if (ea.length === 0) return;
  compare(run, [ea, eb], [pa, pb], `${label}: `);
}
