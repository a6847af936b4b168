/**
 * Bundle docs for an adopted service, pre-filled from what its artifacts say (operations, problem codes,
 * tables, alerts, where things live) with a `TODO(owner):` wherever only a person knows the answer.
 *
 * Why not @shipshape/templates' docs-bundle tree: those templates describe the generated runtime's contract as
 * fact (every POST takes Idempotency-Key, PGlite, the Helm chart, /api/v1); for a service Shipshape did not
 * write, those sentences would be claims nobody checked. Here only what the artifacts show is stated.
 */
import { BUNDLE_DOCS, type BundleRole, type ResolvedLayout } from '@shipshape/contracts';
import type { Facts } from '../inspect/facts.js';
import { linkFrom, table, TODO } from './markdown.js';

type Section = [heading: string, body: string];

function sections(role: BundleRole, layout: ResolvedLayout, facts: Facts, file: string): Section[] {
  const link = (to: string) => `[${to}](${linkFrom(file, to)})`;
  const todo = (what: string) => `${TODO} ${what}`;
  switch (role) {
    case 'SERVICE_OVERVIEW':
      return [
        ['Purpose', facts.description ?? todo('what this service is for and who calls it.')],
        [
          'Where things live',
          table(
            ['artifact', 'location'],
            where(layout).map(([a, l]) => [a, l]),
          ),
        ],
        [
          'Responsibilities and non-goals',
          todo('list what this service owns and what it deliberately does not.'),
        ],
        ['Decisions', todo('link the ADRs that shaped this service.')],
      ];
    case 'API_CONTRACT':
      return [
        [
          'Documents',
          layout.openapi.files.length
            ? layout.openapi.files.map((f) => `- ${link(f)}`).join('\n')
            : todo('add the OpenAPI document.'),
        ],
        [
          'Operations',
          facts.operations.length
            ? table(
                ['method', 'path', 'operation', 'summary'],
                facts.operations.map((o) => [
                  `\`${o.method}\``,
                  `\`${o.path}\``,
                  o.operationId ?? '',
                  o.summary ?? '',
                ]),
              )
            : todo('no operations found in the OpenAPI document.'),
        ],
        ['Compatibility', todo('how breaking changes are versioned and announced (Deprecation / Sunset).')],
      ];
    case 'DOMAIN_MODEL':
      return [
        ['Aggregates', todo('each aggregate with its invariants and the events it emits.')],
        // Only a person can say what a term means: a glossary of placeholders would pass the glossary gate
        // on nothing, so the table names the candidates inside the marker instead.
        [
          'Glossary',
          todo(
            facts.tables.length
              ? `define the terms of this domain; candidates from the tables: ${facts.tables.map((t) => t.name).join(', ')}.`
              : 'the terms of this domain and what each means.',
          ),
        ],
      ];
    case 'EVENT_CATALOG':
      return [
        [
          'Channels',
          facts.channels.length
            ? facts.channels.map((c) => `- \`${c}\``).join('\n')
            : todo(
                'this service has no AsyncAPI document: list the events it publishes and consumes, or say it has none.',
              ),
        ],
      ];
    case 'DATA_MODEL':
      return [
        ['Migrations', `${link(layout.migrations.dir)} (${layout.migrations.dialect}, forward-only).`],
        [
          'Tables',
          facts.tables.length
            ? table(
                ['table', 'tenant-scoped', 'row-level security', 'columns'],
                facts.tables.map((t) => [
                  `\`${t.name}\``,
                  layout.tenancy === 'row-level' && t.columns.includes(layout.tenantColumn) ? 'yes' : 'no',
                  t.rls ? 'enabled' : 'no',
                  t.columns.join(', '),
                ]),
              )
            : todo('no CREATE TABLE found in the migrations.'),
        ],
        ...facts.tables
          .filter((t) => t.indexes.length > 0)
          .map((t): Section => [
            `Indexes of ${t.name}`,
            table(
              ['index', 'columns', 'unique'],
              t.indexes.map((i) => [`\`${i.name}\``, i.columns.join(', '), i.unique ? 'yes' : 'no']),
            ),
          ]),
        ['Retention', todo('how long rows are kept and how they are deleted.')],
      ];
    case 'ERROR_CODES':
      return [
        ['Registry', `${link(layout.errorRegistry)} lists every \`code\` a problem+json response can carry.`],
        [
          'Codes',
          facts.problemCodes.length
            ? facts.problemCodes.map((c) => `- \`${c}\``).join('\n')
            : todo('the OpenAPI document declares no problem `code` enum.'),
        ],
      ];
    case 'SECURITY_MODEL':
      return [
        [
          'Tenancy',
          layout.tenancy === 'row-level'
            ? `Tenant-scoped tables carry \`${layout.tenantColumn}\`; global on purpose: ${layout.globalTables.map((t) => `\`${t}\``).join(', ') || 'none'}. Tables with row-level security: ${
                facts.tables
                  .filter((t) => t.rls)
                  .map((t) => `\`${t.name}\``)
                  .join(', ') || 'none'
              }.`
            : 'Single-tenant: no tenant column, no row-level security.',
        ],
        ['Authentication and authorization', todo('how callers authenticate and what each role may do.')],
        ['Secrets', todo('where secrets live and how they rotate.')],
      ];
    case 'OBSERVABILITY':
      return [
        [
          'Alerts',
          facts.alerts.length
            ? table(
                ['alert', 'severity', 'summary', 'rules'],
                facts.alerts.map((a) => [a.name, a.severity ?? '', a.summary ?? '', link(a.file)]),
              )
            : todo('no Prometheus alert rules found.'),
        ],
        ['Runbooks', `${link(layout.runbooks.dir)}, one per alert.`],
        ['SLOs', todo(`define SLOs in ${layout.slos.join(', ')}.`)],
        ['Dashboards', todo('link the dashboards on-call uses.')],
      ];
    case 'MIGRATION_PLAN':
      return [
        [
          'Migrations',
          facts.migrationFiles.length
            ? facts.migrationFiles.map((f) => `- \`${layout.migrations.dir}/${f}\``).join('\n')
            : todo('no SQL migrations found.'),
        ],
        [
          'How a schema change ships',
          todo('expand/contract steps, who runs migrations, how they are rolled forward.'),
        ],
      ];
    case 'DEPLOYMENT_TOPOLOGY':
      return [
        [
          'Manifests',
          [
            ...(layout.deploy.helm ? [`- Helm chart ${link(layout.deploy.helm)}`] : []),
            ...layout.deploy.manifests.map((m) => `- Kubernetes manifest ${link(m)}`),
          ].join('\n') || todo('no deploy manifests found.'),
        ],
        ['Environments and regions', todo('where it runs, replicas, dependencies per environment.')],
      ];
    case 'LOCAL_DEV_SETUP':
      return [
        [
          'Run it',
          layout.local.command
            ? `\`${layout.local.command}\` (port from \`${layout.local.portEnv}\`); ready when \`${layout.local.healthUrl}\` answers 2xx.`
            : todo('the command that starts the service locally.'),
        ],
        ['Dependencies', todo('what must run beside it (database, broker) and how to start them.')],
      ];
    case 'THREAT_MODEL':
      return [
        [
          'Assets',
          facts.tables.length
            ? table(
                ['asset', 'where'],
                facts.tables.map((t) => [
                  `rows of \`${t.name}\``,
                  `${layout.migrations.dialect} table, ${link(t.file)}`,
                ]),
              )
            : todo('what an attacker would want from this service.'),
        ],
        [
          'Threats (STRIDE)',
          todo(
            'spoofing, tampering, repudiation, information disclosure, denial of service, elevation of privilege: each with its mitigation.',
          ),
        ],
        ['Review', todo('who reviewed this threat model and when.')],
      ];
    case 'DISASTER_RECOVERY':
      return [
        ['Objectives', todo('RTO and RPO agreed with the business owner, with who agreed and when.')],
        [
          'What must be recoverable',
          facts.tables.length
            ? table(
                ['state', 'recovery source'],
                facts.tables.map((t) => [`\`${t.name}\``, `${TODO} backup or rebuild`]),
              )
            : todo('the state this service keeps and where it is restored from.'),
        ],
        ['Drill', todo('the last disaster-recovery drill: date, outcome, follow-ups.')],
      ];
    default:
      return [['Content', todo(`write the ${title(role).toLowerCase()} of this service.`)]];
  }
}

