import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { standardRegistryEntries } from '../../src/errors/registry.js';

/**
 * A throwaway service folder for createService: `errors/error-codes.yaml` (the standard codes of acme/<service>
 * plus the given ones) and one migration.
 */
export async function writeServiceDir(options: {
  service: string;
  codes: { code: string; status: number; title: string }[];
  migration: { name: string; sql: string };
}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `shipshape-${options.service}-`));
  await mkdir(join(dir, 'errors'), { recursive: true });
  await mkdir(join(dir, 'migrations'), { recursive: true });
  await writeFile(
    join(dir, 'errors', 'error-codes.yaml'),
    stringify({
      org: 'acme',
      service: options.service,
      codes: [
        ...standardRegistryEntries('acme', options.service).map(({ code, status, title }) => ({
          code,
          status,
          title,
        })),
        ...options.codes,
      ],
    }),
  );
  await writeFile(join(dir, 'migrations', options.migration.name), options.migration.sql);
  return dir;
}
