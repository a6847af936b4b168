// Sums Vitest's "Tests  N passed | M failed | K skipped" lines from an `npm test` log into one closing line
// in the plain form CI reads: "N passed, M failed, K skipped".
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const log = stripVTControlCharacters(readFileSync(process.argv[2], 'utf8'));
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of log.split('\n')) {
  const match = /^\S*:?\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line.trim());
  if (!match) continue;
  for (const [, count, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped)/g))
    totals[kind] += Number(count);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
