/**
 * The 17-doc bundle and the README summary, rendered from the orders fixture: every fact comes from the model
 * (routes, codes, events, tables, alerts, SLOs, env), the `TODO(owner):` markers sit only where a person must
 * decide, and every relative link resolves inside the generated service.
 */
import { describe, expect, it } from 'vitest';
import { renderService, type ServiceModel } from '../src/index.js';
import { gateCatalog, headingAnchor, opsMetrics, percent } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { renderBundle } from './render-bundle.js';

const model = ordersModel();
const files = renderBundle(model);
const doc = (id: string) => {
  const content = files.get(`docs/${id}.md`);
  if (content === undefined) throw new Error(`docs/${id}.md not rendered`);
  return content;
};

/** Where a person must decide: the exact number of markers per file. */
const EXPECTED_TODOS: Record<string, number> = {
  'README.md': 1, // purpose
  'docs/SERVICE_OVERVIEW.md': 1, // purpose and scope
  'docs/DOMAIN_MODEL.md': 2, // business invariants (per aggregate), domain terms
  'docs/EVENT_CATALOG.md': 1, // consumers
  'docs/DATA_MODEL.md': 1, // retention and erasure
  'docs/SECURITY_MODEL.md': 3, // authorisation, data classification, security contact
  'docs/THREAT_MODEL.md': 2, // domain threats, first review
  'docs/OBSERVABILITY.md': 1, // paging rotation
  'docs/TESTING_STRATEGY.md': 1, // failure experiments
  'docs/MIGRATION_PLAN.md': 1, // data from an existing system
  'docs/DEPLOYMENT_TOPOLOGY.md': 1, // environments
  'docs/DISASTER_RECOVERY.md': 2, // objectives agreed, first drill
  'docs/SERVICE_READINESS.md': 2, // security and SRE sign-off
  'docs/SYNC_CONTRACT.md': 1, // confirm no client syncs (then attest sync.* not applicable)
  'docs/AI_INTEGRATION.md': 1, // confirm no AI model is called (then attest ai.* not applicable)
};

describe('the bundle files', () => {
  it('renders the 17 docs of the model, the README and nothing else into docs/', () => {
    expect(model.docs).toHaveLength(17);
    for (const d of model.docs) expect(files.has(d.file), d.file).toBe(true);
    const docsFiles = [...files.keys()].filter((f) => f.startsWith('docs/'));
    expect(docsFiles.sort()).toEqual(model.docs.map((d) => d.file).sort());
    expect(files.has('README.md')).toBe(true);
  });

  it('never renders undefined, NaN, [object Object] or an unfilled placeholder', () => {
    for (const [path, content] of files) {
      // JavaScript may say `undefined` and use `${}`; everything else is data or prose.
      const forbidden = /\.m?js$/.test(path)
        ? /\bNaN\b|\[object Object\]|<%|%>/
        : /\bundefined\b|\bNaN\b|\[object Object\]|\$\{(?!datasource\})[\w.-]+\}|<%|%>/;
      expect(content, path).not.toMatch(forbidden);
    }
  });

  it('puts TODO(owner): markers only where a person must decide', () => {
    for (const [path, content] of files) {
      if (!path.endsWith('.md')) continue;
      const count = content.split(model.todo).length - 1;
      expect(count, path).toBe(EXPECTED_TODOS[path] ?? 0);
      // Each marker says what to write.
      for (const m of content.matchAll(/TODO\(owner\):(.*)/g))
        expect(m[1].trim().length, path).toBeGreaterThan(10);
    }
  });

  it('uses exactly the marker of the model', () => {
    // No other to-do spelling; the catalog may name the marker (`TODO(owner)` without the colon is not one).
    for (const [path, content] of files) expect(content.match(/TODO(?!\(owner\))/g) ?? [], path).toEqual([]);
  });
});

