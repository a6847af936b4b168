import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, SpecError } from './load.js';

const DOC = 'openapi: 3.1.0\ninfo: { title: served, version: "1" }\npaths: {}\n';

describe('loadSpec from a file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conformance-load-'));
    await writeFile(join(dir, 'swagger.yaml'), 'swagger: "2.0"\nopenapi: 2.0.0\n');
    await writeFile(join(dir, 'broken.yaml'), 'openapi: [3.1.0\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses what is not OpenAPI 3 with one line', async () => {
    const error = await loadSpec('package.json', fileURLToPath(new URL('../..', import.meta.url))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toMatch(/is not an OpenAPI 3\.x document/);
  });

  it('refuses another OpenAPI version, a document that does not parse and a missing file', async () => {
    const failure = (location: string) => loadSpec(location, dir).catch((e: unknown) => e as Error);
    const seen: string[] = [];
    const how = await loadSpec('swagger.yaml', dir, 1000, undefined, (h) => seen.push(h)).catch(
      (e: unknown) => e as Error,
    );
    expect(how).toBeInstanceOf(SpecError);
    expect(how.message).toBe('swagger.yaml is OpenAPI 2.0.0; the suite reads 3.0 and 3.1 documents');
    expect(seen).toEqual(['file']);
    expect((await failure('broken.yaml')).message).toMatch(/^OpenAPI document broken\.yaml does not parse: /);
    expect((await failure('absent.yaml')).message).toBe(
      `cannot read OpenAPI document ${join(dir, 'absent.yaml')}: ENOENT`,
    );
  });
});

describe('loadSpec from a URL', () => {
  let server: Server;
  let base: string;
  const seenAuth: Array<string | undefined> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seenAuth.push(req.headers['x-key'] as string | undefined);
      if (req.url === '/missing.yaml') return res.writeHead(404).end('no');
      // Refuses a credential, serves the document anonymously.
      if (req.headers['x-key']) return res.writeHead(403).end('no');
      res.writeHead(200, { 'content-type': 'application/yaml' }).end(DOC);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('falls back to an anonymous fetch when the credential is refused, and says so', async () => {
    seenAuth.length = 0;
    const seen: string[] = [];
    const doc = await loadSpec(`${base}/openapi.yaml`, '/', 2000, ['x-key', 'secret'], (h) => seen.push(h));
    expect(doc).toMatchObject({ openapi: '3.1.0', info: { title: 'served' } });
    expect(seenAuth).toEqual(['secret', undefined]);
    expect(seen).toEqual(['anonymous']);
  });

  it('names the HTTP status of a document it cannot fetch', async () => {
    const error = await loadSpec(`${base}/missing.yaml`, '/').catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(SpecError);
    expect(error.message).toBe(`cannot read OpenAPI document ${base}/missing.yaml: HTTP 404`);
  });
});
