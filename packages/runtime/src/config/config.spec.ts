import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_AUTH_SECRET, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('embedded defaults only when NODE_ENV=development', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      natsUrl: undefined,
      logLevel: 'info',
      otlpEndpoint: undefined,
      auth: {
        devSecret: DEV_AUTH_SECRET,
        usingBuiltInSecret: true,
        issuer: 'shipshape-dev',
        tenantClaim: 'tenant_id',
      },
    });
    expect(config.auth.audience).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
      NATS_URL: 'nats://127.0.0.1:4222',
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'orders-api',
      AUTH_TENANT_CLAIM: 'org_id',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '50',
      RATE_LIMIT_WINDOW_MS: '1000',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u:p@127.0.0.1:5432/db',
      natsUrl: 'nats://127.0.0.1:4222',
      otlpEndpoint: 'http://127.0.0.1:4318',
      logLevel: 'warn',
      rateLimit: { max: 50, windowMs: 1000 },
      auth: {
        jwksUrl: 'https://idp.example/.well-known/jwks.json',
        devSecret: undefined,
        issuer: 'https://idp.example',
        audience: 'orders-api',
        tenantClaim: 'org_id',
      },
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: expected an integer, got "abc"'],
    [{ PORT: '70000' }, 'PORT: expected an integer between 0 and 65535, got 70000'],
    [
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL: expected a postgres or postgresql or memory or file URL, got mysql:',
    ],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: expected a URL, got "not a url"'],
    [{ NATS_URL: 'http://x' }, 'NATS_URL: expected a nats or tls URL, got http:'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [{ AUTH_DEV_SECRET: 'short' }, 'AUTH_DEV_SECRET: must be at least 32 bytes long (HS256 key)'],
    [{ RATE_LIMIT_MAX: '0' }, 'RATE_LIMIT_MAX: expected an integer between 1 and 10000000, got 0'],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://x' },
      'OTEL_EXPORTER_OTLP_ENDPOINT: expected a https or http URL, got grpc:',
    ],
    [{ AUTH_TENANT_CLAIM: 'a b' }, 'AUTH_TENANT_CLAIM: not a usable claim name: "a b"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: expected one of development, production, test, got "staging"'],
  ])('a bad value → one-line ConfigError naming the variable (%o)', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(message);
    expect((error as ConfigError).variable).toBe(Object.keys(env)[0]);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('production refuses the built-in dev secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^AUTH_JWKS_URL: required unless NODE_ENV=development/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_DEV_SECRET: DEV_AUTH_SECRET })).toThrow(
      /^AUTH_DEV_SECRET:/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', AUTH_DEV_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://h/db' })
        .auth.usingBuiltInSecret,
    ).toBe(false);
  });

  it('closed by default: with NODE_ENV unset the dev secret, embedded PGlite and a plain-http JWKS are refused', () => {
    expect(() => loadConfig({})).toThrow(/^AUTH_JWKS_URL: required unless NODE_ENV=development/);
    expect(() => loadConfig({ AUTH_DEV_SECRET: DEV_AUTH_SECRET })).toThrow(/^AUTH_DEV_SECRET: the public/);
    const jwks = 'https://idp.example/.well-known/jwks.json';
    expect(() => loadConfig({ AUTH_JWKS_URL: jwks })).toThrow(
      /^DATABASE_URL: required unless NODE_ENV=development/,
    );
    const db = 'postgres://app@db.internal:5432/orders';
    expect(() => loadConfig({ AUTH_JWKS_URL: 'http://idp.example/jwks.json', DATABASE_URL: db })).toThrow(
      /^AUTH_JWKS_URL: must be an https URL unless NODE_ENV=development/,
    );
    for (const env of [{}, { NODE_ENV: 'production' }]) {
      const config = loadConfig({ ...env, AUTH_JWKS_URL: jwks, DATABASE_URL: db });
      expect(config.nodeEnv).toBe('production');
      // Long enough for a Kubernetes endpoint removal to reach every proxy before the drain starts.
      expect(config.shutdownDelayMs).toBe(5_000);
    }
    // Explicit development mode keeps the embedded defaults, plain-http JWKS included.
    const dev = loadConfig({ NODE_ENV: 'development', AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json' });
    expect(dev.auth.jwksUrl).toBe('http://127.0.0.1:9/jwks.json');
    expect(dev.shutdownDelayMs).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test' }).databaseUrl).toBeUndefined();
  });

  it('database, timeout, proxy and CORS settings have defaults and are read', () => {
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({
      databaseMigrationUrl: undefined,
      database: {
        poolMax: 10,
        statementTimeoutMs: 5_000,
        idleInTransactionTimeoutMs: 10_000,
      },
      requestTimeoutMs: 30_000,
      trustProxy: false,
      corsOrigins: [],
    });
    const config = loadConfig({
      NODE_ENV: 'development',
      DATABASE_MIGRATION_URL: 'postgres://owner@127.0.0.1/orders',
      DATABASE_POOL_MAX: '50',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000',
      REQUEST_TIMEOUT_MS: '4000',
      TRUST_PROXY: '1',
      CORS_ORIGINS: 'https://app.example.com, https://admin.example.com',
    });
    expect(config).toMatchObject({
      databaseMigrationUrl: 'postgres://owner@127.0.0.1/orders',
      database: { poolMax: 50, statementTimeoutMs: 2000, idleInTransactionTimeoutMs: 3000 },
      requestTimeoutMs: 4000,
      trustProxy: 1,
      corsOrigins: ['https://app.example.com', 'https://admin.example.com'],
    });
    expect(loadConfig({ NODE_ENV: 'development', TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
    expect(() => loadConfig({ NODE_ENV: 'development', CORS_ORIGINS: 'app.example.com' })).toThrow(
      /^CORS_ORIGINS: /,
    );
    expect(() => loadConfig({ NODE_ENV: 'development', DATABASE_POOL_MAX: '0' })).toThrow(
      /^DATABASE_POOL_MAX: /,
    );
  });

  it('empty values count as unset', () => {
    expect(loadConfig({ NODE_ENV: 'development', PORT: '', DATABASE_URL: '  ' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });
});
