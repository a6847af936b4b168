import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError, memoryIO } from '@shipshape/cli-kit';
import { provenanceProblems, type Provenance } from '@shipshape/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../src/cli.js';
import { pairSpecs } from '../src/cli/base.js';
import { asyncapi, openapi, type Doc } from './documents.js';

/**
 * `--base` reads where the specs are from the service descriptor (shipshape.yaml) at the ref and in the working
 * tree — the generated layout where it says nothing — so a spec the descriptor moved is compared, not "removed".
 */
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function repo() {
  const root = await mkdtemp(join(tmpdir(), 'shipshape-diff-descriptor-'));
  made.push(root);
  const svc = join(root, 'services', 'iam');
  const put = async (rel: string, value: Doc | string) => {
    await mkdir(dirname(join(svc, rel)), { recursive: true });
    await writeFile(join(svc, rel), typeof value === 'string' ? value : stringify(value));
  };
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
      cwd: root,
      stdio: 'pipe',
    }).toString();
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  git('init', '-q');
  const diff = async (...extra: string[]) => {
    const io = memoryIO({ cwd: root });
    const code = await run(['--base', 'HEAD', 'services/iam', '--format', 'json', ...extra], io);
    return {
      code,
      io,
      specs: JSON.parse(io.stdout.join('\n')) as {
        file: string;
        base?: string;
        report: { changes: { rule: string }[] };
      }[],
    };
  };
  return { root, svc, put, git, commit, diff };
}

const descriptor = (extra: object) => ({ descriptorVersion: 1, name: 'iam', ...extra });
/** A breaking change: the item path is gone. */
const withoutItem = () => {
  const d = openapi();
  delete d.paths['/api/v1/orders/{orderId}'];
  return d;
};
const titled = (title: string) => {
  const d = openapi();
  d.info.title = title;
  return d;
};

describe('a spec the descriptor moved', () => {
  it('is compared with where it was (generated layout at the ref → api.openapi now), not reported removed', async () => {
    const r = await repo();
    await r.put('openapi/iam.yaml', openapi());
    await r.put('asyncapi/iam.yaml', asyncapi());
    r.commit('generated layout');
    await rm(join(r.svc, 'openapi'), { recursive: true });
    await r.put('contracts/iam-service.yaml', withoutItem());
    await r.put('shipshape.yaml', descriptor({ api: { openapi: ['contracts/iam-service.yaml'] } }));
    const { code, io, specs } = await r.diff();
    expect(specs.map((s) => [s.file, s.base])).toEqual([
      ['services/iam/contracts/iam-service.yaml', 'services/iam/openapi/iam.yaml'],
      ['services/iam/asyncapi/iam.yaml', undefined],
    ]);
    expect(specs[0].report.changes.map((c) => c.rule)).toEqual(['path-removed']);
    expect(specs.flatMap((s) => s.report.changes.map((c) => c.rule))).not.toContain('spec-removed');
    expect(io.stderr).toContain(
      'services/iam/contracts/iam-service.yaml: was services/iam/openapi/iam.yaml at HEAD (moved; compared with it)',
    );
    expect(code).toBe(1);
  });

  it('follows a descriptor that moved its own locations (folder at the ref, another folder and name now, same title)', async () => {
    const r = await repo();
    await r.put('shipshape.yaml', descriptor({ api: { openapi: ['api/'], asyncapi: [] } }));
    await r.put('api/orders.yaml', openapi());
    await r.put('api/admin.yaml', titled('Admin'));
    r.commit('adopted layout');
    await rm(join(r.svc, 'api'), { recursive: true });
    await r.put('spec/public-v1.yaml', openapi());
    await r.put('spec/admin-api.yaml', titled('Admin'));
    await r.put('shipshape.yaml', descriptor({ api: { openapi: ['spec/'], asyncapi: [] } }));
    const { code, specs } = await r.diff();
    expect(specs.map((s) => [s.file, s.base, s.report.changes.length])).toEqual([
      ['services/iam/spec/admin-api.yaml', 'services/iam/api/admin.yaml', 0],
      ['services/iam/spec/public-v1.yaml', 'services/iam/api/orders.yaml', 0],
    ]);
    expect(code).toBe(0);
  });

  it('a spec really gone is still removed (the other one of its kind is paired by name)', async () => {
    const r = await repo();
    await r.put('shipshape.yaml', descriptor({ api: { openapi: ['api/'], asyncapi: [] } }));
    await r.put('api/orders.yaml', openapi());
    await r.put('api/admin.yaml', titled('Admin'));
    r.commit('two specs');
    await rm(join(r.svc, 'api', 'admin.yaml'));
    const { code, specs } = await r.diff();
    expect(specs.map((s) => [s.file, s.report.changes.map((c) => c.rule)])).toEqual([
      ['services/iam/api/orders.yaml', []],
      ['services/iam/api/admin.yaml', ['spec-removed']],
    ]);
    expect(code).toBe(1);
  });
});

