/**
 * A service whose descriptor puts every artifact somewhere other than the generated layout, with decoys in
 * the generated layout's places: the site must render what the descriptor names and nothing from the
 * defaults. (Reading `openapi/` instead of `api.openapi` would render the decoy's title and operations.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCatalog, type CatalogService } from '@shipshape/catalog';
import { loadCatalog } from '@shipshape/readiness';
import { SiteWriter } from '../util.js';
import { renderService } from './render.js';

const root = mkdtempSync(join(tmpdir(), 'docs-layout-'));
const svc = join(root, 'examples', 'ledger');
const out = join(root, 'site');
const page = (rel: string) => readFileSync(join(out, 'services', 'ledger', rel), 'utf8');
const put = (rel: string, text: string) => {
  mkdirSync(join(svc, rel, '..'), { recursive: true });
  writeFileSync(join(svc, rel), text);
};
const openapi = (title: string, path: string, operationId: string) =>
  [
    'openapi: 3.1.0',
    `info: { title: ${title}, version: 2.0.0 }`,
    'paths:',
    `  ${path}:`,
    '    get:',
    `      operationId: ${operationId}`,
    `      summary: ${operationId} summary`,
    "      responses: { '200': { description: ok } }",
    '',
  ].join('\n');

let service: CatalogService;

beforeAll(async () => {
  put(
    'shipshape.yaml',
    [
      'descriptorVersion: 1',
      'name: ledger',
      'adopted: true',
      'api: { openapi: [contracts/http.yaml], asyncapi: [] }',
      'docs: { dir: handbook, bundle: { SERVICE_OVERVIEW: handbook/intro.md } }',
      'runbooks: { dir: ops/runbooks, urlPattern: "https://wiki.example.com/ledger/{slug}" }',
      'ops: { alerts: [monitoring/rules.yml], slos: [] }',
      '',
    ].join('\n'),
  );
  put('contracts/http.yaml', openapi('Ledger HTTP API', '/entries', 'listEntries'));
  put(
    'handbook/intro.md',
    '# Ledger\n\nSee the [data model](./DATA_MODEL.md#tables), the [runbook](../ops/runbooks/ledger-down.md) and the [spec](../contracts/http.yaml).\n',
  );
  put('handbook/DATA_MODEL.md', '# Data model\n\n## Tables\n\nentries\n');
  put('ops/runbooks/ledger-down.md', '# LedgerDown\n\nThe alert fires when ledger is down.\n');
  put(
    'monitoring/rules.yml',
    [
      'groups:',
      '  - name: ledger',
      '    rules:',
      '      - alert: LedgerDown',
      '        expr: up == 0',
      '        annotations: { summary: ledger is down, runbook_url: ops/runbooks/ledger-down.md }',
      '      - alert: LedgerSlowWrites',
      '        expr: vector(1)',
      '        annotations: { summary: writes are slow }',
      '',
    ].join('\n'),
  );
  // Decoys where the generated layout would look.
  put('openapi/decoy.yaml', openapi('Decoy API', '/decoys', 'listDecoys'));
  put('docs/SERVICE_OVERVIEW.md', '# Decoy overview\n');
  put('runbooks/decoy.md', '# Decoy runbook\n');
  put('ops/alerts.yaml', 'groups: [{ name: d, rules: [{ alert: DecoyAlert, expr: up }] }]\n');

  const catalog = await collectCatalog(root);
  service = catalog.services.find((s) => s.service === 'ledger')!;
  await renderService(root, service, loadCatalog(), new SiteWriter(out));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a service page from the locations its descriptor names', () => {
  it('is discovered under examples/ and shown as adopted', () => {
    expect(service.dir).toBe('examples/ledger');
    expect(service.adopted).toBe(true);
    expect(page('index.md')).toContain('<span class="ss-tag">adopted</span>');
  });

  it('renders the OpenAPI document the descriptor points at, not the one in openapi/', () => {
    const api = page('api.md');
    expect(api).toContain('<code>contracts/http.yaml</code></a> — Ledger HTTP API 2.0.0');
    expect(api).toContain('| GET | `/entries` | `listEntries` |');
    expect(api).toContain('<RedocView spec="http.openapi.json" />');
    const json = readFileSync(join(out, 'public/services/ledger/http.openapi.json'), 'utf8');
    expect((JSON.parse(json) as { info: { title: string } }).info.title).toBe('Ledger HTTP API');
    expect(api).not.toMatch(/decoy/i);
    expect(existsSync(join(out, 'public/services/ledger/decoy.openapi.json'))).toBe(false);
  });

  it('publishes the bundle by role and the runbooks from their folders, links rewritten to pages', () => {
    const overview = page('docs/SERVICE_OVERVIEW.md');
    expect(overview).toContain('# Ledger');
    expect(overview).toContain('[data model](../docs/DATA_MODEL.md#tables)');
    expect(overview).toContain('[runbook](../runbooks/ledger-down.md)');
    expect(overview).toContain('<a href="../source/contracts/http.yaml.html" target="_self">spec</a>');
    expect(overview).toContain('Rendered from <a href="../source/handbook/intro.md.html"');
    expect(page('runbooks/ledger-down.md')).toContain('The alert fires when ledger is down.');
    expect(existsSync(join(out, 'services/ledger/runbooks/decoy.md'))).toBe(false);
    expect(page('index.md')).toContain('- [SERVICE OVERVIEW](./docs/SERVICE_OVERVIEW) — `handbook/intro.md`');
  });

  it('lists the alerts of the rule files it names, each with its runbook page or wiki page', () => {
    const slos = page('slos.md');
    expect(slos).toContain('<code>monitoring/rules.yml</code>');
    expect(slos).toMatch(/`LedgerDown`.*\[ledger-down\]\(\.\/runbooks\/ledger-down\)/);
    expect(slos).toMatch(/`LedgerSlowWrites`.*\(https:\/\/wiki\.example\.com\/ledger\/ledger-slow-writes\)/);
    expect(slos).not.toContain('DecoyAlert');
    expect(slos).toContain("No SLO file: the service's descriptor lists none.");
  });
});
