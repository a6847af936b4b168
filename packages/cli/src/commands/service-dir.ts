import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UsageError } from '@shipshape/cli-kit';

/** What the CLI needs to know about a generated service folder. */
export interface ServiceDirInfo {
  dir: string;
  name: string;
}

/**
 * Resolves a service folder given on the command line. The service name comes from the
 * generator's provenance manifest, else project.json, else the folder name.
 */
export function readServiceDir(input: string | undefined, cwd: string): ServiceDirInfo {
  if (!input) throw new UsageError('missing <service-dir> (the folder of a generated service)');
  const dir = resolve(cwd, input);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`service folder not found: ${input}`);
  const name =
    readJsonField(resolve(dir, '.shipshape/manifest.json'), 'service') ??
    readJsonField(resolve(dir, 'project.json'), 'name') ??
    basename(dir);
  return { dir, name };
}

function readJsonField(file: string, field: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)[field];
    if (typeof value === 'string' && value) return value;
    if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') {
      return (value as { name: string }).name;
    }
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
  return undefined;
}
