import { anyVersion } from '../checks/util.js';
import type { Created, RunState } from '../context.js';
import type { Cleanup } from '../types.js';

/** Deletes what the run created (as its owner) and reports what is left, with URLs. */
export async function cleanUp({ ctx, http, created }: RunState): Promise<Cleanup> {
  const remove = ctx.model.resource?.remove;
  http.draining = true;
  const url = (entry: Created) => http.url(entry.url ?? ctx.itemPath(entry.id));
  const pending = created.filter((c) => !c.deleted);
  const alreadyGone = created.length - pending.length;
  if (!remove) {
    const reason = 'the spec documents no DELETE for this resource';
    return {
      created: created.length,
      deleted: alreadyGone,
      leftover: pending.map((c) => ({ id: c.id, url: url(c), tenant: c.owner.id, reason })),
      deletionUnavailable: reason,
    };
  }
  const leftover: Cleanup['leftover'] = [];
  const removeOne = async (entry: Created) => {
    try {
      const res = await ctx.send({
        method: 'DELETE',
        path: entry.url ?? ctx.itemPath(entry.id),
        as: entry.owner,
        headers: anyVersion(remove),
      });
      if ((res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 410)
        entry.deleted = true;
      else
        leftover.push({
          id: entry.id,
          url: url(entry),
          tenant: entry.owner.id,
          reason: `DELETE answered ${res.status || res.error}`,
        });
    } catch (error) {
      leftover.push({
        id: entry.id,
        url: url(entry),
        tenant: entry.owner.id,
        reason: (error as Error).message,
      });
    }
  };
  // Nested resources go before their parents (a parent with children may refuse deletion).
  await Promise.all(pending.filter((c) => c.parent).map(removeOne));
  await Promise.all(pending.filter((c) => !c.parent).map(removeOne));
  return { created: created.length, deleted: created.filter((c) => c.deleted).length, leftover };
}
