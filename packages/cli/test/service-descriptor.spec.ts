import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryIO } from '@shipshape/cli-kit';
import { provenanceProblems, type Provenance } from '@shipshape/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { run as conformance } from '../src/commands/conformance.js';

/**
 * `shipshape conformance <service-dir>` on a folder whose descriptor puts things elsewhere: the suite starts
 * `local.command`, and this command records the provenance readiness checks — in `reports.conformance`, over the
 * documents `api.openapi` names.
 */
const root = mkdtempSync(join(tmpdir(), 'shipshape-cli-descriptor-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fixtureDir = resolve(import.meta.dirname, '../../../conformance/fixture');
const serve = join(fixtureDir, 'serve.ts');
/** The conformance fixture (its own Fastify typing: loaded at run time, not type-checked with the runtime's). */
const { fixtureSpec, mintFixtureToken } = (await import(pathToFileURL(join(fixtureDir, 'app.ts')).href)) as {
  fixtureSpec(): string;
  mintFixtureToken(tenant: string): Promise<string>;
};
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

describe('shipshape conformance <service-dir> with shipshape.yaml', () => {
  it('runs against local.command and records provenance in reports.conformance over api.openapi', async () => {
    const dir = join(root, 'items');
    mkdirSync(join(dir, 'contracts'), { recursive: true });
    writeFileSync(join(dir, 'contracts', 'items.yaml'), fixtureSpec());
    writeFileSync(
      join(dir, 'shipshape.yaml'),
      [
        'descriptorVersion: 1',
        'name: items',
        'api: { openapi: [contracts/items.yaml], asyncapi: [] }',
        'local:',
        `  command: '${process.execPath} --import ${tsx} ${serve} --port "$APP_PORT"'`,
        '  healthUrl: "http://127.0.0.1:{port}/health/ready"',
        '  portEnv: APP_PORT',
        'reports: { conformance: out/conformance }',
        '',
      ].join('\n'),
    );
    const tenants = ['tenant-a', 'tenant-b'];
    const tokens = await Promise.all(tenants.map((t) => mintFixtureToken(t)));
    const io = memoryIO({ cwd: root });
    const code = await conformance(
      ['items', '--tenant', `tenant-a=${tokens[0]}`, '--tenant', `tenant-b=${tokens[1]}`, '--only', 'health'],
      io,
    );
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'conformance', 'conformance.json'), 'utf8')) as {
      provenance: Provenance;
    };
    expect(report.provenance).toMatchObject({ service: 'items', inputs: ['contracts/items.yaml'] });
    expect(provenanceProblems(report.provenance, { serviceDir: dir, service: 'items' })).toEqual([]);
    writeFileSync(join(dir, 'contracts', 'items.yaml'), `${fixtureSpec()}\n# edited\n`);
    expect(provenanceProblems(report.provenance, { serviceDir: dir, service: 'items' })).toContain(
      'the inputs it judged have changed since it was written',
    );
  }, 120_000);

  it('an invalid descriptor stops before anything starts, in one line', async () => {
    const dir = join(root, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'shipshape.yaml'), 'descriptorVersion: 1\nname: broken\nlocal: { command: 7 }\n');
    await expect(conformance(['broken'], memoryIO({ cwd: root }))).rejects.toThrow(
      /^broken\/shipshape\.yaml: local\.command must be string \(got 7\)$/,
    );
  });
});
