import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config/config.js';

/** Keys (any case) whose values never reach a log line, at any depth of a logged plain object. */
const SECRET_KEYS = [
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'apiKey',
  'api_key',
  'clientSecret',
  'client_secret',
  'authorization',
  'cookie',
];

/**
 * pino `redact` paths for the credentials of serialised requests and responses. Fixed paths only: pino
 * re-applies its paths to the bindings of every child logger (one per request), and wildcard paths made that
 * the costliest step of a request. Secret-looking keys elsewhere are handled by `scrubSecrets`.
 */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

const SECRETS = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));
const CENSOR = '[REDACTED]';
const MAX_DEPTH = 8;

/**
 * Returns `value` with every SECRET_KEYS member of its plain objects and arrays replaced by `[REDACTED]`,
 * copying only what changes (the caller's object is never modified). Class instances (errors, requests) are
 * left to their serializers.
 */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const scrubbed = scrubSecrets(item, depth + 1);
      if (scrubbed !== item) (copy ??= [...value])[i] = scrubbed;
    });
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const scrubbed = SECRETS.has(key.toLowerCase()) ? CENSOR : scrubSecrets(item, depth + 1);
    if (scrubbed !== item) (copy ??= { ...record })[key] = scrubbed;
  }
  return copy ?? value;
}

export interface LoggerSettings {
  level: LogLevel;
  serviceName: string;
  serviceVersion: string;
  /** Where lines go; stdout when omitted (tests pass a stream to read them back). */
  destination?: DestinationStream;
}

export function loggerOptions(settings: LoggerSettings): LoggerOptions {
  return {
    level: settings.level,
    base: { service: settings.serviceName, version: settings.serviceVersion },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubSecrets(object) as Record<string, unknown>,
    },
  };
}

/** The structured JSON logger of a service. Fastify's per-request children add `traceId` to every line. */
export function createLogger(settings: LoggerSettings): Logger {
  const options = loggerOptions(settings);
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/**
 * Fastify's request log lines, one per request: `request completed` (or `request errored`) with the request
 * (method, url, host, client address), the status and the response time, labelled `traceId`. Fastify's
 * default writes an `incoming request` line as well, which doubled the logging cost of a request at `info`.
 */
export class OneLinePerRequest extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'traceId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    } else {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}
