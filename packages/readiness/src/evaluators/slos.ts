import { readSlos, sloSanity } from '../artifacts/slos.js';
import type { Evidence } from '../types.js';
import { readAlerts } from '../artifacts/alerts.js';
import { amber, combine, few, fromLint, green, plural, red } from './support.js';
import type { Evaluator } from './support.js';
import { paths } from '../layout.js';

/** obs.slos (L3): availability and latency SLOs within sane bounds for the tier, each with a burn-rate alert that exists. */
export const slos: Evaluator = async (ctx) => {
  const lint = await fromLint(ctx, 'obs.slos');
  const list = await readSlos(ctx);
  if (typeof list === 'string') return red(list);
  const alerts = await readAlerts(ctx);
  const alertNames = new Set(typeof alerts === 'string' ? [] : alerts.map((a) => a.alert!));
  const evidence: Evidence[] = [
    {
      kind: 'file',
      ref: paths(ctx.layout.slos),
      detail: list.map((s) => `${s.id} ${s.objective ?? '?'}`).join(', '),
    },
  ];
  const problems: string[] = [];
  if (list.length === 0) problems.push('no SLO declared');
  if (!list.some((s) => /availab/i.test(`${s.id} ${s.name}`))) problems.push('no availability SLO');
  if (!list.some((s) => /latenc/i.test(`${s.id} ${s.name}`))) problems.push('no latency SLO');
  problems.push(...sloSanity(list, ctx.tier));
  const unknown = list.flatMap((s) => s.alerts.filter((a) => !alertNames.has(a)).map((a) => `${s.id}: ${a}`));
  if (unknown.length) problems.push(`alerts not in ${paths(ctx.layout.alerts)}: ${few(unknown)}`);
  // An SLO nobody is paged for is unfinished rather than wrong: AMBER, and the catalog marks the gate blocking.
  const unwired = list.filter((s) => s.alerts.length === 0).map((s) => s.id);
  const own = problems.length
    ? red(few(problems, 3), evidence)
    : unwired.length
      ? amber(`no burn-rate alert for ${few(unwired)}`, evidence)
      : green(
          `${plural(list.length, 'SLO')} within the bounds of tier ${ctx.tier ?? '(none)'}, each with a burn-rate alert`,
          evidence,
        );
  return combine([
    own,
    ...(unwired.length && problems.length ? [amber(`no burn-rate alert for ${few(unwired)}`)] : []),
    ...(lint ? [lint] : []),
  ]);
};
