import { describeAuth, type AuthPlan } from '../auth.js';
import { requiredQuery } from '../checks/util.js';
import type { Kit } from '../context.js';
import type { Tenant } from '../http.js';
import { ConformanceSetupError } from './setup-error.js';

/**
 * Before the checks: each tenant's credential must be accepted on at least one secured read. When
 * every one answers 401/403 the run stops (exit 2) with one line, instead of thirty misleading
 * failures. Returns one plan line per tenant.
 */
export async function preflight(kit: Kit, tenants: Tenant[], auth: AuthPlan): Promise<string[]> {
  const res = kit.model.resource;
  const reads = kit
    .businessOperations()
    .filter((op) => op.method === 'GET' && op.secured && !op.path.includes('{'))
    .sort((a, b) => Number(b.path === res?.collectionPath) - Number(a.path === res?.collectionPath))
    .slice(0, 3);
  if (reads.length === 0)
    return tenants.map((t) => `tenant ${t.id}: no secured read to verify the credential on`);
  const lines: string[] = [];
  for (const tenant of tenants) {
    const answers = await Promise.all(
      reads.map((op) => kit.send({ method: 'GET', path: op.path + requiredQuery(kit, op), as: tenant })),
    );
    const accepted = answers.find((e) => !e.error && e.status !== 401 && e.status !== 403);
    if (!accepted) {
      const first = answers[0]!;
      const path = first.request.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
      throw new ConformanceSetupError(
        `tenant ${tenant.id}'s credential is rejected by GET ${path} (${first.error ?? first.status}); it was sent as ${describeAuth(auth)}`,
      );
    }
    lines.push(
      `tenant ${tenant.id}: credential accepted (${accepted.request.method} ${accepted.request.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0]} → ${accepted.status})`,
    );
  }
  return lines;
}

/**
 * The not-found policy, detected: what an unknown id answers tenant A. A service that answers 403
 * to hide existence is judged consistently: another tenant's ids must then answer 403 too.
 */
export async function detectNotFoundPolicy(kit: Kit): Promise<string[]> {
  const res = kit.model.resource;
  if (!res?.read || kit.tenantA === undefined) return [];
  const e = await kit.send({ method: 'GET', path: kit.itemPath(kit.randomId()), as: kit.tenantA });
  if (e.status === 403) {
    kit.config.notFoundStatus = 403;
    if (!kit.config.crossTenantConfigured) kit.config.crossTenantStatuses = [403];
    return [
      `unknown ids: GET ${res.itemPath} answers 403 (existence hidden); another tenant's ids must answer 403 too`,
    ];
  }
  if (e.status === 404)
    return [
      `unknown ids: GET ${res.itemPath} answers 404; another tenant's ids must answer ${kit.config.crossTenantStatuses.join(' or ')}`,
    ];
  return [`unknown ids: GET ${res.itemPath} answers ${e.status || e.error} (errors.not_found judges it)`];
}
