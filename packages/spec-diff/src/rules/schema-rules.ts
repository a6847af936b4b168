import type { ChangeClass } from '../types.js';

/**
 * Which way data flows through a schema. `input`: a client sends it and the service must keep
 * accepting whatever it accepted (narrowing breaks). `output`: the service sends it and clients rely
 * on what it promised (widening or removing breaks).
 */
export type Direction = 'input' | 'output';

interface SuffixRule {
  input?: ChangeClass;
  output?: ChangeClass;
  title: string;
  example: string;
}

/** Schema rule suffixes: a rule id is `<prefix>-<suffix>` (prefixes below), classed by direction. */
export const SCHEMA_SUFFIXES: Record<string, SuffixRule> = {
  'type-changed': {
    input: 'breaking',
    output: 'breaking',
    title: 'type changed',
    example: 'integer → string',
  },
  'type-widened': { input: 'info', title: 'type widened', example: 'integer → number' },
  'type-narrowed': { output: 'info', title: 'type narrowed', example: 'number → integer' },
  'became-nullable': {
    input: 'info',
    output: 'breaking',
    title: 'null became allowed',
    example: "type: string → type: [string, 'null'] (3.1) / nullable: true (3.0)",
  },
  'became-non-nullable': {
    input: 'breaking',
    output: 'info',
    title: 'null no longer allowed',
    example: 'nullable: true removed',
  },
  'enum-narrowed': {
    input: 'breaking',
    output: 'info',
    title: 'enum value removed',
    example: '[a, b] → [a]',
  },
  'enum-widened': { input: 'info', output: 'breaking', title: 'enum value added', example: '[a] → [a, b]' },
  'format-added': {
    input: 'breaking',
    output: 'info',
    title: 'format added',
    example: 'string → string/uuid',
  },
  'format-removed': {
    input: 'info',
    output: 'breaking',
    title: 'format removed',
    example: 'format: uuid removed',
  },
  'format-changed': { input: 'breaking', output: 'breaking', title: 'format changed', example: 'uuid → uri' },
  'format-widened': { input: 'info', output: 'breaking', title: 'format widened', example: 'int32 → int64' },
  'format-narrowed': {
    input: 'breaking',
    output: 'info',
    title: 'format narrowed',
    example: 'int64 → int32',
  },
  'limit-narrowed': {
    input: 'breaking',
    output: 'info',
    title: 'limit tightened',
    example: 'maxLength 500 → 200, minimum 1 → 5, uniqueItems added, multipleOf 5 → 10',
  },
  'limit-widened': {
    input: 'info',
    output: 'breaking',
    title: 'limit relaxed',
    example: 'maxLength 200 → 500, maximum removed',
  },
  'pattern-added': {
    input: 'breaking',
    output: 'info',
    title: 'pattern added',
    example: 'pattern: ^[A-Z]+$ added',
  },
  'pattern-changed': {
    input: 'breaking',
    output: 'breaking',
    title: 'pattern changed',
    example: '^[A-Z]+$ → ^[a-z]+$',
  },
  'pattern-removed': {
    input: 'info',
    output: 'breaking',
    title: 'pattern removed',
    example: 'pattern dropped',
  },
  'default-added': { input: 'info', output: 'info', title: 'default added', example: 'default: 20 added' },
  'default-changed': {
    input: 'breaking',
    output: 'info',
    title: 'default changed',
    example: 'default 20 → 50 (clients omitting it get other behaviour)',
  },
  'default-removed': {
    input: 'warning',
    output: 'info',
    title: 'default removed',
    example: 'default: 20 removed',
  },
  'property-added-required': {
    input: 'breaking',
    title: 'required property added',
    example: 'new required currency',
  },
  'property-added': { input: 'info', output: 'info', title: 'optional property added', example: 'new note' },
  'property-removed': {
    input: 'breaking',
    output: 'breaking',
    title: 'property removed',
    example: 'note removed (request: only from a closed object)',
  },
  'property-ignored': {
    input: 'warning',
    title: 'property removed from an open object',
    example: 'note removed; sent values are now ignored',
  },
  'property-became-required': {
    input: 'breaking',
    output: 'info',
    title: 'property became required',
    example: 'required: [id] → [id, note]',
  },
  'property-became-optional': {
    input: 'info',
    output: 'breaking',
    title: 'property became optional',
    example: 'required: [id, status] → [id]',
  },
  closed: { input: 'breaking', title: 'object closed', example: 'additionalProperties: false added' },
  opened: { input: 'info', title: 'object opened', example: 'additionalProperties: false removed' },
  'variant-removed': {
    input: 'breaking',
    output: 'info',
    title: 'oneOf/anyOf alternative removed',
    example: 'oneOf [Card, Iban] → [Card]',
  },
  'variant-added': {
    input: 'info',
    output: 'breaking',
    title: 'oneOf/anyOf alternative added',
    example: 'oneOf [Card] → [Card, Iban]',
  },
};

/** Where a schema sits: the rule-id prefix and the direction its data flows. */
export const SCHEMA_PREFIXES = {
  request: { direction: 'input', where: 'OpenAPI request body, parameter or request header' },
  response: { direction: 'output', where: 'OpenAPI response body or response header' },
  webhook: { direction: 'output', where: 'OpenAPI webhook or callback payload (the API sends it)' },
  event: { direction: 'output', where: 'AsyncAPI payload of a message the service sends' },
  'event-header': { direction: 'output', where: 'AsyncAPI headers of a message the service sends' },
  'inbound-event': { direction: 'input', where: 'AsyncAPI payload of a message the service receives' },
  'inbound-event-header': {
    direction: 'input',
    where: 'AsyncAPI headers of a message the service receives',
  },
} as const satisfies Record<string, { direction: Direction; where: string }>;

export type SchemaPrefix = keyof typeof SCHEMA_PREFIXES;

/** Rule suffixes and their class, per direction (the view earlier versions exported). */
export const SCHEMA_RULES = Object.fromEntries(
  (['input', 'output'] as const).map((d) => [
    d,
    Object.fromEntries(Object.entries(SCHEMA_SUFFIXES).flatMap(([s, r]) => (r[d] ? [[s, r[d]]] : []))),
  ]),
) as Record<Direction, Record<string, ChangeClass>>;
