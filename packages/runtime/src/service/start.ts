import { ConfigError, loadConfig } from '../config/config.js';
import { DatabaseConfigError, DatabaseUnavailableError } from '../data/errors.js';
import { ErrorRegistryError } from '../errors/registry.js';
import { MigrationError } from '../migrations/index.js';
import {
  createService,
  type CreateServiceOptions,
  type ServiceApp,
  type ServiceDefinition,
} from './service.js';

export interface StartServiceOptions extends CreateServiceOptions {
  env?: Record<string, string | undefined>;
  /** Install SIGTERM/SIGINT handlers that shut down and exit (default true). */
  handleSignals?: boolean;
  /** Where the one-line start-up errors go (default stderr). */
  stderr?: { write(line: string): unknown };
  /** Called instead of process.exit (tests). */
  exit?: (code: number) => void;
}

/** Errors a user causes at start-up: printed as one line, exit 1. */
function startupMessage(error: unknown): string | undefined {
  if (
    error instanceof ConfigError ||
    error instanceof ErrorRegistryError ||
    error instanceof MigrationError ||
    error instanceof DatabaseConfigError ||
    error instanceof DatabaseUnavailableError
  ) {
    return error.message;
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') return (error as Error).message;
  return undefined;
}

/**
 * `loadConfig(process.env)` → `createService` → `listen` → graceful shutdown on SIGTERM/SIGINT.
 * A bad environment value, registry or migration prints one line naming it and exits 1.
 */
export async function startService(
  definition: ServiceDefinition,
  options: StartServiceOptions = {},
): Promise<ServiceApp | undefined> {
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let service: ServiceApp | undefined;
  try {
    const config = loadConfig(options.env ?? process.env);
    service = await createService(definition, config, options);
    await service.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await service?.close().catch(() => undefined);
    const name = definition?.name ?? 'service';
    const message = startupMessage(error);
    if (message !== undefined) {
      stderr.write(`${name}: ${message}\n`);
    } else {
      // Not something the environment caused: a bug in the service or the runtime. The stack helps.
      stderr.write(`${name}: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
      if (error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    }
    exit(1);
    return undefined;
  }

  const svc = service;
  if (options.handleSignals !== false) {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      svc.logger.info({ signal }, 'shutting down: readiness is 503, draining in-flight requests');
      const timer = setTimeout(() => {
        svc.logger.error({ timeoutMs: svc.config.shutdownTimeoutMs }, 'drain timed out; exiting');
        exit(1);
      }, svc.config.shutdownDelayMs + svc.config.shutdownTimeoutMs);
      timer.unref();
      svc
        .close()
        .then(() => {
          clearTimeout(timer);
          svc.logger.info('stopped');
          exit(0);
        })
        .catch((err: unknown) => {
          svc.logger.error({ err }, 'shutdown failed');
          exit(1);
        });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  }
  return svc;
}
