import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/catalog.js';
import { createContext, type ContextOptions, type EvalContext } from '../src/context.js';
import type { ConformanceCheck } from '../src/artifacts/conformance.js';
import { makeProvenance } from '../src/provenance.js';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ORDERS_DIR = resolve(PACKAGE_DIR, '..', '..', 'services', 'orders');
export const FIXTURES = join(PACKAGE_DIR, 'test', 'fixtures');

const made: string[] = [];

/** The report version the evaluator accepts as current (it relints when a report is from another version). */
const LINT_VERSION = (
  JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('@shipshape/lint/package.json'), 'utf8'),
  ) as {
    version: string;
  }
).version;

/** A throwaway service folder with exactly these files (paths relative to it). */
export async function makeService(files: Record<string, string>, name = 'svc'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'readiness-'));
  made.push(root);
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** A copy of the committed example service (without its local reports, dependencies and data). */
export async function copyOrders(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'readiness-orders-'));
  made.push(root);
  const dir = join(root, 'orders');
  await cp(ORDERS_DIR, dir, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|reports|\.data|dist|readiness\.yaml|badges)$/.test(src),
  });
  return dir;
}

export async function cleanup(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export function context(dir: string, options: ContextOptions = {}): Promise<EvalContext> {
  return createContext(dir, loadCatalog(), options);
}

/** Writes a conformance report with these checks into the service's default report folder, dated now. */
export async function writeConformance(
  dir: string,
  checks: Partial<ConformanceCheck>[],
  startedAt = new Date(),
  provenance: 'stamp' | 'none' | Record<string, unknown> = 'stamp',
): Promise<string> {
  const file = join(dir, 'reports', 'conformance', 'conformance.json');
  await mkdir(dirname(file), { recursive: true });
  const full = checks.map((c, i) => ({
    id: `x.check${i}`,
    area: 'x',
    status: 'pass',
    gate: 'x',
    detail: '',
    ...c,
  }));
  await writeFile(
    file,
    JSON.stringify(
      {
        tool: 'shipshape-conformance',
        startedAt: startedAt.toISOString(),
        checks: full,
        ...(provenance === 'none'
          ? {}
          : {
              provenance:
                provenance === 'stamp'
                  ? await makeProvenance(dir, 'svc', 'shipshape conformance', '0.1.0', [
                      'openapi',
                      'src',
                      'migrations',
                    ])
                  : provenance,
            }),
      },
      null,
      2,
    ),
  );
  return file;
}

/** Writes a fresh lint report whose gates are as given (the evaluators read it instead of linting). */
export async function writeLint(
  dir: string,
  gates: { id: string; status: 'pass' | 'fail'; errors?: number }[],
  findings: { gate: string; file: string; line: number; message: string; rule: string }[] = [],
): Promise<void> {
  const file = join(dir, 'reports', 'lint', 'lint.json');
  await mkdir(dirname(file), { recursive: true });
  const provenance = await makeProvenance(dir, 'svc', 'shipshape lint', LINT_VERSION, [
    'openapi',
    'asyncapi',
    'errors',
    'ops',
    'runbooks',
  ]);
  await writeFile(
    file,
    JSON.stringify({
      provenance,
      tool: 'shipshape-lint',
      version: LINT_VERSION,
      service: 'svc',
      serviceDir: dir,
      startedAt: new Date(Date.now() + 1000).toISOString(),
      durationMs: 1,
      files: [],
      summary: { errors: findings.length, warnings: 0, infos: 0 },
      gates: gates.map((g) => ({
        id: g.id,
        status: g.status,
        errors: g.errors ?? 0,
        warnings: 0,
        rules: ['rule-a', 'rule-b'],
      })),
      findings: findings.map((f) => ({ ...f, column: 1, severity: 'error' })),
    }),
  );
}
