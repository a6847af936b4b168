/** Test helpers: one in-memory service per test file, dev tokens per tenant. */
import { randomUUID } from 'node:crypto';
import { createService, loadConfig, mintDevToken, type ServiceApp } from '@shipshape/runtime';
import { definition } from '../src/app.js';

export async function startTestService(): Promise<ServiceApp> {
  return createService(definition, loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent' }));
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
