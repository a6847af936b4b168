import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError, type CliIO } from '@shipshape/cli-kit';
import { startLocalService } from '../local-service/start-service.js';
import { mintTenantTokens } from '../local-service/tokens.js';
import { readServiceDir } from './service-dir.js';

const SERVICE_FORM_HELP = [
  '',
  'Service-folder form: shipshape conformance <service-dir> [options]',
  "  The OpenAPI document, config and report folder come from the service's shipshape.yaml (api.openapi,",
  '  local.conformanceConfig, reports.conformance), else the generated layout (openapi/, conformance.config.json,',
  '  reports/conformance/). Without --url the service is started: with local.command (local.portEnv set to a free',
  '  port, ready when local.healthUrl answers 2xx), else a generated service on its embedded defaults (free port on',
  '  127.0.0.1, in-memory PGlite); without --tenant two dev tenant tokens are minted for it. It is stopped after.',
].join('\n');

/**
 * `shipshape conformance` has two forms:
 *  - the contract form, `--url <base-url> --openapi <spec> --tenant a=… --tenant b=…`, handled by @shipshape/conformance;
 *  - the service form, `shipshape conformance <service-dir> [flags]`: @shipshape/conformance reads the descriptor
 *    (document, config, report folder, `local.command`); this command adds what only a Shipshape workspace knows —
 *    dev tenant tokens when none are given, starting a generated service that has no `local.command`, and the
 *    provenance record readiness checks.
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

  const { resolveServiceTarget, ConformanceSetupError } = await import('@shipshape/conformance');
  let target: ReturnType<typeof resolveServiceTarget>;
  try {
    target = resolveServiceTarget(first, io.cwd);
  } catch (error) {
    if (error instanceof ConformanceSetupError) throw new UsageError(error.message);
    throw error;
  }
  const { layout } = target;
  // A generated service without a descriptor is named by its manifest or project.json.
  const name = layout.descriptor ? layout.name : readServiceDir(first, io.cwd).name;
  const rest = argv.slice(1);
  const has = (flag: string) => rest.some((arg) => arg === flag || arg.startsWith(`${flag}=`));

  // Against a given --url the credentials are the caller's; a service this command starts gets dev tokens.
  const tenantFlags: string[] = [];
  if (!has('--tenant') && !has('--url')) {
    if (layout.local.command)
      io.out(
        'conformance: no --tenant: minting two dev tokens (embedded-default secret); a service with its own auth needs --tenant <id>=<credential> twice',
      );
    const tokens = await mintTenantTokens(name, ['tenant-a', 'tenant-b'], io.env);
    for (const [tenant, token] of Object.entries(tokens)) tenantFlags.push('--tenant', `${tenant}=${token}`);
  }

  let code: number;
  if (has('--url') || layout.local.command) {
    code = await runSuite([first, ...tenantFlags, ...rest], io);
  } else {
    const logFile = join(target.reportDir, 'service.log');
    io.out(`conformance: starting ${name} on embedded defaults (in-memory PGlite)…`);
    const local = await startLocalService({ dir: target.dir, logFile, healthUrl: layout.local.healthUrl });
    try {
      io.out(`conformance: ${name} is ready at ${local.url} (log: ${relative(io.cwd, logFile)})`);
      code = await runSuite([first, '--url', local.url, ...tenantFlags, ...rest], io);
    } finally {
      await local.stop();
    }
  }
  if (!has('--report-dir')) await recordProvenance(target, name);
  return code;
}

/**
 * A run against this folder judged its code: conformance.json records it (service, tool and version, commit, hash
 * of the documents, code and migrations the descriptor names), so `shipshape readiness` can tell this evidence
 * from a copied or stale report.
 */
async function recordProvenance(
  target: {
    dir: string;
    reportDir: string;
    layout: { openapi: { from: string[] }; migrations: { dir: string } };
  },
  name: string,
): Promise<void> {
  const file = join(target.reportDir, 'conformance.json');
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { tool?: string; version?: string };
  const { makeProvenance } = await import('@shipshape/readiness');
  const { layout } = target;
  const provenance = await makeProvenance(
    target.dir,
    name,
    report.tool ?? 'shipshape-conformance',
    report.version ?? '0.0.0',
    [...layout.openapi.from, 'src', layout.migrations.dir, 'package.json'],
  );
  writeFileSync(file, `${JSON.stringify({ ...report, provenance }, null, 2)}\n`);
}
