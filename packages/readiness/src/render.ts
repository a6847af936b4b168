import { TOOL_NAME, toolVersion } from './version.js';
import { LEVEL_IDS, type GateResult, type ReadinessResult } from './types.js';

/** The JSON contract of `--format json` (DESIGN.md): service, level, target, gates[]; plus summary fields. */
export function toJson(result: ReadinessResult): Record<string, unknown> {
  return {
    service: result.service,
    level: result.level,
    target: result.target,
    evaluatedAt: result.evaluatedAt,
    provenance: { tool: TOOL_NAME, version: toolVersion(), ...result.provenance },
    summary: result.summary,
    blocking: result.blocking,
    gates: result.gates.map((g) => ({
      id: g.id,
      group: g.group,
      title: g.title,
      status: g.status,
      // NOT_APPLICABLE / UNKNOWN / UNVERIFIED_EVIDENCE: what the status alone does not say.
      reasonCode: g.code ?? null,
      reason: g.reason,
      evidence: g.evidence,
      level: g.level,
      judged: g.judged,
      attestable: g.attestable,
      blocking: g.blocking,
      applies: g.applies,
    })),
    warnings: result.warnings,
  };
}

export function levelText(level: ReadinessResult['level']): string {
  return level ?? 'below L0';
}

function statusCell(g: GateResult): string {
  return g.applies ? g.status : 'n/a';
}

/** The scorecard: one row per gate, grouped, then the level line and what blocks the target. */
export function renderText(result: ReadinessResult): string[] {
  const width = Math.max(...result.gates.map((g) => g.id.length));
  const lines = [
    `${result.service}: readiness ${levelText(result.level)} (target ${result.target}, from ${result.targetSource})`,
    '',
  ];
  lines.push(`${'gate'.padEnd(width)}  level  status  reason`);
  for (const g of result.gates) {
    lines.push(`${g.id.padEnd(width)}  ${g.level.padEnd(5)}  ${statusCell(g).padEnd(6)}  ${g.reason}`);
  }
  const s = result.summary;
  lines.push('', `${s.GREEN} GREEN, ${s.AMBER} AMBER, ${s.RED} RED`);
  const next = result.level === null ? 'L0' : LEVEL_IDS[LEVEL_IDS.indexOf(result.level) + 1];
  if (next) {
    const rank = LEVEL_IDS.indexOf(next);
    const missing = result.gates.filter((g) => LEVEL_IDS.indexOf(g.level) <= rank && g.status !== 'GREEN');
    lines.push(`next level ${next} needs: ${missing.map((g) => g.id).join(', ')}`);
  }
  if (result.blocking.length === 0) lines.push(`target ${result.target} reached`);
  else
    lines.push(
      `${result.blocking.length} gates between ${levelText(result.level)} and the target ${result.target}`,
    );
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  return lines;
}
