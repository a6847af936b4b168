import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { LEVEL_IDS, type Judged, type LevelId } from './levels.js';

export interface GateDef {
  id: string;
  group: string;
  title: string;
  criteria: string;
  level: LevelId;
  judged: Judged;
  evidence: string;
  /** Attested gates (and automated ones that fall back to an attestation): default freshness, e.g. `90d`. */
  freshFor?: string;
  alwaysEvaluate: boolean;
  /** Accepts an attestation (who, when, evidence): attested gates always; an automated gate only when marked. */
  attestable: boolean;
  /** `readiness --check` blocks on this gate when it is AMBER too (missing evidence is not good enough). */
  blocking: boolean;
  source?: string;
}

export interface GroupDef {
  id: string;
  name: string;
  /** The bundle doc whose front matter may declare that the group does not apply. */
  applicability?: string;
  gates: GateDef[];
}

export interface LevelDef {
  id: LevelId;
  name: string;
  meaning: string;
  requiredFor: string;
}

export interface Catalog {
  levels: LevelDef[];
  targets: Record<string, LevelId>;
  groups: GroupDef[];
  gates: GateDef[];
}

/** The catalog file shipped with the package (packages/contracts/gates.yaml; src/ and dist/ are both two levels down). */
export const CATALOG_FILE = new URL('../../gates.yaml', import.meta.url);

let cached: Catalog | undefined;

/** The gate catalog, validated once. A broken catalog is a bug of the package, so it throws. */
export function loadCatalog(): Catalog {
  cached ??= parseCatalog(readFileSync(CATALOG_FILE, 'utf8'));
  return cached;
}

const DURATION = /^\d+[dwy]$/;

export function parseCatalog(text: string): Catalog {
  const raw = parse(text) as Record<string, unknown>;
  const fail = (where: string, what: string): never => {
    throw new Error(`gate catalog: ${where}: ${what}`);
  };
  const str = (value: unknown, where: string): string =>
    typeof value === 'string' && value.trim() !== '' ? value : fail(where, 'must be a non-empty string');
  const level = (value: unknown, where: string): LevelId =>
    LEVEL_IDS.includes(value as LevelId)
      ? (value as LevelId)
      : fail(where, `must be one of ${LEVEL_IDS.join(', ')}`);

  const flag = (value: unknown, where: string): boolean =>
    value === undefined ? false : typeof value === 'boolean' ? value : fail(where, 'must be true or false');

  if (!Array.isArray(raw.levels)) fail('levels', 'must be a list');
  const levels = (raw.levels as Record<string, unknown>[]).map((l, i) => ({
    id: level(l.id, `levels[${i}].id`),
    name: str(l.name, `levels[${i}].name`),
    meaning: str(l.meaning, `levels[${i}].meaning`),
    requiredFor: str(l.requiredFor, `levels[${i}].requiredFor`),
  }));
  if (levels.map((l) => l.id).join() !== LEVEL_IDS.join())
    fail('levels', `must be ${LEVEL_IDS.join(', ')} in order`);

  const targets: Record<string, LevelId> = {};
  for (const [tier, value] of Object.entries((raw.targets ?? {}) as Record<string, unknown>)) {
    targets[tier] = level(value, `targets.${tier}`);
  }

  if (!Array.isArray(raw.groups)) fail('groups', 'must be a list');
  const ids = new Set<string>();
  const groups = (raw.groups as Record<string, unknown>[]).map((g, gi): GroupDef => {
    const id = str(g.id, `groups[${gi}].id`);
    if (!Array.isArray(g.gates) || g.gates.length === 0)
      fail(`groups[${gi}].gates`, 'must be a non-empty list');
    const gates = (g.gates as Record<string, unknown>[]).map((d, i): GateDef => {
      const where = `${id}.gates[${i}]`;
      const gateId = str(d.id, `${where}.id`);
      if (!gateId.startsWith(`${id}.`)) fail(`${where}.id`, `${gateId} must start with "${id}."`);
      if (ids.has(gateId)) fail(`${where}.id`, `${gateId} is listed twice`);
      ids.add(gateId);
      const judged =
        d.judged === 'automated' || d.judged === 'attested'
          ? d.judged
          : fail(`${where}.judged`, 'must be automated or attested');
      if (d.freshFor !== undefined && !DURATION.test(String(d.freshFor)))
        fail(`${where}.freshFor`, 'must look like 30d, 12w or 1y');
      const attestable =
        d.attestable === undefined ? judged === 'attested' : flag(d.attestable, `${where}.attestable`);
      if (judged === 'attested' && !attestable)
        fail(`${where}.attestable`, 'an attested gate must accept attestations');
      return {
        id: gateId,
        group: id,
        title: str(d.title, `${where}.title`),
        criteria: str(d.criteria, `${where}.criteria`),
        level: level(d.level, `${where}.level`),
        judged,
        evidence: str(d.evidence, `${where}.evidence`),
        ...(d.freshFor !== undefined ? { freshFor: String(d.freshFor) } : {}),
        alwaysEvaluate: d.alwaysEvaluate === true,
        attestable,
        blocking: flag(d.blocking, `${where}.blocking`),
        ...(typeof d.source === 'string' ? { source: d.source } : {}),
      };
    });
    return {
      id,
      name: str(g.name, `groups[${gi}].name`),
      ...(typeof g.applicability === 'string' ? { applicability: g.applicability } : {}),
      gates,
    };
  });
  return { levels, targets, groups, gates: groups.flatMap((g) => g.gates) };
}
