import { discoverServices } from './discover.js';
import { conformanceSummary, diffSummary, lintSummary, serviceFacts } from './facts.js';
import type { Catalog, CatalogService } from './model.js';
import { readReadiness } from './readiness-source.js';

export interface CollectOptions {
  /** Folder holding the services, relative to the root (default `services`). */
  servicesDir?: string;
  now?: Date;
  /** Folder to keep readiness results in between runs (see ReadinessCache); none by default. */
  cacheDir?: string;
  onService?: (dir: string, ms: number, cached: boolean) => void;
}

/** The catalog of a workspace: every service with its level, gates and evidence. */
export async function collectCatalog(root: string, options: CollectOptions = {}): Promise<Catalog> {
  const folders = discoverServices(root, options.servicesDir);
  const readiness = await readReadiness(folders, options);
  const services: CatalogService[] = folders.map((folder) => {
    const r = readiness.services.find((e) => e.dir === folder.dir)!;
    const facts = serviceFacts(folder.path);
    const conformance = conformanceSummary(folder.path);
    const lint = lintSummary(folder.path);
    const diff = diffSummary(folder.path);
    return {
      service: r.service,
      dir: folder.dir,
      ...(facts.description ? { description: facts.description } : {}),
      level: r.level,
      target: r.target,
      ...(r.tier ? { tier: r.tier } : {}),
      ...(r.owner ? { owner: r.owner } : {}),
      ...(facts.org ? { org: facts.org } : {}),
      evaluatedAt: r.evaluatedAt,
      summary: r.summary,
      blocking: r.blocking,
      gates: r.gates,
      ...(conformance ? { conformance } : {}),
      ...(lint ? { lint } : {}),
      ...(diff ? { diff } : {}),
      artifacts: facts.artifacts,
    };
  });
  return { schemaVersion: 1, generatedAt: (options.now ?? new Date()).toISOString(), services };
}
