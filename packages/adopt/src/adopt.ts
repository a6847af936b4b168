/**
 * `adopt(dir)`: plan, judge the readiness level before, write the planned files (never over an existing
 * one), judge again, and name the top gaps.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { evaluateReadiness, type GateResult, type LevelId, type ReadinessResult } from '@shipshape/readiness';
import { planAdoption, type Plan } from './plan/plan.js';

export interface AdoptOptions {
  dryRun?: boolean;
  /** Judge readiness before and after (default true; the idempotency check of a second run skips it). */
  evaluate?: boolean;
  /** How many gaps to name (default 5). */
  gaps?: number;
}

export interface Gap {
  id: string;
  status: 'RED' | 'AMBER';
  reason: string;
}

export interface AdoptResult {
  plan: Plan;
  /** Files written (absolute); empty on a dry run. */
  written: string[];
  /** Level before and after (null: not even L0); absent when not evaluated (after: on a dry run). */
  before?: LevelId | null;
  after?: LevelId | null;
  gaps: Gap[];
  /** The full readiness results behind the levels (after: the same as before on a dry run). */
  readiness: { before?: ReadinessResult; after?: ReadinessResult };
}

/** The gates most worth fixing next: RED before AMBER, lower levels first, automated before attested. */
export function topGaps(gates: GateResult[], count: number): Gap[] {
  const rank = (g: GateResult) => (g.status === 'RED' ? 0 : 100) + Number(g.level.slice(1));
  return gates
    .filter((g): g is GateResult & { status: 'RED' | 'AMBER' } => g.status !== 'GREEN')
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
    .slice(0, count)
    .map((g) => ({ id: g.id, status: g.status, reason: g.reason }));
}

export async function adopt(serviceDir: string, options: AdoptOptions = {}): Promise<AdoptResult> {
  const plan = planAdoption(serviceDir);
  const evaluate = options.evaluate ?? true;
  const beforeResult = evaluate ? await evaluateReadiness(plan.dir) : undefined;
  const written: string[] = [];
  if (!options.dryRun) {
    for (const f of plan.files) {
      await mkdir(dirname(f.file), { recursive: true });
      // 'wx': never overwrite, even if the file appeared since the plan was made.
      await writeFile(f.file, f.content, { flag: 'wx' });
      written.push(f.file);
    }
  }
  // A dry run changed nothing: the level today is the one to show the gaps of.
  const afterResult = evaluate && !options.dryRun ? await evaluateReadiness(plan.dir) : beforeResult;
  return {
    plan,
    written,
    ...(beforeResult ? { before: beforeResult.level } : {}),
    ...(afterResult && !options.dryRun ? { after: afterResult.level } : {}),
    gaps: afterResult ? topGaps(afterResult.gates, options.gaps ?? 5) : [],
    readiness: {
      ...(beforeResult ? { before: beforeResult } : {}),
      ...(afterResult ? { after: afterResult } : {}),
    },
  };
}
