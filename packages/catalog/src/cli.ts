import { relative, resolve } from 'node:path';
import { parseFlags, renderHelp, UsageError, type CliIO } from '@shipshape/cli-kit';
import { DescriptorError } from '@shipshape/contracts';
import { ReadinessInputError } from '@shipshape/readiness';
import { collectCatalog, DuplicateServiceError } from './collect.js';
import { SERVICE_DIRS } from './discover.js';
import { writeCatalog } from './write.js';

const usage =
  'shipshape catalog [--root <dir>] [--out <dir>] [--site-url <url>] [--portal-files service|out]';
const summary =
  'Writes catalog.json (every service with its level, gates and evidence) and, per service, a Backstage catalog-info.yaml and a TechDocs mkdocs.yml.';
const flags = {
  root: {
    type: 'string',
    value: '<dir>',
    description: `workspace root (its services are the folders under ${SERVICE_DIRS.map((d) => `${d}/`).join(' and ')})`,
    default: '.',
  },
  out: {
    type: 'string',
    value: '<dir>',
    description: 'folder for catalog.json (relative to the root)',
    default: 'dist/catalog',
  },
  'site-url': {
    type: 'string',
    value: '<url>',
    description:
      'public URL of the docs site; catalog-info.yaml links to its service, gate and runbook pages',
  },
  'portal-files': {
    type: 'string',
    value: '<where>',
    description:
      'service: catalog-info.yaml + mkdocs.yml beside each service docs/; out: under <out>/<service>/',
    default: 'service',
    choices: ['service', 'out'],
  },
} as const;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(argv, flags);
  if (parsed.help) {
    io.out(renderHelp(usage, summary, flags));
    return 0;
  }
  if (parsed.positionals.length) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  const siteUrl = parsed.flags['site-url'];
  if (siteUrl !== undefined && !/^https?:\/\/\S+$/.test(siteUrl)) {
    throw new UsageError(`--site-url "${siteUrl}" is not an http(s) URL`);
  }
  const root = resolve(io.cwd, parsed.flags.root ?? '.');
  const catalog = await collectCatalog(root).catch((error: unknown) => {
    // A descriptor that does not validate, a readiness file that does not parse, two services of one name:
    // the user's to fix, said in one line.
    if (
      error instanceof DescriptorError ||
      error instanceof ReadinessInputError ||
      error instanceof DuplicateServiceError
    )
      throw new UsageError(error.message);
    throw error;
  });
  if (catalog.services.length === 0)
    throw new UsageError(`no services found under ${SERVICE_DIRS.map((d) => `${root}/${d}`).join(' or ')}`);
  const written = await writeCatalog(root, catalog, {
    outDir: resolve(root, parsed.flags.out ?? 'dist/catalog'),
    portalFiles: parsed.flags['portal-files'] === 'out' ? 'out' : 'service',
    ...(siteUrl ? { siteUrl } : {}),
  });
  for (const s of catalog.services) {
    io.out(
      `${s.service.padEnd(20)} level ${s.level ?? 'none'} (target ${s.target}), ${s.blocking.length} gate(s) block the target`,
    );
  }
  io.out(`wrote ${written.length} file(s); catalog: ${relative(io.cwd, written[0]) || written[0]}`);
  return 0;
}
