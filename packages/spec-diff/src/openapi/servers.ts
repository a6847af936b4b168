import { emit } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import { obj, type Obj, type Run } from './common.js';

/** A server URL with its variables at their defaults, without a trailing slash. */
function urlOf(server: unknown): string {
  const s = obj(server);
  let url = typeof s.url === 'string' ? s.url : '';
  for (const [name, v] of Object.entries(obj(s.variables)))
    url = url.replaceAll(`{${name}}`, String(obj(v).default ?? `{${name}}`));
  return url.replace(/\/+$/, '') || '/';
}

/**
 * Root `servers`: a URL (host or base path) clients use that is gone breaks them. A document that
 * declared no servers promised none, so adding the first ones is not compared.
 */
export function diffServers(run: Run, [a, b]: [Obj, Obj]): void {
  if (!Array.isArray(a.servers) || a.servers.length === 0) return;
  const sb = Array.isArray(b.servers) ? b.servers : [];
  const [ua, ub] = [a.servers.map(urlOf), sb.map(urlOf)];
  ua.forEach((url, i) => {
    if (!ub.includes(url))
      emit(
        run.sink,
        'server-removed',
        [ptr('/servers', i), '/servers'],
        `server ${url} removed or changed${ub.length ? ` (now ${ub.join(', ')})` : ''}`,
        true,
      );
  });
  ub.forEach((url, j) => {
    if (!ua.includes(url))
      emit(run.sink, 'server-added', ['/servers', ptr('/servers', j)], `server ${url} added`);
  });
}
