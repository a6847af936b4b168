import { stringify } from 'yaml';
import type { CatalogService } from './model.js';

export interface PortalOptions {
  /** Public URL of the docs site (with its base path); links are left out without it. */
  siteUrl?: string;
}

/** Backstage's well-known lifecycles, from the readiness level: production-ready (L4+) is `production`. */
export function lifecycleOf(level: string | null): 'production' | 'experimental' {
  return level !== null && Number(level.slice(1)) >= 4 ? 'production' : 'experimental';
}

/** An owner such as `@acme/orders-team` as a Backstage entity reference (`group:acme/orders-team`). */
export function ownerRef(owner: string | undefined): string {
  if (!owner) return 'group:unknown';
  const bare = owner.replace(/^@/, '').toLowerCase();
  const [ns, name] = bare.includes('/') ? bare.split('/', 2) : ['default', bare];
  return `group:${ns.replace(/[^a-z0-9-]/g, '-')}/${name.replace(/[^a-z0-9._-]/g, '-')}`;
}

const entityName = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]/g, '-');

/**
 * The service's Backstage `catalog-info.yaml`: one Component plus one API entity per OpenAPI / AsyncAPI
 * document (`definition: $text:` the file, relative to where catalog-info.yaml sits: the service folder).
 */
export function catalogInfo(s: CatalogService, options: PortalOptions = {}): string {
  const lifecycle = lifecycleOf(s.level);
  const owner = ownerRef(s.owner);
  const site = options.siteUrl?.replace(/\/$/, '');
  const apis = [
    ...s.artifacts.openapi.map((file) => ({ file, type: 'openapi' })),
    ...s.artifacts.asyncapi.map((file) => ({ file, type: 'asyncapi' })),
  ].map((a, i, all) => ({
    ...a,
    name: entityName(
      all.filter((b) => b.type === a.type).length > 1
        ? `${s.service}-${a.file
            .split('/')
            .pop()!
            .replace(/\.[^.]+$/, '')}-${a.type}`
        : `${s.service}-${a.type}`,
    ),
  }));
  const links = site
    ? [
        { url: `${site}/services/${s.service}/`, title: 'Shipshape catalog page', icon: 'dashboard' },
        { url: `${site}/services/${s.service}/gates`, title: 'Readiness gate matrix', icon: 'checklist' },
        // The site publishes runbooks at runbooks/<file>, wherever the service keeps them.
        ...s.artifacts.runbooks.map((r) => {
          const name = r.split('/').pop()!.replace(/\.md$/, '');
          return {
            url: `${site}/services/${s.service}/runbooks/${name}`,
            title: `Runbook: ${name}`,
            icon: 'help',
          };
        }),
      ]
    : [];
  const component = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: entityName(s.service),
      ...(s.description ? { description: s.description } : {}),
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'shipshape.dev/level': s.level ?? 'none',
        'shipshape.dev/target': s.target,
        ...(s.owner ? { 'shipshape.dev/owner': s.owner } : {}),
      },
      tags: [
        'shipshape',
        ...(s.tier ? [`tier-${s.tier}`] : []),
        `level-${(s.level ?? 'none').toLowerCase()}`,
      ],
      ...(links.length ? { links } : {}),
    },
    spec: {
      type: 'service',
      lifecycle,
      owner,
      ...(apis.length ? { providesApis: apis.map((a) => a.name) } : {}),
    },
  };
  const apiEntities = apis.map((a) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: a.name,
      description: `${a.type === 'openapi' ? 'HTTP API' : 'Events'} of ${s.service}`,
    },
    spec: { type: a.type, lifecycle, owner, definition: { $text: `./${a.file}` } },
  }));
  return [component, ...apiEntities].map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
}
