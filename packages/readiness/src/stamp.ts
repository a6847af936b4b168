import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { makeProvenance } from './provenance.js';

/** `--stamp <folder>:<tool>:<inputs>`, e.g. `reports/tests:vitest:src,test`. */
export interface StampSpec {
  folder: string;
  tool: string;
  inputs: string[];
}

export function parseStamp(value: string): StampSpec | string {
  const [folder, tool, inputs] = value.split(':');
  if (!folder || !tool || !inputs)
    return `--stamp must look like <report-folder>:<tool>:<input,...> (got "${value}")`;
  if (folder.startsWith('/') || folder.split('/').includes('..'))
    return `--stamp folder must be inside the service: ${folder}`;
  return { folder, tool, inputs: inputs.split(',').filter(Boolean) };
}

/** The version of `tool` as the service resolves it (its package.json), or `unknown`. */
function versionOf(dir: string, tool: string): string {
  try {
    const require = createRequire(join(dir, 'package.json'));
    return (require(`${tool}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Records the provenance of reports another tool wrote (Vitest's JUnit, its coverage summary, the chaos run):
 * `<folder>/provenance.json` names the service, the tool and version, the commit and the hash of the inputs now.
 * Run it right after the tool, in the same job, on the same checkout.
 */
export async function stampReports(serviceDir: string, service: string, spec: StampSpec): Promise<string> {
  const provenance = await makeProvenance(
    serviceDir,
    service,
    spec.tool,
    versionOf(serviceDir, spec.tool),
    spec.inputs,
  );
  const folder = resolve(serviceDir, spec.folder);
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'provenance.json');
  await writeFile(file, `${JSON.stringify(provenance, null, 2)}\n`);
  return file;
}
