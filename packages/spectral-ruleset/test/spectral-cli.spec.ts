import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The ruleset as a Spectral CLI user meets it: a `.spectral.yaml` that `extends` the package's
 * `./spectral` entry (its built dist, as from npm). The fixtures are @shipshape/lint's service
 * fixtures, so the CLI and `shipshape lint` are held to the same documents.
 */
const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(
  dirname(createRequire(import.meta.url).resolve('@stoplight/spectral-cli/package.json')),
  'dist',
  'index.js',
);
const ruleset = join(here, 'spectral-cli', '.spectral.yaml');
const fixtures = join(here, '..', '..', 'lint', 'test', 'fixtures');
const built = existsSync(join(here, '..', 'dist', 'spectral.js'));

async function spectral(...files: string[]): Promise<{ code: string; line: number }[]> {
  const args = [cli, 'lint', '-r', ruleset, '-f', 'json', '--quiet', '--fail-severity', 'error', ...files];
  const out = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const results = JSON.parse(out.stdout || '[]') as { code: string; range: { start: { line: number } } }[];
  return results.map((r) => ({ code: r.code, line: r.range.start.line + 1 }));
}

describe.skipIf(!built)('from the Spectral CLI (extends: @shipshape/spectral-ruleset/spectral)', () => {
  it('lints the good service documents clean', async () => {
    const good = join(fixtures, 'good-service');
    expect(
      await spectral(join(good, 'openapi', 'orders.yaml'), join(good, 'asyncapi', 'orders.yaml')),
    ).toEqual([]);
  }, 120_000);

  it('reports the house and OWASP findings of the broken documents', async () => {
    const broken = join(fixtures, 'broken-service');
    const found = await spectral(join(broken, 'openapi', 'orders.yaml'));
    expect(found.map((f) => `${f.line} ${f.code}`)).toEqual([
      '18 owasp:api8:2023-no-server-http',
      '212 shipshape-post-idempotency-key',
      '306 shipshape-error-response-problem-json',
      '307 shipshape-error-response-problem-json',
      '460 shipshape-request-body-closed',
    ]);
  }, 120_000);
});
