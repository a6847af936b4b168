import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { catalogInfo, lifecycleOf, ownerRef } from './backstage.js';
import { mkdocsYml } from './mkdocs.js';
import type { CatalogService } from './model.js';

const service = (over: Partial<CatalogService> = {}): CatalogService => ({
  service: 'billing',
  dir: 'services/billing',
  level: 'L2',
  target: 'L4',
  tier: 't1',
  owner: '@acme/billing-team',
  evaluatedAt: '2026-01-01T00:00:00.000Z',
  summary: { GREEN: 1, AMBER: 1, RED: 0 },
  blocking: ['ops.dr_drill'],
  gates: [],
  artifacts: {
    openapi: ['openapi/billing.yaml'],
    asyncapi: ['asyncapi/billing.yaml'],
    runbooks: ['runbooks/billing-high-error-rate.md'],
    docsDir: 'docs',
    docs: ['docs/API_CONTRACT.md', 'docs/SERVICE_OVERVIEW.md'],
    bundle: { API_CONTRACT: 'docs/API_CONTRACT.md', SERVICE_OVERVIEW: 'docs/SERVICE_OVERVIEW.md' },
    alerts: ['ops/alerts.yaml'],
    slos: ['ops/slos.yaml'],
  },
  ...over,
});

describe('catalogInfo', () => {
  it('emits a Component and one API entity per spec, each defined by $text of its file', () => {
    const docs = parseAllDocuments(catalogInfo(service(), { siteUrl: 'https://docs.example.com/kit/' })).map(
      (d) => d.toJS(),
    );
    expect(docs.map((d) => d.kind)).toEqual(['Component', 'API', 'API']);
    const [component, openapi, asyncapi] = docs;
    expect(component.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:acme/billing-team',
      providesApis: ['billing-openapi', 'billing-asyncapi'],
    });
    expect(component.metadata.annotations['backstage.io/techdocs-ref']).toBe('dir:.');
    expect(openapi.spec.definition).toEqual({ $text: './openapi/billing.yaml' });
    expect(asyncapi.spec.type).toBe('asyncapi');
    expect(component.metadata.links).toContainEqual({
      url: 'https://docs.example.com/kit/services/billing/runbooks/billing-high-error-rate',
      title: 'Runbook: billing-high-error-rate',
      icon: 'help',
    });
  });

  it('leaves links out without a site URL and marks L4+ services as production', () => {
    const [component] = parseAllDocuments(catalogInfo(service({ level: 'L4' }))).map((d) => d.toJS());
    expect(component.metadata.links).toBeUndefined();
    expect(component.spec.lifecycle).toBe('production');
  });

  it('derives lifecycle and owner references', () => {
    expect(lifecycleOf(null)).toBe('experimental');
    expect(lifecycleOf('L3')).toBe('experimental');
    expect(lifecycleOf('L5')).toBe('production');
    expect(ownerRef('platform')).toBe('group:default/platform');
    expect(ownerRef(undefined)).toBe('group:unknown');
  });
});

describe('mkdocsYml', () => {
  it('builds the docs/ bundle with techdocs-core, SERVICE_OVERVIEW first', () => {
    const text = mkdocsYml(service());
    expect(text).toContain('docs_dir: docs');
    expect(text).toContain('- techdocs-core');
    expect(text.indexOf('SERVICE_OVERVIEW.md')).toBeLessThan(text.indexOf('API_CONTRACT.md'));
  });

  it('follows the descriptor: its docs folder, bundle roles by role whatever the file name, runbooks elsewhere', () => {
    const adopted = service({
      artifacts: {
        openapi: ['api/openapi.yaml'],
        asyncapi: [],
        runbooks: ['ops/runbooks/billing-down.md'],
        docsDir: 'handbook',
        docs: ['handbook/intro.md', 'handbook/notes.md', 'handbook/security.md', 'ARCHITECTURE.md'],
        bundle: {
          SERVICE_OVERVIEW: 'handbook/intro.md',
          SECURITY_MODEL: 'handbook/security.md',
          DEPLOYMENT_TOPOLOGY: 'ARCHITECTURE.md',
        },
        alerts: [],
        slos: [],
      },
    });
    const mk = parseAllDocuments(mkdocsYml(adopted))[0].toJS();
    expect(mk.docs_dir).toBe('handbook');
    // ARCHITECTURE.md is outside handbook/: TechDocs cannot publish it.
    expect(mk.nav).toEqual([
      { 'Service overview': 'intro.md' },
      { 'Security model': 'security.md' },
      { notes: 'notes.md' },
    ]);
    const [component, api] = parseAllDocuments(
      catalogInfo(adopted, { siteUrl: 'https://docs.example.com/' }),
    ).map((d) => d.toJS());
    expect(api.spec.definition).toEqual({ $text: './api/openapi.yaml' });
    expect(component.metadata.links).toContainEqual({
      url: 'https://docs.example.com/services/billing/runbooks/billing-down',
      title: 'Runbook: billing-down',
      icon: 'help',
    });
  });
});
