import type { Catalog } from './catalog.js';
import { LEVEL_IDS, type GateResult, type LevelId } from './types.js';

/**
 * The readiness level (seed 000 §1): level N is reached when every gate required at N or below is GREEN
 * (gates that do not apply count as GREEN). Null when even L0's gates are not all GREEN.
 */
export function deriveLevel(gates: Pick<GateResult, 'level' | 'status'>[]): LevelId | null {
  let reached: LevelId | null = null;
  for (const level of LEVEL_IDS) {
    const rank = LEVEL_IDS.indexOf(level);
    const required = gates.filter((g) => LEVEL_IDS.indexOf(g.level) <= rank);
    if (required.some((g) => g.status !== 'GREEN')) break;
    reached = level;
  }
  return reached;
}

/** The target level: the readiness file's `target` (`settingsFile`), else the tier's (catalog `targets`), else L4. */
export function targetLevel(
  catalog: Catalog,
  settingsTarget: string | undefined,
  tier: string | undefined,
  settingsFile = 'readiness.yaml',
): { target: LevelId; source: string } {
  if (settingsTarget) return { target: settingsTarget as LevelId, source: settingsFile };
  if (tier && catalog.targets[tier]) return { target: catalog.targets[tier], source: `tier ${tier}` };
  return { target: 'L4', source: tier ? `tier ${tier} (unknown; default)` : 'default' };
}

/** Gates at or below `target` that are not GREEN: what stands between the service and its target. */
export function blockingGates(gates: GateResult[], target: LevelId): string[] {
  const rank = LEVEL_IDS.indexOf(target);
  return gates.filter((g) => LEVEL_IDS.indexOf(g.level) <= rank && g.status !== 'GREEN').map((g) => g.id);
}

/** One gate that stops `--check`: RED, or AMBER where the catalog marks the gate `blocking`. */
export interface CheckFailure {
  id: string;
  level: LevelId;
  status: GateResult['status'];
  reason: string;
}

/**
 * What `readiness --check --target <level>` blocks on: every gate required at or below the target that is RED,
 * or AMBER and marked `blocking`. Gates that do not apply never block.
 */
export function checkFailures(gates: GateResult[], target: LevelId): CheckFailure[] {
  const rank = LEVEL_IDS.indexOf(target);
  return gates
    .filter((g) => g.applies && LEVEL_IDS.indexOf(g.level) <= rank)
    .filter((g) => g.status === 'RED' || (g.status === 'AMBER' && g.blocking))
    .map((g) => ({ id: g.id, level: g.level, status: g.status, reason: g.reason }));
}
