/**
 * Template provenance: `<service>/.shipshape/manifest.json` records the generator version, the options the
 * service was generated with, and the sha256 of every generated file as the generator wrote it, so later runs
 * (and other tools) can tell untouched files from edited ones.
 */
import { createHash } from 'node:crypto';
import { joinPathFragments, type Tree } from '@nx/devkit';
import type { ServiceSettings } from '../lib/settings';

export const MANIFEST_PATH = '.shipshape/manifest.json';

/** The settings a service was generated with (lib/settings.ts). */
export type ManifestOptions = ServiceSettings;

export interface Manifest {
  generator: '@shipshape/generators';
  generatorVersion: string;
  options: ManifestOptions;
  /** Migration number of each resource's table migration (`{ order: 1 }`). */
  migrations: Record<string, number>;
  /** sha256 (hex) of each generated file, keyed by its path relative to the service directory. */
  files: Record<string, string>;
  /** Generated files outside the service directory (the CI workflow), keyed by workspace-relative path. */
  workspaceFiles: Record<string, string>;
  /**
   * sha256 of what the templates rendered for each file, before formatting (same keys as files and
   * workspaceFiles): a later run compares its own rendering with it to tell whether a template changed.
   */
  rendered?: { files: Record<string, string>; workspaceFiles: Record<string, string> };
}

export function sha256(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function manifestPath(directory: string): string {
  return joinPathFragments(directory, MANIFEST_PATH);
}

/** The manifest of the service in `directory`, or `undefined` when there is none; throws one line when unreadable. */
export function readManifest(tree: Tree, directory: string): Manifest | undefined {
  const path = manifestPath(directory);
  const text = tree.read(path, 'utf-8');
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON; restore it from version control or regenerate with --force`);
  }
  const m = parsed as Partial<Manifest>;
  if (
    m.generator !== '@shipshape/generators' ||
    !m.options ||
    !m.files ||
    !Array.isArray(m.options.resources)
  ) {
    throw new Error(`${path} is not a Shipshape generator manifest`);
  }
  return { migrations: {}, workspaceFiles: {}, ...m } as Manifest;
}

export function serializeManifest(manifest: Manifest): string {
  const sortKeys = (o: Record<string, string>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return (
    JSON.stringify(
      { ...manifest, files: sortKeys(manifest.files), workspaceFiles: sortKeys(manifest.workspaceFiles) },
      null,
      2,
    ) + '\n'
  );
}
