import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CliIO } from '@shipshape/cli-kit';
import { startLocalService } from '../local-service/start-service.js';
import { mintTenantTokens } from '../local-service/tokens.js';
import { readServiceDir } from './service-dir.js';

const SERVICE_FORM_HELP = [
  '',
  'Service-folder form: shipshape conformance <service-dir> [options]',
  "  --openapi, --config and --report-dir default to the service's openapi/<name>.yaml, conformance.config.json",
  '  and reports/conformance/. Without --url the service is started on its embedded defaults (free port on',
  '  127.0.0.1, in-memory PGlite), two tenant tokens are minted, the suite runs and the service is stopped.',
].join('\n');

/**
 * `shipshape conformance` has two forms:
 *  - the contract form, `--url <base-url> --openapi <spec> --tenant a=… --tenant b=…`, handled by @shipshape/conformance;
 *  - the service form, `shipshape conformance <service-dir> [flags]`: the spec, config and report folder default to the
 *    service's own; with no `--url` the service is started on its embedded defaults (free port, in-memory PGlite),
 *    two tenant tokens are minted, the suite runs, and the service is stopped.
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { run: runSuite } = await import('@shipshape/conformance/cli');
  const first = argv[0];
  if (first === '--help' || first === '-h') {
    const code = await runSuite(argv, io);
    io.out(SERVICE_FORM_HELP);
    return code;
  }
  if (!first || first.startsWith('-')) return runSuite(argv, io);

  const service = readServiceDir(first, io.cwd);
  const rest = argv.slice(1);
  const has = (flag: string) => rest.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  const defaults: string[] = [];
  const spec = join(service.dir, 'openapi', `${service.name}.yaml`);
  if (!has('--openapi') && existsSync(spec)) defaults.push('--openapi', spec);
  const config = join(service.dir, 'conformance.config.json');
  if (!has('--config') && existsSync(config)) defaults.push('--config', config);
  if (!has('--report-dir')) defaults.push('--report-dir', join(service.dir, 'reports', 'conformance'));

  if (has('--url')) return runSuite([...rest, ...defaults], io);

  io.out(`conformance: starting ${service.name} on embedded defaults (in-memory PGlite)…`);
  const local = await startLocalService({
    dir: service.dir,
    logFile: join(service.dir, 'reports', 'conformance', 'service.log'),
  });
  try {
    io.out(
      `conformance: ${service.name} is ready at ${local.url} (log: ${relative(io.cwd, join(service.dir, 'reports', 'conformance', 'service.log'))})`,
    );
    const tokens = await mintTenantTokens(service.name, ['tenant-a', 'tenant-b'], io.env);
    const tenantFlags = Object.entries(tokens).flatMap(([tenant, token]) => [
      '--tenant',
      `${tenant}=${token}`,
    ]);
    const code = await runSuite(['--url', local.url, ...tenantFlags, ...rest, ...defaults], io);
    if (!has('--report-dir')) await recordProvenance(service.dir, service.name);
    return code;
  } finally {
    await local.stop();
  }
}

/**
 * A local run judged this folder's code: conformance.json records it (service, tool and version, commit, hash of the
 * spec, code and migrations), so `shipshape readiness` can tell this evidence from a copied or stale report.
 */
async function recordProvenance(dir: string, name: string): Promise<void> {
  const file = join(dir, 'reports', 'conformance', 'conformance.json');
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { tool?: string; version?: string };
  const { makeProvenance } = await import('@shipshape/readiness');
  const provenance = await makeProvenance(
    dir,
    name,
    report.tool ?? 'shipshape-conformance',
    report.version ?? '0.0.0',
    ['openapi', 'src', 'migrations', 'package.json'],
  );
  writeFileSync(file, `${JSON.stringify({ ...report, provenance }, null, 2)}\n`);
}