describe('diff.json', () => {
  it('goes to reports.diff and carries a provenance record that vouches for the working tree until it changes', async () => {
    const r = await repo();
    await r.put('shipshape.yaml', descriptor({ reports: { dir: 'ci-out' } }));
    const spec = openapi();
    spec.components.schemas.Order = { $ref: './schemas/order.yaml#/Order' };
    await r.put('openapi/iam.yaml', spec);
    await r.put('openapi/schemas/order.yaml', {
      Order: { type: 'object', properties: { id: { type: 'string' } } },
    });
    r.commit('base');
    const head = r.git('rev-parse', 'HEAD').trim();
    await r.diff();
    expect(existsSync(join(r.svc, 'reports'))).toBe(false);
    const evidence = JSON.parse(await readFile(join(r.svc, 'ci-out', 'diff', 'diff.json'), 'utf8')) as {
      tool: string;
      base: string;
      baseCommit: string;
      provenance: Provenance;
      specs: unknown[];
    };
    expect(evidence).toMatchObject({ tool: 'shipshape-diff', base: 'HEAD', baseCommit: head });
    expect(evidence.provenance).toMatchObject({
      service: 'iam',
      tool: 'shipshape-diff',
      commit: head,
      inputs: ['openapi/iam.yaml', 'openapi/schemas/order.yaml', 'shipshape.yaml'],
    });
    const expectation = { serviceDir: r.svc, service: 'iam', tools: ['shipshape-diff'] };
    expect(provenanceProblems(evidence.provenance, expectation)).toEqual([]);
    // a change to a file it judged (even one only reached through $ref) voids it
    await r.put('openapi/schemas/order.yaml', { Order: { type: 'object' } });
    expect(provenanceProblems(evidence.provenance, expectation)).toContain(
      'the inputs it judged have changed since it was written',
    );
  });

  it('--report-dir still wins', async () => {
    const r = await repo();
    await r.put('openapi/iam.yaml', openapi());
    r.commit('base');
    await r.diff('--report-dir', 'elsewhere');
    expect(existsSync(join(r.root, 'elsewhere', 'diff.json'))).toBe(true);
    expect(existsSync(join(r.svc, 'reports', 'diff'))).toBe(false);
  });
});

describe('an invalid descriptor: exit 2 with one line', () => {
  it('in the working tree', async () => {
    const r = await repo();
    await r.put('openapi/iam.yaml', openapi());
    r.commit('base');
    await r.put('shipshape.yaml', descriptor({ api: { opneapi: ['x.yaml'] } }));
    const error = await r.diff().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('services/iam/shipshape.yaml: unknown key api.opneapi');
  });

  it('at the ref', async () => {
    const r = await repo();
    await r.put('openapi/iam.yaml', openapi());
    await r.put('shipshape.yaml', descriptor({ tier: 'gold' }));
    r.commit('base');
    await r.put('shipshape.yaml', descriptor({ tier: 't1' }));
    const error = await r.diff().catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'services/iam/shipshape.yaml at HEAD: tier must be one of t0, t1, t2 (got "gold")',
    );
  });
});

describe('pairSpecs', () => {
  const s = (rel: string, kind: 'openapi' | 'asyncapi', title?: string) => ({ rel, kind, title });
  it('same path, then same name, then same title, then the only one left — never across kinds', () => {
    const now = [
      s('b/x.yaml', 'openapi', 'X'),
      s('b/y.yaml', 'openapi', 'Y2'),
      s('b/e.yaml', 'asyncapi', 'E'),
    ];
    const then = [
      s('a/e.yaml', 'openapi', 'E'),
      s('a/x.yaml', 'openapi', 'other'),
      s('a/z.yaml', 'asyncapi', 'E'),
    ];
    const { pairs, removed } = pairSpecs(now, then);
    expect(pairs.map((p) => [p.current.rel, p.base?.rel])).toEqual([
      ['b/x.yaml', 'a/x.yaml'],
      ['b/y.yaml', 'a/e.yaml'],
      ['b/e.yaml', 'a/z.yaml'],
    ]);
    expect(removed).toEqual([]);
  });
});
