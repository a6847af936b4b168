// Writes the rule table of README.md from DIFF_RULES (see src/rules/readme.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { withRuleTable } from '../src/rules/readme.js';

const target = new URL('../README.md', import.meta.url);
writeFileSync(target, withRuleTable(readFileSync(target, 'utf8')));
console.log(`wrote ${target.pathname}`);
