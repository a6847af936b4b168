import { afterAll, beforeAll } from 'vitest';
import { startFixture, type RunningFixture } from '../fixture/app.js';
import { conformanceSuite } from '../src/vitest.js';

// The suite as a service's own Vitest file would run it: one test per check, against the fixture.
let fixture: RunningFixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => fixture.close());

conformanceSuite(
  () => ({
    url: fixture.url,
    openapi: fixture.specUrl,
    tenants: [
      { id: 'tenant-a', token: fixture.tokens.a },
      { id: 'tenant-b', token: fixture.tokens.b },
    ],
  }),
  { title: 'conformance of the clean fixture (vitest adapter)' },
);
