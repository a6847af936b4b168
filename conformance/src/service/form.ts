/**
 * `shipshape conformance <service-dir>`: the document, config and report folder come from the service's
 * descriptor (generated layout for absent keys); without `--url` the service is started with `local.command`,
 * the suite runs once `local.healthUrl` answers, and the service is stopped.
 */
import { join, relative } from 'node:path';
import type { CliIO } from '@shipshape/cli-kit';
import { ConformanceSetupError } from '../run/setup-error.js';
import { startServiceCommand } from './start.js';
import { resolveServiceTarget } from './target.js';

export interface SuiteTarget {
  url: string;
  openapi: string;
  config?: string;
  reportDir: string;
}

interface FormFlags {
  url?: string;
  openapi?: string;
  config?: string;
  'report-dir'?: string;
}

export async function runServiceForm(
  input: string,
  flags: FormFlags,
  io: CliIO,
  startTimeoutMs: number,
  execute: (target: SuiteTarget) => Promise<number>,
): Promise<number> {
  const target = resolveServiceTarget(input, io.cwd);
  const { layout, label } = target;
  const shown = (file: string) => relative(io.cwd, file) || '.';
  const openapi = flags.openapi ?? target.openapi();
  const config = flags.config ?? target.config;
  const reportDir = flags['report-dir'] ?? target.reportDir;
  io.out(
    `conformance: ${layout.name} (${layout.descriptorFile ? `${label}/shipshape.yaml` : 'generated layout, no shipshape.yaml'}): ` +
      `document ${flags.openapi ?? shown(openapi)}, config ${config ? (flags.config ?? shown(config)) : 'none (defaults)'}, ` +
      `reports ${flags['report-dir'] ?? shown(reportDir)}`,
  );
  if (flags.url) return execute({ url: flags.url, openapi, ...(config ? { config } : {}), reportDir });

  const { command, healthUrl, portEnv } = layout.local;
  if (!command)
    throw new ConformanceSetupError(
      `${label}: no --url and no local.command in ${layout.descriptorFile ? 'its shipshape.yaml' : 'a shipshape.yaml'}: say how to start the service (local.command) or give --url`,
    );
  const logFile = join(reportDir, 'service.log');
  io.out(
    `conformance: starting ${layout.name}: ${command} (${portEnv}=<free port>), waiting for ${healthUrl}`,
  );
  const service = await startServiceCommand({
    cwd: target.dir,
    command,
    healthUrl,
    portEnv,
    env: io.env,
    timeoutMs: startTimeoutMs,
    logFile,
  }).catch((error: unknown) => {
    if (error instanceof ConformanceSetupError)
      throw new ConformanceSetupError(`${label}: local.command "${command}": ${error.message}`);
    throw error;
  });
  try {
    io.out(`conformance: ${layout.name} is ready at ${service.url} (log: ${shown(logFile)})`);
    return await execute({ url: service.url, openapi, ...(config ? { config } : {}), reportDir });
  } finally {
    await service.stop();
  }
}
