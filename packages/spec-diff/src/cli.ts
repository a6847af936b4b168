import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import { DiffInputError, diffTexts } from './diff.js';
import { gitRoot, listAt, refExists, showAt } from './git.js';
import type { DiffReport } from './types.js';

const FLAGS = {
  base: {
    type: 'string',
    value: '<git-ref>',
    description: "Compare a service's specs with their version at this git ref",
  },
  format: {
    type: 'string',
    value: 'text|json',
    description: 'Output format',
    default: 'text',
    choices: ['text', 'json'],
  },
  'report-dir': {
    type: 'string',
    value: '<dir>',
    description: 'With --base: where diff.json goes (default <service-dir>/reports/diff)',
  },
} as const;
const USAGE = 'shipshape diff <old-spec> <new-spec> | shipshape diff --base <git-ref> <service-dir>';
const SUMMARY = [
  'Breaking-change report between two versions of an OpenAPI 3.x or AsyncAPI 3.x document: each change',
  'classed breaking / non-breaking with its JSON pointer. Exit 1 on a breaking change unless',
  "info.version's major was bumped; 2 when it cannot run.",
].join('\n');

interface Compared {
  file: string;
  report: DiffReport;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
}

async function specsOf(serviceDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of ['openapi', 'asyncapi']) {
    const files = await readdir(join(serviceDir, sub)).catch(() => [] as string[]);
    out.push(
      ...files
        .filter((f) => /\.(ya?ml|json)$/i.test(f))
        .sort()
        .map((f) => join(serviceDir, sub, f)),
    );
  }
  return out;
}

async function againstBase(ref: string, dir: string, io: CliIO): Promise<Compared[]> {
  const serviceDir = resolve(io.cwd, dir);
  const root = await gitRoot(serviceDir).catch(() => {
    throw new UsageError(`${dir} is not inside a git repository`);
  });
  if (!(await refExists(root, ref))) throw new UsageError(`unknown git ref ${ref}`);
  const compared: Compared[] = [];
  const current = await specsOf(serviceDir);
  const currentRel = new Set(current.map((f) => relative(root, f).split(sep).join('/')));
  for (const file of current) {
    const old = await showAt(root, ref, file);
    if (old === undefined) continue; // new spec: nothing to break
    compared.push({
      file: relative(io.cwd, file),
      report: diffTexts(old, await readText(file), [`${file}@${ref}`, file]),
    });
  }
  // A spec deleted since the base removes everything it described.
  const relDir = relative(root, serviceDir).split(sep).join('/');
  for (const sub of ['openapi', 'asyncapi']) {
    for (const name of await listAt(root, ref, relDir ? `${relDir}/${sub}` : sub)) {
      const rel = `${relDir ? relDir + '/' : ''}${sub}/${name}`;
      if (!/\.(ya?ml|json)$/i.test(name) || currentRel.has(rel)) continue;
      io.err(`${rel}: removed since ${ref} (every path, channel and message it described is gone)`);
      compared.push({
        file: rel,
        report: {
          kind: sub === 'openapi' ? 'openapi' : 'asyncapi',
          gate: sub === 'openapi' ? 'api.versioning' : 'events.schema_registry',
          oldVersion: undefined,
          newVersion: undefined,
          majorBumped: false,
          breaking: 1,
          nonBreaking: 0,
          changes: [
            { rule: 'spec-removed', class: 'breaking', pointer: '', message: `${basename(rel)} was deleted` },
          ],
          failed: true,
        },
      });
    }
  }
  return compared;
}

/** `shipshape diff`: the command module. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals, help } = parseFlags(argv, FLAGS);
  if (help) {
    io.out(renderHelp(USAGE, SUMMARY, FLAGS));
    return EXIT_OK;
  }
  const format = flags.format ?? 'text';
  let compared: Compared[];
  try {
    if (flags.base !== undefined) {
      if (positionals.length !== 1) throw new UsageError('--base takes exactly one service directory');
      compared = await againstBase(flags.base, positionals[0], io);
      // Evidence for the readiness evaluator (api.versioning, events.schema_registry).
      const dir = flags['report-dir']
        ? resolve(io.cwd, flags['report-dir'])
        : join(resolve(io.cwd, positionals[0]), 'reports', 'diff');
      await mkdir(dir, { recursive: true });
      const evidence = {
        tool: 'shipshape-diff',
        base: flags.base,
        comparedAt: new Date().toISOString(),
        specs: compared,
      };
      await writeFile(join(dir, 'diff.json'), JSON.stringify(evidence, null, 2) + '\n');
    } else {
      if (positionals.length !== 2)
        throw new UsageError('expected <old-spec> <new-spec> (or --base <git-ref> <service-dir>)');
      if (flags['report-dir']) throw new UsageError('--report-dir goes with --base');
      const [oldPath, newPath] = positionals.map((p) => resolve(io.cwd, p));
      const report = diffTexts(await readText(oldPath), await readText(newPath), [
        positionals[0],
        positionals[1],
      ]);
      compared = [{ file: positionals[1], report }];
    }
  } catch (error) {
    if (error instanceof DiffInputError) throw new UsageError(error.message);
    throw error;
  }
  if (format === 'json') {
    io.out(
      JSON.stringify(
        compared.length === 1 && flags.base === undefined ? compared[0].report : compared,
        null,
        2,
      ),
    );
  } else {
    for (const { file, report } of compared) {
      for (const c of report.changes) io.out(`${file}#${c.pointer} ${c.class} ${c.rule} ${c.message}`);
      const verdict = report.failed
        ? 'FAIL: breaking change without a major version bump'
        : report.breaking > 0
          ? 'ok: breaking changes allowed by the major version bump'
          : 'ok';
      io.err(
        `${file}: ${report.breaking} breaking, ${report.nonBreaking} non-breaking (${report.oldVersion ?? '?'} → ${report.newVersion ?? '?'}) ${verdict}`,
      );
    }
  }
  return compared.some((c) => c.report.failed) ? EXIT_FINDINGS : EXIT_OK;
}
