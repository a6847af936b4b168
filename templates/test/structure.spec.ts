/**
 * The rooms stay livable: no import cycle (type-only imports count too: they tie modules as tightly for a
 * reader) and no source file past ~300 lines in the templates' model/ops code and the generators. The import
 * graph comes from the TypeScript compiler's own pre-processor (`ts.preProcessFile`), not a regex.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..');
const ROOTS = [join(repo, 'templates', 'src'), join(repo, 'generators', 'src')];
const MAX_LINES = 300;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.ts$/.test(e.name) && !/\.(spec|d)\.ts$/.test(e.name) ? [full] : [];
  });
}

/** Relative imports of a file, resolved to files (`./x.js` → `./x.ts`, `./x` → `./x.ts` or `./x/index.ts`). */
function importsOf(file: string, known: Set<string>): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = resolve(dirname(file), s.replace(/\.js$/, ''));
      return [`${base}.ts`, join(base, 'index.ts')].find((c) => known.has(c));
    })
    .filter((f): f is string => f !== undefined);
}

/** Every cycle of the graph, each as the list of files on it (Tarjan's strongly connected components). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe.each(ROOTS)('%s', (root) => {
  const files = sources(root);
  const known = new Set(files);
  const name = (f: string) => relative(repo, f);

  it('has no import cycle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
    expect(cycles(graph).map((c) => c.map(name).sort())).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((f) => ({ file: name(f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle through type-only imports and none in a tree', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['c', 'b', 'a']]);
    expect(
      cycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
    const dir = join(repo, 'templates', 'src');
    const names = join(dir, 'names.ts');
    const types = join(dir, 'model', 'types.ts');
    // names.ts imports `type Names` from model/types.ts: the graph sees type-only imports
    expect(importsOf(names, new Set([names, types]))).toEqual([types]);
  });
});

describe('templates only read the model', () => {
  // Facts that follow from the tier are computed once by buildServiceModel (model.ops, slo.sli, slo.errorBudget).
  const TIER_FUNCTIONS =
    /\b(deployDefaults|targetLevel|escalateAfter|loadThresholds|sloQuery|dashboardUid)\(/;
  const treeFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : treeFiles(full);
      return e.name.endsWith('__tmpl__') ? [full] : [];
    });

  it('no template recomputes a tier fact', () => {
    const offenders = treeFiles(join(repo, 'templates'))
      .filter((f) => TIER_FUNCTIONS.test(readFileSync(f, 'utf8')))
      .map((f) => relative(repo, f));
    expect(offenders).toEqual([]);
    expect(TIER_FUNCTIONS.test('<% const d = deployDefaults(tier); -%>')).toBe(true);
  });
});
