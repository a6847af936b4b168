import type { Created, Kit } from '../context.js';
import type { Exchange } from '../http.js';
import { requiredQuery, updateBody } from '../checks/util.js';
import { fillPath, type Operation } from '../spec.js';

export interface Observed {
  op: Operation;
  e: Exchange;
  kind: 'valid' | 'invalid' | 'unknown-id';
  label: string;
}

/** The schema area's exchanges: every documented GET, the create (valid and invalid), update, delete. */
export async function observations(ctx: Kit): Promise<Observed[]> {
  {
    const res = ctx.model.resource;
    const out: Observed[] = [];
    const jobs: Array<Promise<void>> = [];
    const record = (op: Operation, kind: Observed['kind'], label: string, make: () => Promise<Exchange>) =>
      jobs.push(make().then((e) => void out.push({ op, e, kind, label })));
    let created: Created | undefined;
    if (res?.create && !ctx.readOnly) {
      try {
        created = await ctx.create(ctx.tenantA, 'schema');
        out.push({ op: res.create, e: created.exchange, kind: 'valid', label: 'create' });
      } catch {
        // Reported by schema.valid_accepted; the other observations still run.
      }
    }
    for (const op of ctx.businessOperations().filter((o) => o.method === 'GET')) {
      const idParam = res?.idParam;
      if (op.path.includes('{')) {
        if (created && idParam && op.path === (res?.template?.itemPath ?? res?.itemPath)) {
          record(op, 'valid', 'read own', () =>
            ctx.send({ method: 'GET', path: ctx.itemPath(created!.id), as: ctx.tenantA }),
          );
        }
        record(op, 'unknown-id', 'read unknown', () =>
          ctx.send({
            method: 'GET',
            path: fillPath(op.path, {}, ctx.randomId()) + requiredQuery(ctx, op),
            as: ctx.tenantA,
          }),
        );
      } else {
        record(op, 'valid', 'GET', () =>
          ctx.send({ method: 'GET', path: op.path + requiredQuery(ctx, op), as: ctx.tenantA }),
        );
      }
    }
    if (res?.create && !ctx.readOnly) {
      for (const invalid of ctx.createBodyProblem() ? [] : ctx.invalidBodies()) {
        record(res.create, 'invalid', `create with ${invalid.name}`, async () => {
          const e = await ctx.send({
            method: 'POST',
            path: res.collectionPath,
            as: ctx.tenantA,
            json: invalid.body,
            headers: [[ctx.config.idempotencyHeader, ctx.idempotencyKey('inv')]],
          });
          ctx.track(ctx.tenantA, e, invalid.body, 'inv');
          return e;
        });
      }
    }
    if (res?.update && created && !ctx.readOnly) {
      const patch = updateBody(ctx, 'schema-upd')!;
      const op = res.update;
      record(op, 'valid', 'update own', () =>
        ctx.send({
          method: op.method,
          path: ctx.itemPath(created!.id),
          as: ctx.tenantA,
          json: patch.body,
          contentType: patch.contentType,
        }),
      );
      record(op, 'invalid', 'update with an array body', () =>
        ctx.send({
          method: op.method,
          path: ctx.itemPath(created!.id),
          as: ctx.tenantA,
          json: [patch.body],
          contentType: patch.contentType,
        }),
      );
    }
    await Promise.all(jobs);
    return out;
  }
}
