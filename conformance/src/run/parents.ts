import type { RunState } from '../context.js';
import type { Tenant } from '../http.js';
import { idOf, idSource } from '../ids.js';
import { describe } from '../registry.js';
import { sampleValid } from '../sample.js';
import { jsonMedia } from '../spec.js';
import { ConformanceSetupError } from './setup-error.js';

/**
 * A nested resource (`/articles/{slug}/comments`) lives under a parent: each tenant gets one, created
 * before the checks and deleted after its children. The resource's paths are then filled with tenant
 * A's parent (other tenants' requests go under their own). Returns the plan lines.
 */
export async function createParents(run: RunState, tenants: Tenant[]): Promise<string[]> {
  const { ctx, created, parents } = run;
  const res = ctx.model.resource;
  const parent = res?.parent;
  if (!res || !parent || ctx.readOnly) return [];
  const op = parent.resource.create!;
  const media = jsonMedia(op.requestBody?.content);
  const source = idSource(op, ctx.config.idField);
  const lines: string[] = [];
  for (const tenant of tenants) {
    const body = media
      ? sampleValid(op.requestBody!.content[media], { runId: ctx.runId, variant: 'parent' })
      : undefined;
    const e = await ctx.send({
      method: 'POST',
      path: parent.resource.collectionPath,
      as: tenant,
      json: body,
      contentType: media,
      headers: [[ctx.config.idempotencyHeader, ctx.idempotencyKey(`parent-${tenant.id}`)]],
    });
    const id = e.status >= 200 && e.status < 300 ? idOf(e, source) : undefined;
    if (!id)
      throw new ConformanceSetupError(
        `the parent of ${res.collectionPath} could not be created as tenant ${tenant.id}: ${describe(e)}`,
      );
    const url = parent.resource.itemPath.replace(`{${parent.resource.idParam}}`, encodeURIComponent(id));
    const entry = {
      id,
      owner: tenant,
      exchange: e,
      body,
      marker: `ss-${ctx.runId}-parent`,
      deleted: false,
      url,
    };
    created.push(entry);
    parents.set(tenant.id, entry);
    lines.push(`parent: ${url} created as tenant ${tenant.id} (deleted after its children)`);
  }
  res.template = { collectionPath: res.collectionPath, itemPath: res.itemPath };
  const fill = (path: string) =>
    path.replace(`{${parent.param}}`, encodeURIComponent(parents.get(tenants[0]!.id)!.id));
  res.collectionPath = fill(res.collectionPath);
  res.itemPath = fill(res.itemPath);
  return lines;
}
