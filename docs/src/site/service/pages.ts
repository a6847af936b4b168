import { posix } from 'node:path';
import type { CatalogService } from '@shipshape/catalog';
import { BUNDLE_DOCS } from '@shipshape/contracts';

/** One Markdown file of a service rendered as a site page. */
export interface ServicePage {
  /** The file, relative to the service folder (where its descriptor puts it). */
  rel: string;
  /** The page, relative to the service's site folder, without `.md`: `docs/<ROLE|name>` or `runbooks/<name>`. */
  page: string;
  title: string;
}

/**
 * Where each doc and runbook of a service is published. The site's URLs do not follow the service's layout:
 * a bundle doc is `docs/<ROLE>` whatever its file is called (`docs/overview.md` playing SERVICE_OVERVIEW is
 * `docs/SERVICE_OVERVIEW`), the docs folder's other files `docs/<name>`, runbooks `runbooks/<name>` wherever
 * the descriptor keeps them — so every service reads the same way and every page sits one level deep.
 */
export class ServicePages {
  readonly docs: ServicePage[] = [];
  readonly runbooks: ServicePage[] = [];
  private readonly byRel = new Map<string, ServicePage>();

  constructor(s: Pick<CatalogService, 'artifacts'>) {
    const { bundle, docs, runbooks } = s.artifacts;
    const taken = new Set<string>();
    const add = (list: ServicePage[], rel: string, page: string, title: string) => {
      if (this.byRel.has(rel)) return;
      let unique = page;
      for (let i = 2; taken.has(unique.toLowerCase()); i++) unique = `${page}-${i}`;
      taken.add(unique.toLowerCase());
      const entry = { rel, page: unique, title };
      list.push(entry);
      this.byRel.set(rel, entry);
    };
    for (const { role } of BUNDLE_DOCS) {
      const rel = bundle[role];
      if (rel) add(this.docs, rel, `docs/${role}`, role.replace(/_/g, ' '));
    }
    for (const rel of docs) {
      const name = posix.basename(rel, '.md');
      add(this.docs, rel, `docs/${slugOf(name)}`, name.replace(/_/g, ' '));
    }
    for (const rel of runbooks) {
      const name = posix.basename(rel, '.md');
      add(this.runbooks, rel, `runbooks/${slugOf(name)}`, name);
    }
  }

  /** The page a service file is published as, or undefined. */
  of(rel: string): ServicePage | undefined {
    return this.byRel.get(rel);
  }

  /** The runbook page of a runbook file name (`iam-high-error-rate`), or undefined. */
  runbook(name: string): ServicePage | undefined {
    return this.runbooks.find((r) => posix.basename(r.rel, '.md') === name);
  }
}

/** A file name as a URL segment (the names services use are already safe; anything else becomes `-`). */
const slugOf = (name: string) => name.replace(/[^\w.-]+/g, '-');
