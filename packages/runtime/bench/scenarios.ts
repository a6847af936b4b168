import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';

/** What the server process sends the driver once it listens (compare.ts reads the same message). */
export interface Targets {
  runtimeBase: string;
  bareBase: string;
  /** An item id of tenant t1 that GET reads. */
  seeded: string;
  /** A dev token of tenant t1. */
  token: string;
  databaseLabel: string;
}

export interface Scenario {
  name: string;
  options: autocannon.Options;
}

/**
 * The comparisons, each a group run in alternation: the runtime's GET against bare Fastify's, the HTTP
 * core alone (no database), and the runtime's POST with a fresh Idempotency-Key per request against the
 * same route with idempotency off (bare Fastify's POST for reference).
 */
export function comparisons(t: Targets): Record<'get' | 'ping' | 'post', Scenario[]> {
  const auth = { authorization: `Bearer ${t.token}` };
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ name: 'bench item' });
  return {
    get: [
      { name: 'bare Fastify GET /items/:id', options: { url: `${t.bareBase}/items/${t.seeded}` } },
      {
        name: 'runtime GET /api/v1/items/:id',
        options: { url: `${t.runtimeBase}/api/v1/items/${t.seeded}`, headers: auth },
      },
    ],
    ping: [
      { name: 'bare Fastify GET /ping (no database)', options: { url: `${t.bareBase}/ping` } },
      {
        name: 'runtime GET /api/v1/ping (no database)',
        options: { url: `${t.runtimeBase}/api/v1/ping`, headers: auth },
      },
    ],
    post: [
      {
        name: 'bare Fastify POST /items (reference)',
        options: { url: `${t.bareBase}/items`, method: 'POST', headers: json, body },
      },
      {
        name: 'runtime POST, idempotency off',
        options: {
          url: `${t.runtimeBase}/api/v1/items-plain`,
          method: 'POST',
          headers: { ...auth, ...json },
          body,
        },
      },
      {
        name: 'runtime POST with a fresh Idempotency-Key',
        options: {
          url: `${t.runtimeBase}/api/v1/items`,
          method: 'POST',
          headers: { ...auth, ...json },
          body,
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                headers: { ...auth, ...json, 'idempotency-key': randomUUID() },
              }),
            },
          ],
        },
      },
    ],
  };
}
