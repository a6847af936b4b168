/**
 * Environment → typed runtime settings. Every variable has an embedded default; a bad value raises a
 * `ConfigError` whose message is one line naming the variable (startService prints it and exits 1).
 */

export const DEV_AUTH_SECRET = 'shipshape-dev-secret-do-not-use-in-production-0000';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AuthConfig {
  /** JWKS endpoint (production). When set, tokens are verified against it and the HS256 secret is unused. */
  jwksUrl?: string;
  /** HS256 secret (embedded default). `undefined` when jwksUrl is set. */
  devSecret?: string;
  /** True when the built-in public development secret is in use. */
  usingBuiltInSecret: boolean;
  issuer: string;
  /** Expected `aud`; `undefined` → the service name (resolved by createService). */
  audience?: string;
  tenantClaim: string;
}

export interface RuntimeConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** `undefined` → file-backed PGlite in `<serviceDir>/.data/`; `memory://` → in-memory PGlite. */
  databaseUrl?: string;
  /** `undefined` → the outbox keeps rows until a broker is configured. */
  natsUrl?: string;
  auth: AuthConfig;
  /** OTLP/HTTP base endpoint (e.g. http://127.0.0.1:4318); spans export to `<endpoint>/v1/traces`. */
  otlpEndpoint?: string;
  logLevel: LogLevel;
  rateLimit: { max: number; windowMs: number };
  /** Maximum accepted request body, in bytes. */
  bodyLimit: number;
  /** Time allowed for in-flight requests to finish during graceful shutdown. */
  shutdownTimeoutMs: number;
  /** Time readiness answers 503 while the service still serves, before the drain starts. */
  shutdownDelayMs: number;
  /** Per-check timeout of /health/ready dependency checks. */
  readinessTimeoutMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected an integer, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `expected an integer between ${min} and ${max}, got ${raw}`);
  }
  return value;
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `expected a URL, got ${JSON.stringify(raw)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(
      name,
      `expected a ${protocols.map((p) => p.replace(/:$/, '')).join(' or ')} URL, got ${parsed.protocol.replace(/:$/, '')}:`,
    );
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

/**
 * Reads the runtime settings from an environment (usually `process.env`). Throws `ConfigError` naming the
 * first bad variable.
 */
export function loadConfig(env: Env = process.env): RuntimeConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development');
  const host = read(env, 'HOST') ?? '127.0.0.1';
  if (/\s/.test(host))
    throw new ConfigError('HOST', `expected a host name or address, got ${JSON.stringify(host)}`);

  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:', 'memory:', 'file:']);
  const natsUrl = url(env, 'NATS_URL', ['nats:', 'tls:']);
  const jwksUrl = url(env, 'AUTH_JWKS_URL', ['https:', 'http:']);
  const otlpEndpoint = url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['https:', 'http:']);

  let devSecret = read(env, 'AUTH_DEV_SECRET');
  let usingBuiltInSecret = false;
  if (devSecret !== undefined && Buffer.byteLength(devSecret) < 32) {
    throw new ConfigError('AUTH_DEV_SECRET', 'must be at least 32 bytes long (HS256 key)');
  }
  if (jwksUrl === undefined) {
    if (devSecret === undefined) {
      if (nodeEnv === 'production') {
        throw new ConfigError(
          'AUTH_JWKS_URL',
          'required when NODE_ENV=production (the built-in dev secret is refused); or set AUTH_DEV_SECRET',
        );
      }
      devSecret = DEV_AUTH_SECRET;
      usingBuiltInSecret = true;
    } else if (nodeEnv === 'production' && devSecret === DEV_AUTH_SECRET) {
      throw new ConfigError(
        'AUTH_DEV_SECRET',
        'the public development secret is refused when NODE_ENV=production',
      );
    }
  } else {
    devSecret = undefined;
  }

  const issuer = read(env, 'AUTH_ISSUER') ?? 'shipshape-dev';
  const audience = read(env, 'AUTH_AUDIENCE');
  const tenantClaim = read(env, 'AUTH_TENANT_CLAIM') ?? 'tenant_id';
  if (!/^[A-Za-z_][\w.:/-]*$/.test(tenantClaim)) {
    throw new ConfigError('AUTH_TENANT_CLAIM', `not a usable claim name: ${JSON.stringify(tenantClaim)}`);
  }

  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl,
    natsUrl,
    auth: { jwksUrl, devSecret, usingBuiltInSecret, issuer, audience, tenantClaim },
    otlpEndpoint,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    rateLimit: {
      max: integer(env, 'RATE_LIMIT_MAX', 6000, 1, 10_000_000),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1, 86_400_000),
    },
    bodyLimit: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    shutdownDelayMs: integer(env, 'SHUTDOWN_DELAY_MS', 0, 0, 600_000),
    readinessTimeoutMs: integer(env, 'READINESS_TIMEOUT_MS', 1_000, 1, 60_000),
  };
}
