/**
 * Where a service's specs are, now and at a git ref: the service descriptor (`shipshape.yaml`, read through
 * @shipshape/contracts' `resolveLayout`) names them — `api.openapi` and `api.asyncapi`, files or folders — and
 * the generated layout (`openapi/`, `asyncapi/`) stands where it says nothing or does not exist.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join, posix, relative, sep } from 'node:path';
import { UsageError } from '@shipshape/cli-kit';
import {
  DESCRIPTOR_FILE,
  DescriptorError,
  parseDescriptor,
  resolveLayout,
  type ResolvedLayout,
  type ServiceDescriptor,
} from '@shipshape/contracts';
import { listTreeAt, objectTypeAt, showAt } from '../git.js';

const SPEC_FILE = /\.(ya?ml|json)$/i;
const toPosix = (p: string) => p.split(sep).join('/');
const trim = (p: string) => p.replace(/\/+$/, '').replace(/^\.\//, '');

/** The working tree's layout; an invalid descriptor is one line naming the file and the key (exit 2). */
export function layoutNow(serviceDir: string, label: string): ResolvedLayout {
  try {
    return resolveLayout(serviceDir);
  } catch (error) {
    if (error instanceof DescriptorError) throw new UsageError(`${label}/${error.message}`);
    throw error;
  }
}

/** The spec files the working tree's descriptor names that exist, absolute. */
export function specFilesNow(layout: ResolvedLayout): string[] {
  return [...layout.openapi.files, ...layout.asyncapi.files]
    .map((rel) => layout.abs(rel))
    .filter((file) => existsSync(file) && statSync(file).isFile());
}

/** The descriptor as it was at `ref` (undefined when the service had none). */
export async function descriptorAt(
  root: string,
  ref: string,
  serviceDir: string,
  label: string,
): Promise<ServiceDescriptor | undefined> {
  const text = await showAt(root, ref, join(serviceDir, DESCRIPTOR_FILE));
  if (text === undefined) return undefined;
  try {
    return parseDescriptor(text, `${DESCRIPTOR_FILE} at ${ref}`);
  } catch (error) {
    if (error instanceof DescriptorError) throw new UsageError(`${label}/${error.message}`);
    throw error;
  }
}

/**
 * The spec files the service had at `ref`, relative to the repository root: the locations its descriptor named
 * then (the generated layout when it had none), each a file or a folder whose spec files count.
 */
export async function specFilesAt(
  root: string,
  ref: string,
  serviceDir: string,
  descriptor: ServiceDescriptor | undefined,
): Promise<string[]> {
  const then = resolveLayout(serviceDir, descriptor ?? { descriptorVersion: 1, name: basename(serviceDir) });
  const relDir = toPosix(relative(root, serviceDir));
  const out: string[] = [];
  for (const location of [...then.openapi.from, ...then.asyncapi.from]) {
    const rel = relDir ? posix.join(relDir, trim(location)) : trim(location);
    const type = await objectTypeAt(root, ref, rel);
    if (type === 'blob') out.push(rel);
    else if (type === 'tree')
      out.push(...(await listTreeAt(root, ref, rel)).filter((f) => SPEC_FILE.test(f)).sort());
  }
  return [...new Set(out)];
}
