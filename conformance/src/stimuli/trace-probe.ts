import type { Kit } from '../context.js';
import type { Exchange } from '../http.js';
import { skipNow } from '../registry.js';
import { listPath, traceOf } from '../checks/util.js';

export interface TraceProbe {
  /** Sends the probe request with extra headers. */
  send(headers: Array<[string, string]>): Promise<Exchange>;
  mode: 'traceresponse' | 'problem.traceId';
  baseline: Exchange;
}

/**
 * Finds how this service shows its trace: `traceresponse` on an ordinary API answer, else the
 * `traceId` of a problem body (a 404 for an unknown id). With neither, every tracing check skips.
 */
export async function traceProbe(ctx: Kit): Promise<TraceProbe> {
  {
    const res = ctx.model.resource;
    const candidates: Array<(headers: Array<[string, string]>) => Promise<Exchange>> = [];
    if (res?.list)
      candidates.push((headers) =>
        ctx.send({ method: 'GET', path: listPath(ctx), as: ctx.tenantA, headers }),
      );
    if (res?.read)
      candidates.push((headers) =>
        ctx.send({ method: 'GET', path: ctx.itemPath(ctx.randomId()), as: ctx.tenantA, headers }),
      );
    candidates.push((headers) =>
      ctx.send({
        method: 'GET',
        path: `${ctx.config.apiPrefix}/__shipshape-${ctx.runId}-trace`,
        as: ctx.tenantA,
        headers,
      }),
    );
    for (const send of candidates) {
      const baseline = await send([]);
      const trace = traceOf(baseline);
      if (trace) return { send, mode: trace.source, baseline };
    }
    skipNow('the service shows no trace: no traceresponse header and no traceId in problem bodies');
  }
}