function where(layout: ResolvedLayout): [string, string][] {
  return [
    ['OpenAPI', layout.openapi.files.join(', ') || 'none'],
    ['AsyncAPI', layout.asyncapi.files.join(', ') || 'none'],
    ['migrations', `${layout.migrations.dir}/ (${layout.migrations.dialect})`],
    ['deploy', [layout.deploy.helm, ...layout.deploy.manifests].filter(Boolean).join(', ') || 'none'],
    ['alerts', layout.alerts.join(', ')],
    ['runbooks', `${layout.runbooks.dir}/`],
    ['readiness', layout.readiness.file],
  ];
}

const title = (role: BundleRole) => BUNDLE_DOCS.find((d) => d.role === role)!.title;

/** The text of one bundle doc for `layout`, to be written at `layout.docs.bundle[role]`. */
export function renderDoc(role: BundleRole, layout: ResolvedLayout, facts: Facts): string {
  const file = layout.docs.bundle[role];
  const body = sections(role, layout, facts, file)
    .map(([h, b]) => `## ${h}\n\n${b}\n`)
    .join('\n');
  return `# ${layout.name} — ${title(role)}\n\n> Written by \`shipshape adopt\` from the service's artifacts; complete every ${TODO} line.\n\n${body}`;
}

/** The summary doc: links every bundle doc (the readiness evaluator checks that it does). */
export function renderSummary(layout: ResolvedLayout): string {
  const file = layout.docs.summary;
  const rows = BUNDLE_DOCS.map((d) => `- [${d.title}](${linkFrom(file, layout.docs.bundle[d.role])})`);
  return `# ${layout.name} — documentation\n\nThe readiness bundle of ${layout.name} (${layout.tier ?? 'tier not set'}, owner ${layout.owner ?? 'not set'}):\n\n${rows.join('\n')}\n`;
}
