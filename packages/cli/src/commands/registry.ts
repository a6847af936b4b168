import type { CommandModule } from '@shipshape/cli-kit';

export interface CommandEntry {
  name: string;
  summary: string;
  /** Lazy import, so `shipshape token` never loads the conformance engine. */
  load(): Promise<CommandModule>;
}

/**
 * The command table. A capability joins the CLI by adding one entry here that lazy-imports its
 * module; the module lives beside the capability it drives.
 */
export const commands: CommandEntry[] = [
  {
    name: 'quickstart',
    summary:
      'Generate a service, start it on embedded PGlite, run conformance and print the readiness scorecard',
    load: () => import('./quickstart.js'),
  },
  {
    name: 'conformance',
    summary: 'Black-box readiness checks against a running service (or a service folder, started locally)',
    load: () => import('./conformance.js'),
  },
  {
    name: 'lint',
    summary:
      'Lint a service folder: house Spectral ruleset with OWASP API Security, AsyncAPI, error registry, alerts and SLOs',
    load: () => import('@shipshape/lint/cli'),
  },
  {
    name: 'diff',
    summary: 'Breaking-change report between two OpenAPI/AsyncAPI documents (exit 1 on a breaking change)',
    load: () => import('@shipshape/spec-diff/cli'),
  },
  {
    name: 'readiness',
    summary:
      'Judge the readiness gates of a service (or --all) from artifacts and evidence; --check gates a release',
    load: () => import('@shipshape/readiness/cli'),
  },
  {
    name: 'adopt',
    summary:
      'Bring an existing service under the gates: write shipshape.yaml, add only the missing pieces, show the level',
    load: () => import('@shipshape/adopt/cli'),
  },
  {
    name: 'catalog',
    summary:
      'Write catalog.json and per-service Backstage catalog-info.yaml / TechDocs mkdocs.yml for every service of the workspace',
    load: () => import('@shipshape/catalog/cli'),
  },
  {
    name: 'token',
    summary: 'Print a dev bearer token for a tenant of a generated service',
    load: () => import('./token.js'),
  },
];
