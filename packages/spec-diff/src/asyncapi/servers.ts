import { emit, type Sink } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import { obj, type Obj } from '../openapi/common.js';
import { canonical } from '../schema/normalize.js';

const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/\/+$/, '') : v);

/** Servers by id: clients are configured with the host, pathname and protocol. */
/**
 * Security alternatives (of a server or an operation): requiring security where there was none, or
 * dropping an alternative clients used, breaks them. Returns the rule suffix, if any.
 */
export function securityChange(x: Obj, y: Obj): 'added' | 'changed' | 'removed' | undefined {
  const list = (o: Obj) => (Array.isArray(o.security) ? o.security.map((s) => canonical(s)) : []);
  const [sa, sb] = [list(x), list(y)];
  if (sa.length === 0 && sb.length > 0) return 'added';
  if (sa.length > 0 && sb.length === 0) return 'removed';
  if (sa.some((s) => !sb.includes(s))) return 'changed';
  return undefined;
}

export function diffServers(sink: Sink, [sa, sb]: [Obj, Obj]): void {
  for (const id of Object.keys(sa))
    if (!(id in sb))
      emit(sink, 'server-removed', [ptr('/servers', id), '/servers'], `server ${id} removed`, true);
  for (const [id, server] of Object.entries(sb)) {
    const at: [string, string] = [id in sa ? ptr('/servers', id) : '/servers', ptr('/servers', id)];
    if (!(id in sa)) {
      emit(sink, 'server-added', at, `server ${id} added`);
      continue;
    }
    const [x, y] = [obj(sa[id]), obj(server)];
    for (const [field, rule] of [
      ['host', 'server-host-changed'],
      ['pathname', 'server-pathname-changed'],
      ['protocol', 'server-protocol-changed'],
    ] as const) {
      if (norm(x[field]) !== norm(y[field]))
        emit(
          sink,
          rule,
          [ptr(at[0], field), ptr(at[1], field)],
          `server ${id} ${field} ${String(x[field])} → ${String(y[field])}`,
        );
    }
    const security = securityChange(x, y);
    if (security)
      emit(
        sink,
        `server-security-${security}`,
        [ptr(at[0], 'security'), ptr(at[1], 'security')],
        `server ${id} security ${security}`,
      );
  }
}
