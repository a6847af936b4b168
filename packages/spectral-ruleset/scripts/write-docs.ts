// Regenerates docs/rules.md from the ruleset data.
import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../src/docs.js';

writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc() + '\n');
