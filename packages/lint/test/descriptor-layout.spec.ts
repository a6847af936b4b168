/**
 * `shipshape lint` reads where a service keeps its artifacts from shipshape.yaml (resolveLayout). The good
 * fixture, moved into a layout of its own, lints clean only with a descriptor naming those places, and the
 * runbook check follows the descriptor's runbooks folder and URL pattern — failing where they are broken.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { memoryIO } from '@shipshape/cli-kit';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli.js';
import { lintService } from '../src/index.js';
import { cleanup, copyGood } from './helpers.js';

afterAll(cleanup);

const DESCRIPTOR = `descriptorVersion: 1
name: orders
api: { openapi: [contracts/http/], asyncapi: [contracts/events.yaml] }
errors: { registry: contracts/error-codes.yaml }
ops: { alerts: [monitoring/rules.yaml], slos: [monitoring/slos.yaml] }
runbooks: { dir: ops/runbooks }
`;

/** The good fixture with every artifact moved away from the generated layout. */
async function moved(runbookUrl: (file: string) => string): Promise<string> {
  const dir = await copyGood();
  for (const d of ['contracts/http', 'monitoring', 'ops']) await mkdir(join(dir, d), { recursive: true });
  await rename(join(dir, 'openapi/orders.yaml'), join(dir, 'contracts/http/orders.yaml'));
  await rename(join(dir, 'asyncapi/orders.yaml'), join(dir, 'contracts/events.yaml'));
  await rename(join(dir, 'errors/error-codes.yaml'), join(dir, 'contracts/error-codes.yaml'));
  await rename(join(dir, 'ops/slos.yaml'), join(dir, 'monitoring/slos.yaml'));
  await rename(join(dir, 'runbooks'), join(dir, 'ops/runbooks'));
  const alerts = await readFile(join(dir, 'ops/alerts.yaml'), 'utf8');
  await writeFile(
    join(dir, 'monitoring/rules.yaml'),
    alerts.replace(
      /runbook_url: services\/orders\/runbooks\/([\w-]+)\.md/g,
      (_m, f: string) => `runbook_url: ${runbookUrl(f)}`,
    ),
  );
  await rm(join(dir, 'ops/alerts.yaml'));
  return dir;
}

const messages = async (dir: string) =>
  (await lintService(dir)).findings.map((f) => `${f.file}: ${f.message}`);

describe('lint with a service descriptor', () => {
  it('without shipshape.yaml the moved service is judged on the generated layout and found wanting', async () => {
    const dir = await moved((f) => `ops/runbooks/${f}.md`);
    expect(await messages(dir)).toEqual([
      'asyncapi/: no AsyncAPI document in asyncapi/',
      'errors/error-codes.yaml: error registry errors/error-codes.yaml is missing',
      'openapi/: no OpenAPI document in openapi/',
      'ops/alerts.yaml: alert rules ops/alerts.yaml are missing',
      'ops/slos.yaml: SLOs ops/slos.yaml are missing',
    ]);
  });

  it('with shipshape.yaml naming the places it lints clean, reading every file from there', async () => {
    const dir = await moved((f) => `services/orders/ops/runbooks/${f}.md`);
    await writeFile(join(dir, 'shipshape.yaml'), DESCRIPTOR);
    const report = await lintService(dir);
    expect(report.findings).toEqual([]);
    expect(report.files).toEqual([
      'contracts/http/orders.yaml',
      'contracts/events.yaml',
      'contracts/error-codes.yaml',
      'monitoring/rules.yaml',
      'monitoring/slos.yaml',
    ]);
    // The defect the runbook check exists for, in the descriptor's runbooks folder.
    await rm(join(dir, 'ops/runbooks/orders-high-error-rate.md'));
    expect(await messages(dir)).toEqual([
      'monitoring/rules.yaml: alert OrdersHighErrorRate: runbook ops/runbooks/orders-high-error-rate.md does not exist',
    ]);
  });

  it('a service without events (api.asyncapi: []) lints clean; an empty OpenAPI list or a missing asyncapi/ does not', async () => {
    const dir = await moved((f) => `services/orders/ops/runbooks/${f}.md`);
    await rm(join(dir, 'contracts/events.yaml'));
    await writeFile(
      join(dir, 'shipshape.yaml'),
      DESCRIPTOR.replace('asyncapi: [contracts/events.yaml]', 'asyncapi: []'),
    );
    expect((await lintService(dir)).findings).toEqual([]);
    await writeFile(
      join(dir, 'shipshape.yaml'),
      DESCRIPTOR.replace('asyncapi: [contracts/events.yaml]', 'asyncapi: [contracts/events/]'),
    );
    expect(await messages(dir)).toEqual(['contracts/events/: no AsyncAPI document in contracts/events/']);
    await writeFile(
      join(dir, 'shipshape.yaml'),
      DESCRIPTOR.replace('openapi: [contracts/http/]', 'openapi: []').replace(
        'asyncapi: [contracts/events.yaml]',
        'asyncapi: []',
      ),
    );
    expect(await messages(dir)).toContain(
      'shipshape.yaml: no OpenAPI document in shipshape.yaml api.openapi (it names none)',
    );
  });

  it('accepts wiki runbooks at the URL pattern, and names the expected URL when one differs', async () => {
    const wiki = 'https://wiki.acme.dev/orders/runbooks/{slug}';
    const dir = await moved((f) => `https://wiki.acme.dev/orders/runbooks/${f}`);
    await writeFile(
      join(dir, 'shipshape.yaml'),
      DESCRIPTOR.replace(
        'runbooks: { dir: ops/runbooks }',
        `runbooks: { dir: ops/runbooks, urlPattern: "${wiki}" }`,
      ),
    );
    expect(await messages(dir)).toEqual([]);
    const rules = join(dir, 'monitoring/rules.yaml');
    await writeFile(
      rules,
      (await readFile(rules, 'utf8')).replace('runbooks/orders-high-error-rate', 'runbooks/high-errors'),
    );
    expect(await messages(dir)).toEqual([
      'monitoring/rules.yaml: alert OrdersHighErrorRate: runbook_url must point at ops/runbooks/orders-high-error-rate.md or https://wiki.acme.dev/orders/runbooks/orders-high-error-rate (got https://wiki.acme.dev/orders/runbooks/high-errors)',
    ]);
  });

  it('shipshape lint writes its reports where the descriptor says CI collects them', async () => {
    const dir = await copyGood();
    await writeFile(
      join(dir, 'shipshape.yaml'),
      'descriptorVersion: 1\nname: orders\nreports: { dir: ci-out }\n',
    );
    expect(await run([dir], memoryIO({ cwd: dir }))).toBe(0);
    expect(existsSync(join(dir, 'ci-out/lint/lint.json'))).toBe(true);
    expect(existsSync(join(dir, 'reports/lint/lint.json'))).toBe(false);
  });

  it('an invalid shipshape.yaml stops the run with one line naming the key', async () => {
    const dir = await copyGood();
    await writeFile(
      join(dir, 'shipshape.yaml'),
      'descriptorVersion: 1\nname: orders\nops: { alert: [x.yaml] }\n',
    );
    await expect(lintService(dir)).rejects.toThrow(/shipshape\.yaml: unknown key ops\.alert$/);
  });
});
