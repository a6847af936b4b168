import { DescriptorError, resolveLayout } from '@shipshape/contracts';
import { discoverServices } from './discover.js';
import { conformanceSummary, diffSummary, lintSummary, serviceFacts } from './facts.js';
import type { Catalog, CatalogService } from './model.js';
import { readReadiness } from './readiness-source.js';

export interface CollectOptions {
  /** Folder(s) holding the services, relative to the root (default `services` and `examples`). */
  servicesDirs?: string | readonly string[];
  now?: Date;
  /** Folder to keep readiness results in between runs (see ReadinessCache); none by default. */
  cacheDir?: string;
  onService?: (dir: string, ms: number, cached: boolean) => void;
}

/** Two folders that call themselves the same service: their pages and portal entities would collide. */
export class DuplicateServiceError extends Error {
  constructor(
    readonly service: string,
    readonly dirs: string[],
  ) {
    super(`two services are named ${service}: ${dirs.join(' and ')} (rename one in its shipshape.yaml)`);
  }
}

/** The catalog of a workspace: every service with its level, gates and evidence. */
export async function collectCatalog(root: string, options: CollectOptions = {}): Promise<Catalog> {
  const folders = discoverServices(root, options.servicesDirs);
  // Every artifact location comes from the service's descriptor, the generated layout where it is silent.
  // Resolved first: an invalid descriptor stops the catalog before minutes of judging, naming its folder.
  const layouts = new Map(
    folders.map((folder) => {
      try {
        return [folder.dir, resolveLayout(folder.path)] as const;
      } catch (error) {
        if (error instanceof DescriptorError) throw new DescriptorError(`${folder.dir}/${error.message}`);
        throw error;
      }
    }),
  );
  const readiness = await readReadiness(folders, options);
  const services: CatalogService[] = folders.map((folder) => {
    const r = readiness.services.find((e) => e.dir === folder.dir)!;
    const layout = layouts.get(folder.dir)!;
    const facts = serviceFacts(folder.path, layout);
    const conformance = conformanceSummary(folder.path, layout);
    const lint = lintSummary(folder.path, layout);
    const diff = diffSummary(folder.path, layout);
    return {
      service: r.service,
      dir: folder.dir,
      ...(facts.description ? { description: facts.description } : {}),
      level: r.level,
      target: r.target,
      ...(r.tier ? { tier: r.tier } : {}),
      ...(r.owner ? { owner: r.owner } : {}),
      ...(facts.org ? { org: facts.org } : {}),
      ...(facts.adopted ? { adopted: true } : {}),
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
  for (const s of services) {
    const same = services.filter((o) => o.service === s.service);
    if (same.length > 1)
      throw new DuplicateServiceError(
        s.service,
        same.map((o) => o.dir),
      );
  }
  return { schemaVersion: 1, generatedAt: (options.now ?? new Date()).toISOString(), services };
}
