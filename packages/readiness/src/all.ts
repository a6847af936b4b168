import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { loadCatalog } from './catalog.js';
import { createContext } from './context.js';
import { evaluateReadiness } from './evaluate.js';
import { levelText, toJson } from './render.js';
import type { ReadinessResult } from './types.js';

export interface WorkspaceReadiness {
  root: string;
  results: ReadinessResult[];
  /** Per service: tier and owner as its manifest (else its shipshape.yaml) says (the docs site shows them). */
  facts: Map<ReadinessResult, { tier?: string; owner?: string; dir: string }>;
}

/** The service folders of a workspace: every folder with a generator manifest or a shipshape.yaml. */
export async function findServices(root: string): Promise<string[]> {
  const markers = await glob(['**/.shipshape/manifest.json', '**/shipshape.yaml'], {
    cwd: root,
    dot: true,
    ignore: ['**/node_modules/**', '**/dist/**', '**/.git/**', '**/.nx/**', 'templates/**', 'generators/**'],
  });
  const dirs = markers.map((m) =>
    join(root, m.endsWith('shipshape.yaml') ? dirname(m) : dirname(dirname(m))),
  );
  return [...new Set(dirs)].filter((d) => existsSync(d)).sort();
}

/**
 * Scores every service of the workspace, one after the other: each evaluation is independent (no service reads
 * another's evidence), so the run grows linearly with the number of services (bench/readiness).
 */
export async function evaluateAll(root: string, now = new Date()): Promise<WorkspaceReadiness> {
  const results: ReadinessResult[] = [];
  const facts: WorkspaceReadiness['facts'] = new Map();
  const catalog = loadCatalog();
  for (const dir of await findServices(root)) {
    const result = await evaluateReadiness(dir, { now });
    const ctx = await createContext(dir, catalog, { now });
    const manifest = await ctx.manifest();
    const manifestOwner = (manifest?.options as { owner?: unknown } | undefined)?.owner;
    // The manifest of a generated service, else its shipshape.yaml (an adopted service has only that).
    const tier = manifest?.options?.tier ?? ctx.layout.tier;
    const owner = typeof manifestOwner === 'string' ? manifestOwner : ctx.layout.owner;
    results.push(result);
    facts.set(result, {
      dir: relative(root, dir) || '.',
      ...(tier ? { tier } : {}),
      ...(owner ? { owner } : {}),
    });
  }
  return { root, results, facts };
}

/** The docs site's input: { services: [ { service, dir, level, target, tier, owner, summary, gates } ] }. */
export function toAllJson(all: WorkspaceReadiness): Record<string, unknown> {
  return {
    generatedAt: all.results[0]?.evaluatedAt ?? new Date().toISOString(),
    services: all.results.map((r) => {
      const f = all.facts.get(r)!;
      const one = toJson(r);
      return {
        service: r.service,
        dir: f.dir,
        level: r.level,
        target: r.target,
        tier: f.tier ?? null,
        owner: f.owner ?? null,
        summary: r.summary,
        blocking: r.blocking,
        gates: one.gates,
        warnings: r.warnings,
      };
    }),
  };
}

/** One table for the workspace: a row per service. */
export function renderAllText(all: WorkspaceReadiness): string[] {
  if (all.results.length === 0) return [`no service found under ${all.root}`];
  const width = Math.max(7, ...all.results.map((r) => r.service.length));
  const lines = [`${'service'.padEnd(width)}  level     target  GREEN  AMBER  RED  blocking`];
  for (const r of all.results) {
    lines.push(
      `${r.service.padEnd(width)}  ${levelText(r.level).padEnd(8)}  ${r.target.padEnd(6)}  ${String(r.summary.GREEN).padStart(5)}  ${String(r.summary.AMBER).padStart(5)}  ${String(r.summary.RED).padStart(3)}  ${r.blocking.length}`,
    );
  }
  return lines;
}
