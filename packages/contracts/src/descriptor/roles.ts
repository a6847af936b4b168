import type { BundleRole } from './types.js';

/** The 17 bundle documents in the order DESIGN.md lists them, each with its title. */
export const BUNDLE_DOCS: readonly { role: BundleRole; title: string }[] = [
  { role: 'SERVICE_OVERVIEW', title: 'Service overview' },
  { role: 'DOMAIN_MODEL', title: 'Domain model' },
  { role: 'API_CONTRACT', title: 'API contract' },
  { role: 'EVENT_CATALOG', title: 'Event catalog' },
  { role: 'DATA_MODEL', title: 'Data model' },
  { role: 'ERROR_CODES', title: 'Error codes' },
  { role: 'SECURITY_MODEL', title: 'Security model' },
  { role: 'THREAT_MODEL', title: 'Threat model' },
  { role: 'SYNC_CONTRACT', title: 'Sync contract' },
  { role: 'AI_INTEGRATION', title: 'AI integration' },
  { role: 'OBSERVABILITY', title: 'Observability' },
  { role: 'TESTING_STRATEGY', title: 'Testing strategy' },
  { role: 'MIGRATION_PLAN', title: 'Migration plan' },
  { role: 'DEPLOYMENT_TOPOLOGY', title: 'Deployment topology' },
  { role: 'LOCAL_DEV_SETUP', title: 'Local development setup' },
  { role: 'DISASTER_RECOVERY', title: 'Disaster recovery' },
  { role: 'SERVICE_READINESS', title: 'Service readiness' },
];

export const BUNDLE_ROLES: readonly BundleRole[] = BUNDLE_DOCS.map((d) => d.role);

export function isBundleRole(value: string): value is BundleRole {
  return (BUNDLE_ROLES as readonly string[]).includes(value);
}
