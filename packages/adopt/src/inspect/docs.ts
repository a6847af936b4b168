import type { BundleRole } from '@shipshape/contracts';
import { BUNDLE_ROLES } from '@shipshape/contracts';

/** File-name words that say which bundle role a hand-written doc plays (first match wins). */
const ROLE_WORDS: [RegExp, BundleRole][] = [
  [/readiness/, 'SERVICE_READINESS'],
  [/threat/, 'THREAT_MODEL'],
  [/security|auth/, 'SECURITY_MODEL'],
  [/overview|about|architecture/, 'SERVICE_OVERVIEW'],
  [/domain|glossary/, 'DOMAIN_MODEL'],
  [/event/, 'EVENT_CATALOG'],
  [/data[-_ ]?model|schema|database/, 'DATA_MODEL'],
  [/error/, 'ERROR_CODES'],
  [/api|contract/, 'API_CONTRACT'],
  [/sync/, 'SYNC_CONTRACT'],
  [/\bai\b|llm|model[-_]?integration/, 'AI_INTEGRATION'],
  [/observab|monitoring|metrics/, 'OBSERVABILITY'],
  [/test/, 'TESTING_STRATEGY'],
  [/migration/, 'MIGRATION_PLAN'],
  [/deploy|topology|infrastructure/, 'DEPLOYMENT_TOPOLOGY'],
  [/local|develop|contributing|setup/, 'LOCAL_DEV_SETUP'],
  [/disaster|recovery|backup|\bdr\b/, 'DISASTER_RECOVERY'],
];

/** The bundle role a Markdown file plays, judged from its name (`SECURITY_MODEL.md`, `security.md`, …). */
export function roleOf(fileName: string): BundleRole | undefined {
  const stem = fileName.replace(/\.md$/i, '');
  const exact = BUNDLE_ROLES.find((r) => r === stem.toUpperCase().replace(/-/g, '_'));
  if (exact) return exact;
  const words = stem.toLowerCase().replace(/[_-]/g, ' ');
  return ROLE_WORDS.find(([re]) => re.test(words))?.[1];
}
