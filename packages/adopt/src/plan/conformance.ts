import type { ResolvedLayout } from '@shipshape/contracts';
import type { OperationFact } from '../inspect/facts.js';

/** conformance.config.json for a service the suite's defaults may not fit (prefix, resource, health paths). */
export function renderConformanceConfig(layout: ResolvedLayout, operations: OperationFact[]): string {
  const prefix = /^\/api\/v\d+(?=\/)/.exec(operations[0]?.path ?? '')?.[0];
  const apiPrefix = prefix && operations.every((o) => o.path.startsWith(`${prefix}/`)) ? prefix : '';
  const resource =
    operations.find((o) => o.method === 'POST' && !o.path.includes('{'))?.path ??
    operations.find((o) => o.method === 'GET' && !o.path.includes('{'))?.path;
  const ready = /^https?:\/\/[^/]+(\/[^?#]*)/.exec(layout.local.healthUrl)?.[1];
  const config = {
    ...(resource ? { resource } : {}),
    apiPrefix,
    ...(ready
      ? { health: { ready, ...(ready.endsWith('/ready') ? { live: ready.replace(/ready$/, 'live') } : {}) } }
      : {}),
    ...(layout.tenancy === 'row-level'
      ? { tenancy: { claim: layout.tenantColumn, crossTenantStatuses: [404] } }
      : {}),
    errorCodes: layout.errorRegistry,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
