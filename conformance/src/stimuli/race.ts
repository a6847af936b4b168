import type { Kit } from '../context.js';
import type { Exchange } from '../http.js';

/** N parallel identical POSTs with one key (shared by the idempotency race and the 409 check). */
export async function race(ctx: Kit): Promise<Exchange[]> {
  {
    const res = ctx.resource();
    const key = ctx.idempotencyKey('race');
    const body = ctx.createBody('race');
    const all = await Promise.all(
      Array.from({ length: ctx.config.parallel }, () =>
        ctx.send({
          method: 'POST',
          path: res.collectionPath,
          as: ctx.tenantA,
          json: body,
          headers: [[ctx.config.idempotencyHeader, key]],
        }),
      ),
    );
    for (const e of all) ctx.track(ctx.tenantA, e, body, 'race');
    return all;
  }
}
