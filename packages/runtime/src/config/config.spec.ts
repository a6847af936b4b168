import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_AUTH_SECRET, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('embedded defaults with an empty environment', () => {
    const config = loadConfig({});
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
      /^AUTH_JWKS_URL: required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_DEV_SECRET: DEV_AUTH_SECRET })).toThrow(
      /^AUTH_DEV_SECRET:/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', AUTH_DEV_SECRET: 'x'.repeat(40) }).auth.usingBuiltInSecret,
    ).toBe(false);
  });

  it('empty values count as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });
});
