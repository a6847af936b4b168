import type { GateId } from '@shipshape/contracts';
import type { CheckContext } from '../../context.js';
import type { Exchange } from '../../http.js';
import { describe, skipNow } from '../../registry.js';
import type { Operation } from '../../spec.js';
import { countMarker, is2xx, scanCount, scanList } from '../util.js';

// What the idempotency checks share: the gate, the create request, marker counts, exemptions, controls.

export const GATE: GateId = 'api.idempotency';

/** The create request as a tenant with the headers given (none, one key, several keys). */
export function postCreate(
  ctx: CheckContext,
  as = ctx.tenantA,
  body: unknown,
  headers: Array<[string, string]>,
) {
  return ctx.send({ method: 'POST', path: ctx.collectionFor(as), as, json: body, headers });
}

/** The create request under one idempotency key, as a tenant (tenant A by default). */
export function postWithKey(ctx: CheckContext, body: unknown, key: string, as = ctx.tenantA) {
  return postCreate(ctx, as, body, [[ctx.config.idempotencyHeader, key]]);
}

/** How many resources carrying this marker tenant A's list shows (undefined when it cannot tell). */
export async function markerCount(
  ctx: CheckContext,
  marker: string,
  as = ctx.tenantA,
): Promise<{ count?: number; list?: Exchange }> {
  if (!ctx.model.resource?.list) return {};
  const scan = await scanList(ctx, as);
  if (!scan.ok) return { list: scan.pages.at(-1) };
  const count = scanCount(scan, marker);
  // Zero on an incomplete scan proves nothing (the resource may sit past the pages read).
  if (count === 0 && !scan.complete) return { list: scan.pages[0] };
  return { count, list: scan.pages.find((p) => countMarker(p, marker) > 0) ?? scan.pages[0] };
}

/** Skip reason when the config exempts the create operation from idempotency. */
export function createIsExempt(ctx: CheckContext): string | undefined {
  const op = ctx.model.resource?.create;
  return op && isExempt(ctx, 'POST', op.path)
    ? `POST ${op.path} is exempt from idempotency (config)`
    : undefined;
}

export function isExempt(ctx: CheckContext, method: string, path: string): boolean {
  return ctx.config.idempotencyExempt.includes(`${method} ${path}`.toUpperCase());
}

/**
 * No vacuous pass: a 400 judges the key only when the same body with a valid key is accepted (a
 * 400 from the JSON parser or the body validation has not judged idempotency at all).
 */
export async function controlWithKey(ctx: CheckContext, body: unknown, variant: string): Promise<void> {
  const control = await postWithKey(ctx, body, ctx.idempotencyKey(`control-${variant}`));
  ctx.track(ctx.tenantA, control, body, variant);
  if (!is2xx(control))
    skipNow(
      `the same body with a valid key is refused too (${describe(control)}): the 400 did not judge the key`,
      control,
    );
}

export function otherPost(ctx: CheckContext): Operation | undefined {
  const res = ctx.model.resource;
  if (!res) return undefined;
  return ctx
    .businessOperations()
    .find(
      (op) =>
        op.method === 'POST' &&
        op.path !== (res.template?.collectionPath ?? res.collectionPath) &&
        !isExempt(ctx, op.method, op.path) &&
        op.path.replace(/\{[^}]+\}/g, '{}').split('{}').length - 1 <=
          (op.path.startsWith(res.itemPath) ? 1 : 0),
    );
}
