import type { ChangeClass } from '../types.js';
import { SCHEMA_PREFIXES, SCHEMA_SUFFIXES } from './schema-rules.js';
import {
  ASYNCAPI_RULE_TABLE,
  OPENAPI_RULE_TABLE,
  SPEC_REMOVED,
  type RuleDirection,
} from './structural-rules.js';

/** One row of the rule table: what the docs render and what config downgrades name. */
export interface DiffRule {
  id: string;
  class: ChangeClass;
  direction: RuleDirection;
  /** `openapi`, `asyncapi` or `any` (the spec-file rule). */
  spec: 'openapi' | 'asyncapi' | 'any';
  title: string;
  example: string;
}

const OPENAPI_PREFIXES = ['request', 'response', 'webhook'] as const;

function schemaRows(prefix: keyof typeof SCHEMA_PREFIXES, spec: DiffRule['spec']): DiffRule[] {
  const { direction, where } = SCHEMA_PREFIXES[prefix];
  return Object.entries(SCHEMA_SUFFIXES).flatMap(([suffix, rule]) => {
    const cls = rule[direction];
    return cls
      ? [
          {
            id: `${prefix}-${suffix}`,
            class: cls,
            direction,
            spec,
            title: `${where}: ${rule.title}`,
            example: rule.example,
          },
        ]
      : [];
  });
}

const structural = (table: Record<string, Omit<DiffRule, 'id' | 'spec'>>, spec: DiffRule['spec']) =>
  Object.entries(table).map(([id, rule]) => ({ id, spec, ...rule }));

/** Every rule `shipshape diff` reports, with its class and the direction of the data it affects. */
export const DIFF_RULES: readonly DiffRule[] = Object.freeze([
  ...structural(OPENAPI_RULE_TABLE, 'openapi'),
  ...OPENAPI_PREFIXES.flatMap((p) => schemaRows(p, 'openapi')),
  ...structural(ASYNCAPI_RULE_TABLE, 'asyncapi'),
  ...(['event', 'event-header', 'inbound-event', 'inbound-event-header'] as const).flatMap((p) =>
    schemaRows(p, 'asyncapi'),
  ),
  { id: 'spec-removed', spec: 'any', ...SPEC_REMOVED },
]);

const byKey = new Map(DIFF_RULES.map((rule) => [`${rule.spec} ${rule.id}`, rule]));

/** The rule of an id for a spec kind (ids like `operation-removed` exist for both kinds). */
export function ruleOf(spec: 'openapi' | 'asyncapi', id: string): DiffRule | undefined {
  return byKey.get(`${spec} ${id}`) ?? byKey.get(`any ${id}`);
}

/** True when some rule has this id (for config validation). */
export const isRuleId = (id: string): boolean => DIFF_RULES.some((rule) => rule.id === id);

/** OpenAPI structural rules and their class (the view earlier versions exported). */
export const OPENAPI_RULES = Object.fromEntries(
  Object.entries(OPENAPI_RULE_TABLE).map(([id, rule]) => [id, rule.class]),
) as Record<keyof typeof OPENAPI_RULE_TABLE, ChangeClass>;
export const ASYNCAPI_RULES = Object.fromEntries(
  Object.entries(ASYNCAPI_RULE_TABLE).map(([id, rule]) => [id, rule.class]),
) as Record<keyof typeof ASYNCAPI_RULE_TABLE, ChangeClass>;
