/**
 * The orders service: its definition for @shipshape/runtime (auth, tenancy, idempotency, problem+json,
 * tracing, health, metrics, outbox and audit come from the runtime; this file adds the business routes).
 */
import { fileURLToPath } from 'node:url';
import type { ServiceDefinition } from '@shipshape/runtime';
import { orderRoutes } from './order/order.routes.js';

/** The service folder (one level above src/ and dist/): the runtime reads errors/ and migrations/ from it. */
const serviceDir = fileURLToPath(new URL('..', import.meta.url));

export const definition: ServiceDefinition = {
  name: 'orders',
  org: 'acme',
  version: '0.1.0',
  serviceDir,
  routes: async (api) => {
    await orderRoutes(api);
  },
};
