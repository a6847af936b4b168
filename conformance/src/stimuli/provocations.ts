import type { Kit } from '../context.js';
import type { Exchange } from '../http.js';
import { listPath, requiredQuery } from '../checks/util.js';

export interface Provocation {
  name: string;
  expect: number[];
  exchange: Exchange;
  /** Path template the request went to (for the Allow comparison). */
  template?: string;
}

const UNDOCUMENTED_ORDER = ['PUT', 'POST', 'PATCH', 'DELETE'];

/** A method the path does not document that is safe to send (never DELETE on a collection). */
export function undocumentedMethod(ctx: Pick<Kit, 'model'>, path: string): string | undefined {
  const documented = ctx.model.methodsByPath.get(path) ?? [];
  const templated = path.includes('{');
  return UNDOCUMENTED_ORDER.find((m) => !documented.includes(m) && (templated || m !== 'DELETE'));
}

/**
 * Provokes every error the suite can reach on this target, once per run; the property checks
 * below judge the whole set. Writing provocations are left out under `--read-only`.
 */
export async function provocations(ctx: Kit): Promise<Provocation[]> {
  {
    const res = ctx.model.resource;
    const a = ctx.tenantA;
    const prefix = ctx.config.apiPrefix;
    const jobs: Array<Promise<Provocation | undefined>> = [];
    const add = (
      name: string,
      expect: number[],
      make: () => Promise<Exchange | undefined>,
      template?: string,
    ) => jobs.push(make().then((exchange) => (exchange ? { name, expect, exchange, template } : undefined)));

    add('unknown route', [404], () =>
      ctx.send({ method: 'GET', path: `${prefix}/__shipshape-${ctx.runId}-no-such-route`, as: a }),
    );
    // /api/v1/orders → /api/v999/orders; an API without a version segment has nothing to provoke.
    const versioned = res?.collectionPath ?? `${prefix}/things`;
    const v999 = versioned.replace(/\/v\d+(\/|$)/, '/v999$1');
    if (v999 !== versioned)
      add('unknown version', [404], () => ctx.send({ method: 'GET', path: v999, as: a }));
    // Only an operation that declares security owes a 401 (a public one may answer anything).
    const listSecured = res?.list && ctx.isSecured(res.list);
    const securedGet = listSecured
      ? res.list
      : ctx
          .businessOperations()
          .find((op) => op.method === 'GET' && ctx.isSecured(op) && !op.path.includes('{'));
    if (securedGet) {
      add('no credentials', [401], () =>
        ctx.send({
          method: 'GET',
          path: listSecured ? listPath(ctx) : securedGet.path + requiredQuery(ctx, securedGet),
          as: { anonymous: true },
        }),
      );
    }
    if (res?.read) {
      add('unknown id', [ctx.config.notFoundStatus], () =>
        ctx.send({ method: 'GET', path: ctx.itemPath(ctx.randomId()), as: a }),
      );
    }
    // Looked up by template (a nested resource's paths are filled with its parent).
    const mnaPath = res?.template?.itemPath ?? res?.itemPath ?? res?.collectionPath;
    // An undocumented method is a write on a service that wrongly routes it: not under --read-only.
    if (mnaPath && !ctx.readOnly) {
      const method = undocumentedMethod(ctx, mnaPath);
      if (method) {
        add(
          'undocumented method',
          [ctx.config.methodNotAllowedStatus],
          () =>
            ctx.send({
              method,
              path:
                mnaPath === (res?.template?.itemPath ?? res?.itemPath)
                  ? ctx.itemPath(ctx.randomId())
                  : mnaPath,
              as: a,
              json: method === 'DELETE' ? undefined : {},
            }),
          mnaPath,
        );
      }
    }
    if (res?.create && !ctx.readOnly) {
      const key = (label: string): Array<[string, string]> => [
        [ctx.config.idempotencyHeader, ctx.idempotencyKey(label)],
      ];
      const post = async (label: string, body: { raw?: string; json?: unknown; contentType?: string }) => {
        const exchange = await ctx.send({
          method: 'POST',
          path: res.collectionPath,
          as: a,
          headers: key(label),
          ...body,
        });
        ctx.track(a, exchange, body.json, label);
        return exchange;
      };
      add('unsupported media type', [415], () =>
        post('e415', { raw: `shipshape ${ctx.runId}`, contentType: 'text/plain' }),
      );
      add('malformed JSON', [400], () => post('e400', { raw: '{"shipshape": "' + ctx.runId + '", ' }));
      const invalid = ctx.createBodyProblem() ? undefined : ctx.invalidBodies()[0];
      if (invalid) add('schema violation', [400, 422], () => post('e400s', { json: invalid.body }));
      // Two distinct payloads are needed; a create without a usable schema offers none.
      const distinct = JSON.stringify(ctx.createBody('e422a')) !== JSON.stringify(ctx.createBody('e422b'));
      if (distinct)
        add('idempotency key reuse with another payload', [422], async () => {
          const reused = ctx.idempotencyKey('e422');
          const create = async (label: string) => {
            const exchange = await ctx.send({
              method: 'POST',
              path: res.collectionPath,
              as: a,
              json: ctx.createBody(label),
              headers: [[ctx.config.idempotencyHeader, reused]],
            });
            ctx.track(a, exchange, undefined, label);
            return exchange;
          };
          await create('e422a');
          return create('e422b');
        });
    }
    return (await Promise.all(jobs)).filter((p): p is Provocation => p !== undefined);
  }
}
