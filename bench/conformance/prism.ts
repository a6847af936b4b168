/**
 * Runs the suite against Stoplight Prism (a third-party, stateless mock) serving an OpenAPI
 * document, and writes what the suite flags to prism-findings.md beside this file.
 *
 *   npx tsx --conditions=@shipshape/source bench/conformance/prism.ts [spec.yaml]
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREAS, runConformance, toMarkdown } from '@shipshape/conformance';
import { mintFixtureToken } from '../../conformance/fixture/app.js';
import { startPrism } from '../../conformance/fixture/prism.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const spec =
  process.argv[2] ?? fileURLToPath(new URL('../../conformance/fixture/openapi.yaml', import.meta.url));
const prism = await startPrism(spec);
try {
  const report = await runConformance({
    url: prism.url,
    openapi: spec,
    tenants: [
      { id: 'tenant-a', token: await mintFixtureToken('tenant-a') },
      { id: 'tenant-b', token: await mintFixtureToken('tenant-b') },
    ],
  });
  const lines = [
    `# The suite against Prism: \`${relative(root, spec)}\``,
    '',
    'Prism answers every request from the OpenAPI document alone: the same example body for every tenant,',
    'no memory of idempotency keys or deletes, no trace context. The failures below are therefore expected,',
    'and each one names the evidence that shows why.',
    '',
    `**${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped.**`,
    '',
    '| area | passed | failed | skipped |',
    '|---|---:|---:|---:|',
    ...AREAS.map((area) => {
      const list = report.checks.filter((c) => c.area === area);
      const n = (s: string) => list.filter((c) => c.status === s).length;
      return `| ${area} | ${n('pass')} | ${n('fail')} | ${n('skip')} |`;
    }),
    '',
    '---',
    '',
    toMarkdown(report)
      .replace(/^# /, '## Full report: ')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT'),
  ];
  const out = process.argv[3] ?? fileURLToPath(new URL('./prism-findings.md', import.meta.url));
  await writeFile(out, lines.join('\n'));
  console.log(`wrote ${relative(process.cwd(), out)}: ${JSON.stringify(report.summary)}`);
} finally {
  await prism.close();
}
