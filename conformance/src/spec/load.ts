import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';

export class SpecError extends Error {
  override readonly name = 'SpecError';
}

type FetchedHow = 'credential' | 'anonymous' | 'file';

/** Reads an OpenAPI 3.0/3.1 document from a file or URL and resolves every `$ref` (local and remote). */
export async function loadSpec(
  location: string,
  cwd: string,
  timeoutMs = 10_000,
  /**
   * A credential header (the caller passes it only for a spec on the target's own origin): sent
   * first, since some servers publish only the public subset anonymously; refused, the spec is
   * fetched anonymously. `onFetched` says which way it came.
   */
  credential?: [string, string],
  onFetched?: (how: FetchedHow) => void,
): Promise<Record<string, unknown>> {
  const { text, base } = /^https?:\/\//i.test(location)
    ? await readUrl(location, timeoutMs, credential, onFetched)
    : await readFileSource(location, cwd, onFetched);
  const doc = parseOpenApi(text, location);
  try {
    return (await $RefParser.dereference(base, doc, {
      // The target is usually on loopback: the user named it, so loopback refs are allowed.
      resolve: { http: { safeUrlResolver: false, timeout: timeoutMs } },
      // Self-referencing schemas become object cycles; the sampler and the validator cut them.
      dereference: { circular: true },
    })) as Record<string, unknown>;
  } catch (error) {
    throw new SpecError(`cannot resolve $refs in ${location}: ${(error as Error).message.split('\n')[0]}`);
  }
}

interface Source {
  text: string;
  /** What relative `$ref`s resolve against. */
  base: string;
}

async function readUrl(
  location: string,
  timeoutMs: number,
  credential: [string, string] | undefined,
  onFetched: ((how: FetchedHow) => void) | undefined,
): Promise<Source> {
  try {
    const get = (auth?: [string, string]) =>
      request(location, {
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        headers: {
          accept: 'application/yaml, application/json;q=0.9, */*;q=0.5',
          ...(auth ? { [auth[0]]: auth[1] } : {}),
        },
      });
    let res = await get(credential);
    let how: 'credential' | 'anonymous' = credential ? 'credential' : 'anonymous';
    if (credential && res.statusCode >= 400) {
      await res.body.dump();
      res = await get();
      how = 'anonymous';
    }
    onFetched?.(how);
    const text = await res.body.text();
    if (res.statusCode >= 400)
      throw new SpecError(`cannot read OpenAPI document ${location}: HTTP ${res.statusCode}`);
    return { text, base: location };
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(`cannot read OpenAPI document ${location}: ${(error as Error).message}`);
  }
}

async function readFileSource(
  location: string,
  cwd: string,
  onFetched: ((how: FetchedHow) => void) | undefined,
): Promise<Source> {
  const file = resolvePath(cwd, location);
  onFetched?.('file');
  try {
    return { text: await readFile(file, 'utf8'), base: pathToFileURL(file).href };
  } catch (error) {
    throw new SpecError(
      `cannot read OpenAPI document ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** Parses YAML or JSON and refuses what is not an OpenAPI 3.0/3.1 document, in one line. */
function parseOpenApi(text: string, location: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 1000 }) as unknown;
  } catch (error) {
    throw new SpecError(
      `OpenAPI document ${location} does not parse: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (!doc || typeof doc !== 'object' || typeof (doc as { openapi?: unknown }).openapi !== 'string') {
    throw new SpecError(`${location} is not an OpenAPI 3.x document (no "openapi" version field)`);
  }
  const version = (doc as { openapi: string }).openapi;
  if (!/^3\.[01]\./.test(version)) {
    throw new SpecError(`${location} is OpenAPI ${version}; the suite reads 3.0 and 3.1 documents`);
  }
  return doc as Record<string, unknown>;
}
