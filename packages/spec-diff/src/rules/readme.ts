import { renderRuleTable } from './render.js';

export const START =
  '<!-- rules:start (generated from DIFF_RULES: npm run readme -w @shipshape/spec-diff) -->';
export const END = '<!-- rules:end -->';

/** The README with its rule table replaced by the one rendered from DIFF_RULES. */
export function withRuleTable(readme: string): string {
  const [from, to] = [readme.indexOf(START), readme.indexOf(END)];
  if (from < 0 || to < from) throw new Error(`README has no ${START} … ${END} section`);
  return `${readme.slice(0, from)}${START}\n\n${renderRuleTable()}\n\n${readme.slice(to)}`;
}