describe('README summary', () => {
  const readme = files.get('README.md')!;
  it('links all 17 docs and shows one badge per gate group', () => {
    for (const d of model.docs) expect(readme).toContain(`](${d.file})`);
    for (const g of gateCatalog()) expect(readme).toContain(`![${g.name}](docs/badges/${g.id}.svg)`);
  });
  it('states tier, owner, counts and SLOs from the model', () => {
    expect(readme).toContain(`| Tier | ${model.tier} |`);
    expect(readme).toContain(`| Owner | ${model.owner} |`);
    expect(readme).toContain(`${model.routes.length} operations`);
    expect(readme).toContain(`${model.alerts.length} rules`);
    for (const a of model.alerts) expect(readme).toContain(`](${a.runbook})`);
  });
});

describe('facts come from the model', () => {
  it('API_CONTRACT lists every route with its operation, status and error codes', () => {
    const api = doc('API_CONTRACT');
    for (const r of model.routes) {
      expect(api).toContain(`| \`${r.method}\` | \`${r.path}\` | [\`${r.operationId}\`]`);
      const section = api.slice(api.indexOf(`### ${r.operationId}`));
      expect(section).toContain(`Success: **${r.successStatus}**`);
      for (const code of r.errorCodes) expect(section).toContain(`\`${code}\``);
    }
  });
  it('ERROR_CODES lists every registered code once with status and title', () => {
    const errors = doc('ERROR_CODES');
    for (const e of model.errorCodes) {
      expect(errors).toContain(`<a id="${headingAnchor(e.code)}"></a>\`${e.code}\` | ${e.status} |`);
    }
    expect(errors.split('<a id=').length - 1).toBe(model.errorCodes.length);
  });
  it('EVENT_CATALOG and DOMAIN_MODEL list every event', () => {
    for (const e of model.events) {
      expect(doc('EVENT_CATALOG')).toContain(`### ${e.type}`);
      expect(doc('DOMAIN_MODEL')).toContain(`\`${e.type}\``);
    }
  });
  it('DATA_MODEL lists every table, column and index with its RLS state', () => {
    const data = doc('DATA_MODEL');
    for (const t of model.tables) {
      expect(data).toContain(`## ${t.name}`);
      expect(data).toContain(`| [\`${t.name}\`](#${headingAnchor(t.name)}) |`);
      for (const c of t.columns)
        expect(data).toContain(`| \`${c.name}\` | \`${c.type}\` | ${c.nullable ? 'yes' : 'no'} |`);
      for (const i of t.indexes)
        expect(data).toContain(`| \`${i.name}\` | ${i.columns.map((c) => `\`${c}\``).join(', ')} |`);
    }
    expect(data.match(/enabled \+ forced/g)).toHaveLength(model.tables.filter((t) => t.rls).length);
  });
  it('OBSERVABILITY lists every metric, SLO and alert (the alert table between markers)', () => {
    const obs = doc('OBSERVABILITY');
    for (const m of opsMetrics()) expect(obs).toContain(`| \`${m.name}\` | ${m.type} |`);
    for (const s of model.slos) expect(obs).toContain(`| ${s.name} | ${percent(s.objective)}`);
    const table = obs.slice(
      obs.indexOf('<!-- shipshape:alerts:begin -->'),
      obs.indexOf('<!-- shipshape:alerts:end -->'),
    );
    for (const a of model.alerts) expect(table).toContain(`| \`${a.name}\` | ${a.severity} | ${a.for} |`);
    expect(table.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(model.alerts.length);
  });
  it('TESTING_STRATEGY has the §9 load baseline with the SLO thresholds', () => {
    const testing = doc('TESTING_STRATEGY');
    expect(testing).toContain('## 9. Load baseline');
    const p95 = model.slos.find((s) => s.id === 'latency-p95')!.thresholdMs;
    const p99 = model.slos.find((s) => s.id === 'latency-p99')!.thresholdMs;
    expect(testing).toContain(`| \`http_req_duration\` p95 | < ${p95} ms |`);
    expect(testing).toContain(`| \`http_req_duration\` p99 | < ${p99} ms |`);
  });
  it('LOCAL_DEV_SETUP and DEPLOYMENT_TOPOLOGY list every environment variable', () => {
    for (const e of model.env) {
      expect(doc('LOCAL_DEV_SETUP')).toContain(`| \`${e.name}\` |`);
      expect(doc('DEPLOYMENT_TOPOLOGY')).toContain(`| \`${e.name}\` |`);
    }
  });
  it('SERVICE_READINESS has every seed gate, the levels and the evaluator region', () => {
    const readiness = doc('SERVICE_READINESS');
    for (const g of gateCatalog())
      for (const gate of g.gates) expect(readiness).toContain(`| \`${gate.id}\` |`);
    for (const l of ['L0', 'L1', 'L2', 'L3', 'L4', 'L5']) expect(readiness).toContain(`| ${l} — `);
    expect(readiness).toMatch(/<!-- shipshape:readiness:begin -->[\s\S]+<!-- shipshape:readiness:end -->/);
    expect(readiness).toContain('target level is **L4**');
    for (const g of gateCatalog()) expect(readiness).toContain(`![${g.name}](badges/${g.id}.svg)`);
  });
  it('does not declare sync or AI out of scope at birth: a person confirms it by an attestation', () => {
    for (const id of ['SYNC_CONTRACT', 'AI_INTEGRATION']) {
      expect(doc(id).startsWith('---\n'), id).toBe(false);
      expect(doc(id), id).toMatch(/TODO\(owner\): confirm .* attests it/);
    }
    // The groups the readiness catalog ties to a doc are exactly these two.
    expect(
      gateCatalog()
        .filter((g) => g.applicability)
        .map((g) => g.applicability)
        .sort(),
    ).toEqual(['AI_INTEGRATION', 'SYNC_CONTRACT']);
  });
});

