/**
 * One in-process measurement: `node bench/diff/measure.mjs parse|diff <old> <new>`. `parse` parses
 * both documents only (the baseline of the same run); `diff` runs the whole comparison (parse +
 * dereference + compare). Prints `{ mode, ms, changes, breaking, maxRssMB }` as JSON; `maxRssMB` is
 * the process's peak resident memory. Loaded from the built package (dist).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { diffTexts } from '@shipshape/spec-diff';

const [mode, oldPath, newPath] = process.argv.slice(2);
const [a, b] = [readFileSync(oldPath, 'utf8'), readFileSync(newPath, 'utf8')];
const t = performance.now();
let report;
if (mode === 'parse') {
  parse(a, { maxAliasCount: 100 });
  parse(b, { maxAliasCount: 100 });
} else report = diffTexts(a, b);
const ms = performance.now() - t;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({ mode, ms, changes: report?.changes.length, breaking: report?.breaking, maxRssMB }),
);
