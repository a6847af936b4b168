/**
 * One in-process measurement: `node bench/diff/measure.mjs parse|yaml|diff <old> <new>`. `parse`
 * parses both documents only, with the package's parser (the baseline of the same run); `yaml` the
 * same with the `yaml` package (the parser shipshape diff used before); `diff` runs the whole
 * comparison (parse + dereference + compare). Prints `{ mode, ms, cpuMs, changes, breaking, maxRssMB }` as JSON; `maxRssMB` is
 * the process's peak resident memory. Loaded from the built package (dist).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { diffTexts, parseSpec } from '@shipshape/spec-diff';

const [mode, oldPath, newPath] = process.argv.slice(2);
const [a, b] = [readFileSync(oldPath, 'utf8'), readFileSync(newPath, 'utf8')];
const t = performance.now();
const cpu0 = process.cpuUsage();
let report;
if (mode === 'parse') {
  parseSpec(a, 'old');
  parseSpec(b, 'new');
} else if (mode === 'yaml') {
  parse(a, { maxAliasCount: 100 });
  parse(b, { maxAliasCount: 100 });
} else report = diffTexts(a, b);
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({ mode, ms, cpuMs, changes: report?.changes.length, breaking: report?.breaking, maxRssMB }),
);
