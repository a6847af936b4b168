import type { Catalog } from './catalog.js';

/** Where the generated gate-id module lives, relative to the package root. */
export const GATE_IDS_MODULE = 'src/gates/gate-ids.ts';

/**
 * The source of `gate-ids.ts`: the built-in gate ids and group ids as literal tuples and unions, so a check,
 * rule or evaluator naming a gate that gates.yaml does not list is a compile error. `npm run generate -w
 * @shipshape/contracts` writes it; a spec fails when it is not the rendering of today's gates.yaml.
 */
export function renderGateIds(catalog: Catalog): string {
  const list = (ids: string[]) => ids.map((id) => `  '${id}',`).join('\n');
  return `// Generated from gates.yaml by \`npm run generate -w @shipshape/contracts\`. Do not edit by hand.

/** Every built-in readiness gate id, in catalog order. */
export const GATE_IDS = [
${list(catalog.gates.map((g) => g.id))}
] as const;

/** A built-in readiness gate id (gates.yaml). */
export type GateId = (typeof GATE_IDS)[number];

/** The gate groups, in catalog order. */
export const GROUP_IDS = [
${list(catalog.groups.map((g) => g.id))}
] as const;

export type GroupId = (typeof GROUP_IDS)[number];
`;
}
