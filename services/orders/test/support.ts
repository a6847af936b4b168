/** Test helpers: one service per test file (in-memory PGlite unless told otherwise), dev tokens per tenant. */
import { randomUUID } from 'node:crypto';
import { createService, loadConfig, mintDevToken, type ServiceApp } from '@shipshape/runtime';
import { definition } from '../src/app.js';

/**
 * In-memory PGlite by default; set SHIPSHAPE_TEST_DATABASE_URL to run the same tests on PostgreSQL (CI does:
 * same migrations, same RLS). Tests create their own tenants, so a database can be reused between runs.
 */
export function testConfig() {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.SHIPSHAPE_TEST_DATABASE_URL ?? 'memory://',
    LOG_LEVEL: 'silent',
  });
}

export async function startTestService(): Promise<ServiceApp> {
  return createService(definition, testConfig());
}

export async function bearer(tenant: string): Promise<string> {
  return `Bearer ${await mintDevToken({ tenant, serviceName: definition.name })}`;
}

/** Headers of an authenticated JSON request; `idempotent` adds a fresh Idempotency-Key. */
export async function headers(tenant: string, idempotent = false): Promise<Record<string, string>> {
  return {
    authorization: await bearer(tenant),
    ...(idempotent ? { 'idempotency-key': randomUUID() } : {}),
  };
}