describe('a second aggregate', () => {
  const two: ServiceModel = ordersModel('t0', ['line-item']);
  const bundle = renderBundle(two);
  it('documents both aggregates in the domain, API, events, data and security docs', () => {
    for (const r of two.resources) {
      expect(bundle.get('docs/DOMAIN_MODEL.md')).toContain(`## ${r.names.className}`);
      expect(bundle.get('docs/DATA_MODEL.md')).toContain(`## ${r.table}`);
      expect(bundle.get('docs/SECURITY_MODEL.md')).toContain(`\`${r.table}.name\``);
    }
    for (const route of two.routes)
      expect(bundle.get('docs/API_CONTRACT.md')).toContain(`### ${route.operationId}`);
    expect(bundle.get('docs/SERVICE_READINESS.md')).toContain('target level is **L4**');
    // One invariants marker per aggregate, plus the glossary one.
    expect(bundle.get('docs/DOMAIN_MODEL.md')!.split(two.todo).length - 1).toBe(two.resources.length + 1);
  });
});

describe('links', () => {
  const service = renderService(model).service;
  const all = new Map(service.map((f) => [f.path, f.content]));
  const exists = (path: string) =>
    all.has(path) || [...all.keys()].some((p) => p.startsWith(`${path.replace(/\/$/, '')}/`));
  const anchorsOf = (content: string) =>
    new Set([
      ...[...content.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1])),
      ...[...content.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]),
    ]);

  it('renderService includes the bundle exactly as rendered here', () => {
    for (const [path, content] of files) expect(all.get(path), path).toBe(content);
  });

  it('every relative link and anchor of the docs, README and runbooks resolves', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const [path, content] of files) {
      if (!path.endsWith('.md')) continue;
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      for (const m of content.matchAll(/\]\(([^)\s]+)\)/g)) {
        const href = m[1];
        if (/^[a-z]+:/.test(href)) continue;
        checked++;
        const [file, fragment] = href.split('#');
        const target = file === '' ? path : normalize(dir ? `${dir}/${file}` : file);
        // Badges are written later by the readiness evaluator.
        if (/^docs\/badges\/[a-z]+\.svg$/.test(target)) continue;
        if (!exists(target)) {
          broken.push(`${path}: ${href} (no ${target})`);
          continue;
        }
        if (fragment && !anchorsOf(all.get(target) ?? '').has(fragment))
          broken.push(`${path}: ${href} (no #${fragment})`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}
