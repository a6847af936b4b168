import type { GateId } from '@shipshape/contracts';
import type { CheckContext, Created } from '../../context.js';
import type { Exchange, Tenant } from '../../http.js';
import { updateBody } from '../util.js';

// What the tenancy checks share: the gate, the verdict on a cross-tenant answer, reads and updates.
export const GATE: GateId = 'data.rls_enabled';

/** Is this answer to another tenant one of the configured refusals (404, or 403 where allowed)? */
export function crossTenantOk(ctx: CheckContext, exchange: Exchange): boolean {
  return !exchange.error && ctx.config.crossTenantStatuses.includes(exchange.status);
}

export function expected(ctx: CheckContext): string {
  return ctx.config.crossTenantStatuses.join(' or ');
}

/** Reads a resource (an id of tenant A's, or a created one at its own URL) as a tenant. */
export async function readAs(ctx: CheckContext, target: string | Created, as = ctx.tenantA) {
  const path = typeof target === 'string' ? ctx.itemPath(target) : (target.url ?? ctx.itemPath(target.id));
  return ctx.send({ method: 'GET', path, as });
}

/** Sends the resource's update with a valid sampled body to an id (at tenant A's item URL) as a tenant. */
export function updateAs(ctx: CheckContext, id: string, as: Tenant, variant: string): Promise<Exchange> {
  const patch = updateBody(ctx, variant)!;
  return ctx.send({
    method: ctx.resource().update!.method,
    path: ctx.itemPath(id),
    as,
    json: patch.body,
    contentType: patch.contentType,
  });
}

/** Strings of A's resource that must never show up in B's answers (ids excluded: B sent those). */
export function secretsOf(ctx: CheckContext, exchange: Exchange, id: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 8 && value !== id && !/^\d{4}-\d\d-\d\d/.test(value))
      out.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(exchange.json);
  return [...new Set(out)].filter((s) => !['application/json'].includes(s)).slice(0, 20);
}

/** Reads of a resource public by design (config publicResources) are not isolation findings. */
export function publicReads(ctx: CheckContext): string | undefined {
  return ctx.publicResource()
    ? `${ctx.resource().collectionPath} is public by design (config "publicResources"): every tenant may read it, so only writes are judged`
    : undefined;
}
