/**
 * The readiness gate catalog, as the readiness evaluator defines it (`@shipshape/contracts/gates.yaml`), read
 * here rather than copied so SERVICE_READINESS.md and the README badges always list the gates
 * `shipshape readiness` judges.
 */
import type { Tier } from '../model/types.js';
import { load } from './data.js';

/** A readiness gate of the catalog. */
export interface GateDef {
  id: string;
  title: string;
  criteria: string;
  /** The lowest readiness level that needs it GREEN. */
  level: string;
  judged: 'automated' | 'attested';
  evidence: string;
}
export interface GateGroup {
  id: string;
  name: string;
  /** The bundle doc whose front matter may declare that the group does not apply. */
  applicability?: string;
  gates: GateDef[];
}
export interface ReadinessLevel {
  id: string;
  name: string;
  meaning: string;
  requiredFor: string;
}
interface GateCatalogFile {
  levels: ReadinessLevel[];
  targets: Record<string, string>;
  groups: GateGroup[];
}

function loadGates(): GateCatalogFile {
  return load<GateCatalogFile>(require.resolve('@shipshape/contracts/gates.yaml'));
}

/** The readiness gate catalog by group (the seed gate ids). */
export function gateCatalog(): GateGroup[] {
  return loadGates().groups.map((g) => ({
    id: g.id,
    name: g.name,
    ...(g.applicability ? { applicability: g.applicability } : {}),
    gates: g.gates.map((x) => ({
      id: x.id,
      title: x.title,
      criteria: x.criteria,
      level: x.level,
      judged: x.judged,
      evidence: x.evidence,
    })),
  }));
}

/** Readiness levels L0–L5. */
export function readinessLevels(): ReadinessLevel[] {
  return loadGates().levels.map((l) => ({
    id: l.id,
    name: l.name,
    meaning: l.meaning,
    requiredFor: l.requiredFor,
  }));
}

/** The readiness level a tier must reach before production traffic. */
export function targetLevel(tier: Tier): string {
  const level = loadGates().targets[tier];
  if (!level) throw new Error(`the readiness catalog has no target for tier ${tier}`);
  return level;
}

/** Badge image of a gate group, written later by the readiness evaluator. */
export function badgePath(group: string): string {
  return `docs/badges/${group}.svg`;
}
