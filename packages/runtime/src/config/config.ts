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
  /** `max` per tenant (authenticated), `addressMax` per client address before authentication; one window. */
  rateLimit: { max: number; windowMs: number; addressMax: number };
  /** Maximum accepted request body, in bytes. */
  bodyLimit: number;
  /** Time allowed for in-flight requests to finish during graceful shutdown. */
  shutdownTimeoutMs: number;
  /** Time readiness answers 503 while the service still serves, before the drain starts. */
  shutdownDelayMs: number;
  /** Per-check timeout of /health/ready dependency checks. */
  readinessTimeoutMs: number;
  /**
   * Owner role's connection string (DATABASE_MIGRATION_URL): migrations run as it, requests as DATABASE_URL's
   * role. Unset → migrations run on DATABASE_URL (single-role set-up, development).
   */
  databaseMigrationUrl?: string;
  database: {
    /** PostgreSQL pool size (PGlite is one connection). */
    poolMax: number;
    /** `statement_timeout` of every request connection; a statement over it answers 503. */
    statementTimeoutMs: number;
    /** `idle_in_transaction_session_timeout`: a transaction left idle this long is ended by the server. */
    idleInTransactionTimeoutMs: number;
  };
  /** Time allowed to receive a whole request (Node's server.requestTimeout); 0 disables. */
  requestTimeoutMs: number;
  /**
   * Fastify `trustProxy`: false (default: the socket address is the client), true, a hop count, or a
   * comma-separated list of addresses/CIDRs. Decides the client address rate limiting keys on.
   */
  trustProxy: boolean | number | string;
  /** Origins allowed to call the API from a browser (CORS); empty = no cross-origin access. */
  corsOrigins: string[];
  /** Outbox relay: event size limit, attempts before the dead letter, limits of the stream it creates. */
  outbox: {
    maxEventBytes: number;
    maxAttempts: number;
    streamLimits: { maxAgeMs: number; maxBytes: number; replicas: number };
  };
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

function trustProxy(env: Env): boolean | number | string {
  const raw = read(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9a-fA-F.:/,\s]+$/.test(raw)) {
    throw new ConfigError(
      'TRUST_PROXY',
      `expected true, false, a hop count or comma-separated addresses/CIDRs, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

function origins(env: Env): string[] {
  const raw = read(env, 'CORS_ORIGINS');
  if (raw === undefined) return [];
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `expected origins like https://app.example.com, got ${JSON.stringify(origin)}`,
      );
    }
  }
  return list;
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
  // Closed by default: the embedded defaults (dev secret, PGlite, plain-http JWKS) need an explicit
  // NODE_ENV=development (the `serve` target and the quickstart set it) or test; unset means production.
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'production');
  const development = nodeEnv !== 'production';
  const host = read(env, 'HOST') ?? '127.0.0.1';
  if (/\s/.test(host))
    throw new ConfigError('HOST', `expected a host name or address, got ${JSON.stringify(host)}`);

  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:', 'memory:', 'file:']);
  const databaseMigrationUrl = url(env, 'DATABASE_MIGRATION_URL', ['postgres:', 'postgresql:']);
  const natsUrl = url(env, 'NATS_URL', ['nats:', 'tls:']);
  const jwksUrl = url(env, 'AUTH_JWKS_URL', ['https:', 'http:']);
  const otlpEndpoint = url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['https:', 'http:']);

  const devSecret = read(env, 'AUTH_DEV_SECRET');
  if (devSecret !== undefined && Buffer.byteLength(devSecret) < 32) {
    throw new ConfigError('AUTH_DEV_SECRET', 'must be at least 32 bytes long (HS256 key)');
  }

  const issuer = read(env, 'AUTH_ISSUER') ?? 'shipshape-dev';
  const audience = read(env, 'AUTH_AUDIENCE');
  const tenantClaim = read(env, 'AUTH_TENANT_CLAIM') ?? 'tenant_id';
  if (!/^[A-Za-z_][\w.:/-]*$/.test(tenantClaim)) {
    throw new ConfigError('AUTH_TENANT_CLAIM', `not a usable claim name: ${JSON.stringify(tenantClaim)}`);
  }

  const config: RuntimeConfig = {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl,
    natsUrl,
    auth: { jwksUrl, devSecret, usingBuiltInSecret: false, issuer, audience, tenantClaim },
    otlpEndpoint,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    rateLimit: {
      max: integer(env, 'RATE_LIMIT_MAX', 6000, 1, 10_000_000),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1, 86_400_000),
      addressMax: integer(env, 'RATE_LIMIT_ADDRESS_MAX', 6000, 1, 10_000_000),
    },
    bodyLimit: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    // Outside development: long enough for a Kubernetes endpoint removal to reach kube-proxy and ingresses.
    shutdownDelayMs: integer(env, 'SHUTDOWN_DELAY_MS', development ? 0 : 5_000, 0, 600_000),
    readinessTimeoutMs: integer(env, 'READINESS_TIMEOUT_MS', 1_000, 1, 60_000),
    databaseMigrationUrl,
    database: {
      poolMax: integer(env, 'DATABASE_POOL_MAX', 10, 1, 10_000),
      statementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5_000, 0, 86_400_000),
      idleInTransactionTimeoutMs: integer(
        env,
        'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        10_000,
        0,
        86_400_000,
      ),
    },
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 0, 3_600_000),
    trustProxy: trustProxy(env),
    corsOrigins: origins(env),
    outbox: {
      maxEventBytes: integer(env, 'OUTBOX_MAX_EVENT_BYTES', 1_000_000, 1024, 64 * 1024 * 1024),
      maxAttempts: integer(env, 'OUTBOX_MAX_ATTEMPTS', 10, 1, 1000),
      streamLimits: {
        maxAgeMs: integer(env, 'OUTBOX_STREAM_MAX_AGE_MS', 7 * 24 * 3_600_000, 60_000, 3650 * 24 * 3_600_000),
        maxBytes: integer(env, 'OUTBOX_STREAM_MAX_BYTES', 1024 ** 3, 1024 * 1024, Number.MAX_SAFE_INTEGER),
        replicas: integer(env, 'OUTBOX_STREAM_REPLICAS', 1, 1, 5),
      },
    },
  };

  // What production must name itself (checked after every value parsed, so a bad value is reported first).
  if (jwksUrl === undefined) {
    if (devSecret === undefined) {
      if (!development) {
        throw new ConfigError(
          'AUTH_JWKS_URL',
          'required unless NODE_ENV=development (the built-in dev secret is refused); or set AUTH_DEV_SECRET',
        );
      }
      config.auth.devSecret = DEV_AUTH_SECRET;
      config.auth.usingBuiltInSecret = true;
    } else if (!development && devSecret === DEV_AUTH_SECRET) {
      throw new ConfigError(
        'AUTH_DEV_SECRET',
        'the public development secret is refused unless NODE_ENV=development',
      );
    }
  } else {
    config.auth.devSecret = undefined;
    if (!development && !jwksUrl.startsWith('https:')) {
      throw new ConfigError('AUTH_JWKS_URL', 'must be an https URL unless NODE_ENV=development');
    }
  }
  if (!development && databaseUrl === undefined) {
    throw new ConfigError(
      'DATABASE_URL',
      'required unless NODE_ENV=development (each replica would otherwise get its own embedded PGlite)',
    );
  }
  return config;
}
