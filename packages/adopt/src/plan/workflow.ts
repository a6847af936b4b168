import type { ResolvedLayout } from '@shipshape/contracts';

/** A CI workflow that lints the service and holds it to its readiness target on every change. */
export function renderWorkflow(layout: ResolvedLayout, serviceFromRepoRoot: string): string {
  const dir = serviceFromRepoRoot || '.';
  const paths = serviceFromRepoRoot ? `\n    paths: ['${serviceFromRepoRoot}/**']` : '';
  return `# Written by \`shipshape adopt\`: lint ${layout.name} and judge its readiness gates on every change.
name: ${layout.name} readiness
on:
  pull_request:${paths}
  push:
    branches: [main]${paths}
jobs:
  readiness:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npx --yes @shipshape/cli lint ${dir} --report-dir ${dir}/${layout.reports.lint}
      - run: npx --yes @shipshape/cli readiness ${dir} --format sarif > readiness.sarif
      - run: npx --yes @shipshape/cli readiness ${dir} --check
`;
}
