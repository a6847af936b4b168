import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { parseCatalog, type Catalog, type CustomCheck, type GateDef, type GroupDef } from '../catalog.js';

/** Where a team declares its own gates: the workspace's and the service's `readiness/gates.yaml`. */
export const CUSTOM_GATES_FILE = 'readiness/gates.yaml';

export class CustomGatesError extends Error {
  override readonly name = 'CustomGatesError';
}

/** The workspace root above a service folder (nx.json or .git), when there is one. */
export function findRepoRoot(dir: string): string | undefined {
  let current = dirname(dir);
  for (;;) {
    if (existsSync(join(current, 'nx.json')) || existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

const OPS = ['>=', '<=', '==', '!=', '>', '<'] as const;

/**
 * The built-in catalog plus the gates a team declared as data (workspace file first, then the service's). Custom
 * gates are validated exactly like the catalog's (through parseCatalog), may add groups, and may not redefine a
 * built-in gate.
 */
export function withCustomGates(base: Catalog, serviceDir: string): { catalog: Catalog; sources: string[] } {
  const root = findRepoRoot(serviceDir);
  const files = [...(root ? [join(root, CUSTOM_GATES_FILE)] : []), join(serviceDir, CUSTOM_GATES_FILE)];
  let catalog = base;
  const sources: string[] = [];
  for (const file of files.filter((f, i) => existsSync(f) && files.indexOf(f) === i)) {
    catalog = merge(catalog, file);
    sources.push(file);
  }
  return { catalog, sources };
}

function merge(catalog: Catalog, file: string): Catalog {
  const fail = (what: string): never => {
    throw new CustomGatesError(`${file}: ${what}`);
  };
  let raw: Record<string, unknown>;
  try {
    raw = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  } catch (error) {
    return fail(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const newGroups = (Array.isArray(raw.groups) ? raw.groups : []) as Record<string, unknown>[];
  const gates = (Array.isArray(raw.gates) ? raw.gates : fail('gates must be a list')) as Record<
    string,
    unknown
  >[];
  const groups = new Map<string, { id: string; name: string; gates: Record<string, unknown>[] }>();
  for (const g of newGroups) {
    const id = String(g.id ?? fail('a group needs an id'));
    if (catalog.groups.some((c) => c.id === id)) fail(`group ${id} already exists`);
    groups.set(id, { id, name: String(g.name ?? id), gates: [] });
  }
  const checks = new Map<string, CustomCheck>();
  for (const [i, g] of gates.entries()) {
    const id = typeof g.id === 'string' ? g.id : fail(`gates[${i}].id is missing`);
    if (catalog.gates.some((c) => c.id === id)) fail(`${id} is a built-in gate and cannot be redefined`);
    const groupId = id.split('.')[0];
    const check = parseCheck(g.check, (what) => fail(`${id}.check: ${what}`));
    checks.set(id, check);
    const entry = { ...g, judged: check.kind === 'attestation' ? 'attested' : 'automated' };
    delete (entry as Record<string, unknown>).check;
    if (!groups.has(groupId)) {
      if (!catalog.groups.some((c) => c.id === groupId))
        fail(`${id}: no group ${groupId} (declare it under groups:)`);
      groups.set(groupId, { id: groupId, name: groupId, gates: [] });
    }
    groups.get(groupId)!.gates.push(entry);
  }
  // Validate through the catalog's own parser, so a custom gate obeys the same rules as a built-in one.
  let parsed: GroupDef[];
  try {
    parsed = parseCatalog(
      JSON.stringify({
        levels: catalog.levels,
        targets: catalog.targets,
        groups: [...groups.values()].filter((g) => g.gates.length > 0),
      }),
    ).groups;
  } catch (error) {
    return fail((error as Error).message.replace(/^gate catalog: /, ''));
  }
  const withCheck = (g: GateDef): GateDef => ({ ...g, custom: true, check: checks.get(g.id)! });
  const mergedGroups = catalog.groups.map((g) => {
    const extra = parsed.find((p) => p.id === g.id);
    return extra ? { ...g, gates: [...g.gates, ...extra.gates.map(withCheck)] } : g;
  });
  for (const p of parsed) {
    if (!catalog.groups.some((g) => g.id === p.id)) {
      mergedGroups.push({ ...p, name: groups.get(p.id)!.name, gates: p.gates.map(withCheck) });
    }
  }
  return { ...catalog, groups: mergedGroups, gates: mergedGroups.flatMap((g) => g.gates) };
}

function parseCheck(value: unknown, fail: (what: string) => never): CustomCheck {
  const v = (value ?? fail('missing: file, json or attestation')) as Record<string, unknown>;
  if (typeof v.file === 'string' && v.json === undefined) return { kind: 'file', glob: v.file };
  if (typeof v.json === 'string') {
    if (typeof v.path !== 'string' || !v.path.startsWith('$')) fail('path must be a JSON path ($.a.b)');
    const op = (v.op ?? '>=') as (typeof OPS)[number];
    if (!OPS.includes(op)) fail(`op must be one of ${OPS.join(' ')}`);
    if (v.value === undefined) fail('value (the threshold) is missing');
    return { kind: 'json', file: v.json, path: v.path as string, op, value: v.value };
  }
  if (v.attestation !== undefined) {
    const a = (v.attestation ?? {}) as Record<string, unknown>;
    const roles =
      a.roles === undefined
        ? []
        : Array.isArray(a.roles)
          ? a.roles.map(String)
          : fail('roles must be a list');
    return { kind: 'attestation', roles };
  }
  return fail(
    'must be one of { file: <glob> }, { json: <file>, path, op, value }, { attestation: { roles } }',
  );
}
