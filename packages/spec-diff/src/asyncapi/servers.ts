import { emit, type Sink } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import { obj, type Obj } from '../openapi/common.js';

const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/\/+$/, '') : v);

/** Servers by id: clients are configured with the host, pathname and protocol. */
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
  }
}
