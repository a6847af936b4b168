import { expect, it } from 'vitest';
import { diffSpecs, type Change, type DiffOptions } from '../src/index.js';
import type { Doc } from './documents.js';

export type Expected = [rule: string, pointer: string][];

/**
 * One minimal pair: `after` turns the base document into the new one; the diff old→new must report
 * exactly `forward`, and new→old exactly `backward` (the change in the other direction). `before`
 * (applied to both sides) sets up a base variant when the rule needs one. `versions` lists the
 * OpenAPI versions the pair runs in (both unless the feature is 3.1-only).
 */
export interface Case {
  name: string;
  versions?: string[];
  before?: (doc: Doc) => void;
  after: (doc: Doc) => void;
  forward: Expected;
  backward: Expected;
}

export const shape = (changes: Change[]) => changes.map((c) => [c.rule, c.pointer]);

export function runCases(
  cases: Case[],
  base: (version: string) => Doc,
  defaults: string[],
  options: DiffOptions = {},
): void {
  const rows = cases.flatMap((c) => (c.versions ?? defaults).map((version) => ({ ...c, version })));
  it.each(rows)('$name ($version): forward and backward', ({ before, after, forward, backward, version }) => {
    const a = base(version);
    before?.(a);
    const b = structuredClone(a);
    after(b);
    const there = diffSpecs(a, b, options);
    const back = diffSpecs(b, a, options);
    const at = (e: Expected) =>
      e.map(([r, p]) => [r, p.replace('{nullable}', version.startsWith('3.0') ? 'nullable' : 'type')]);
    expect(shape(there.changes)).toEqual(at(forward));
    expect(shape(back.changes)).toEqual(at(backward));
    for (const c of [...there.changes, ...back.changes]) expect(c.message.length).toBeGreaterThan(5);
  });
}

export const covered = (cases: Case[]) =>
  new Set(cases.flatMap((c) => [...c.forward, ...c.backward].map(([rule]) => rule)));
