import { isAbsolute, relative } from 'node:path';
import {
  EXIT_FINDINGS,
  EXIT_OK,
  UsageError,
  parseFlags,
  renderHelp,
  type CliIO,
  type CommandModule,
  type FlagTable,
} from '@shipshape/cli-kit';
import { progressRenderer, renderTable } from './progress.js';
import { ConformanceSetupError, runConformance } from './runner.js';
import { runServiceForm, type SuiteTarget } from './service/form.js';
import type { Tenant } from './http.js';

const FLAGS = {
  url: { type: 'string', value: '<base-url>', description: 'Base URL of the running service' },
  openapi: { type: 'string', value: '<file-or-url>', description: 'OpenAPI 3.0/3.1 document of the service' },
  tenant: {
    type: 'string',
    multiple: true,
    value: '<id>=<credential>',
    description:
      "A tenant and its credential (sent as the spec's securitySchemes say); give two (the second is the isolation oracle). `$VAR` reads the env",
  },
  'auth-header': {
    type: 'string',
    value: "'Name: template'",
    description: "Send each tenant's credential in this header instead, e.g. 'X-Api-Key: {credential}'",
  },
  profile: {
    type: 'string',
    value: '<standard|shipshape>',
    description:
      'standard: public standards only (RFC 9457, RFC 9110, W3C Trace Context, Idempotency-Key draft, OWASP); shipshape (default, or config "profile") adds the house contract',
  },
  config: {
    type: 'string',
    value: '<file>',
    description: 'conformance.config.json (resource, health paths, policies)',
  },
  only: {
    type: 'string',
    value: '<area,...>',
    description: 'Run only these areas or check ids (comma-separated)',
  },
  'report-dir': {
    type: 'string',
    value: '<dir>',
    description:
      "Where conformance.json, junit.xml and summary.md go (default reports/conformance; with <service-dir>, its shipshape.yaml's reports.conformance)",
  },
  'timeout-ms': { type: 'string', value: '<n>', description: 'Per-request timeout in ms', default: '5000' },
  'read-only': { type: 'boolean', description: 'Run only checks that write nothing' },
  'start-timeout-ms': {
    type: 'string',
    value: '<n>',
    description:
      'With <service-dir> and no --url: how long local.healthUrl may take to answer 2xx after local.command starts',
    default: '60000',
  },
} satisfies FlagTable;

export type ConformanceFlags = ReturnType<typeof parseFlags<typeof FLAGS>>['flags'];

const USAGE = [
  'shipshape conformance --url <base-url> --openapi <file-or-url> --tenant <id>=<token> --tenant <id>=<token> [options]',
  '       shipshape conformance <service-dir> --tenant <id>=<token> --tenant <id>=<token> [--url <base-url>] [options]',
  '  (service-folder form: the OpenAPI document, config, report folder and local start command come from the',
  "   service's shipshape.yaml — api.openapi, local.*, reports.conformance — else the generated layout)",
].join('\n');

export function parseTenant(value: string, env: NodeJS.ProcessEnv): Tenant {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1)
    throw new UsageError(`--tenant "${value.slice(0, 40)}" must look like <id>=<credential>`);
  const id = value.slice(0, at);
  let token = value.slice(at + 1).replace(/^Bearer\s+/i, '');
  if (token.startsWith('$')) {
    const name = token.slice(1);
    const fromEnv = env[name];
    if (!fromEnv) throw new UsageError(`--tenant ${id}: environment variable ${name} is not set`);
    token = fromEnv;
  }
  return { id, token };
}

/** `shipshape conformance`: runs the suite against a URL and writes the reports. */
export const command: CommandModule = { run };

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals, help } = parseFlags(argv, FLAGS);
  if (help) {
    io.out(
      renderHelp(
        USAGE,
        'Black-box conformance checks against a running service (exit 0 pass, 1 failures, 2 could not run).',
        FLAGS,
      ),
    );
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  try {
    if (positionals.length === 1) {
      const common = commonOptions(flags, io);
      const startTimeoutMs = positiveInteger(flags['start-timeout-ms'], '--start-timeout-ms');
      return await runServiceForm(positionals[0], flags, io, startTimeoutMs, (target) =>
        execute({ ...common, ...target }, io),
      );
    }
    if (!flags.url) throw new UsageError('--url is required');
    if (!flags.openapi) throw new UsageError('--openapi is required');
    const common = commonOptions(flags, io);
    const reportDir = flags['report-dir'] ?? 'reports/conformance';
    return await execute(
      { ...common, url: flags.url, openapi: flags.openapi, config: flags.config, reportDir },
      io,
    );
  } catch (error) {
    if (error instanceof ConformanceSetupError) throw new UsageError(error.message);
    throw error;
  }
}

const positiveInteger = (value: string | undefined, flag: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer`);
  return n;
};

/** Everything but the target (URL, document, config, report folder), checked. */
function commonOptions(flags: ConformanceFlags, io: CliIO) {
  const tenants = (flags.tenant ?? []).map((t) => parseTenant(t, io.env));
  if (tenants.length === 0)
    throw new UsageError('--tenant <id>=<token> is required (twice for the isolation checks)');
  if (tenants.length > 2) throw new UsageError('give at most two --tenant');
  const timeoutMs = positiveInteger(flags['timeout-ms'], '--timeout-ms');
  const profile = flags.profile as 'standard' | 'shipshape' | undefined;
  if (profile !== undefined && profile !== 'standard' && profile !== 'shipshape')
    throw new UsageError(`--profile must be standard or shipshape, not "${String(profile)}"`);
  const only = flags.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    tenants,
    only,
    readOnly: flags['read-only'] === true,
    profile,
    authHeader: flags['auth-header'],
    timeoutMs,
    cwd: io.cwd,
  };
}

async function execute(
  options: ReturnType<typeof commonOptions> & SuiteTarget & { reportDir: string },
  io: CliIO,
): Promise<number> {
  const report = await runConformance({ ...options, onProgress: progressRenderer(io) });
  for (const line of renderTable(report)) io.out(line);
  const shown = isAbsolute(options.reportDir) ? relative(io.cwd, options.reportDir) : options.reportDir;
  io.out(`reports: ${shown}/{conformance.json,junit.xml,summary.md}`);
  return report.summary.failed > 0 ? EXIT_FINDINGS : EXIT_OK;
}
