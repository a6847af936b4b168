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
    description: 'Where conformance.json, junit.xml and summary.md go',
    default: 'reports/conformance',
  },
  'timeout-ms': { type: 'string', value: '<n>', description: 'Per-request timeout in ms', default: '5000' },
  'read-only': { type: 'boolean', description: 'Run only checks that write nothing' },
} satisfies FlagTable;

const USAGE =
  'shipshape conformance --url <base-url> --openapi <file-or-url> --tenant <id>=<token> --tenant <id>=<token> [options]';

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
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!flags.url) throw new UsageError('--url is required');
  if (!flags.openapi) throw new UsageError('--openapi is required');
  const tenants = (flags.tenant ?? []).map((t) => parseTenant(t, io.env));
  if (tenants.length === 0)
    throw new UsageError('--tenant <id>=<token> is required (twice for the isolation checks)');
  if (tenants.length > 2) throw new UsageError('give at most two --tenant');
  const timeoutMs = Number(flags['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new UsageError('--timeout-ms must be a positive integer');
  const profile = flags.profile as 'standard' | 'shipshape' | undefined;
  if (profile !== undefined && profile !== 'standard' && profile !== 'shipshape')
    throw new UsageError(`--profile must be standard or shipshape, not "${String(profile)}"`);
  const only = flags.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  try {
    const report = await runConformance({
      url: flags.url,
      openapi: flags.openapi,
      tenants,
      config: flags.config,
      only,
      readOnly: flags['read-only'] === true,
      profile,
      authHeader: flags['auth-header'],
      timeoutMs,
      reportDir: flags['report-dir'],
      cwd: io.cwd,
      onProgress: progressRenderer(io),
    });
    for (const line of renderTable(report)) io.out(line);
    io.out(`reports: ${flags['report-dir']}/{conformance.json,junit.xml,summary.md}`);
    return report.summary.failed > 0 ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    if (error instanceof ConformanceSetupError) throw new UsageError(error.message);
    throw error;
  }
}
