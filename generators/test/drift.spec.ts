/**
 * Drift check of the committed example (services/orders): regenerating it from its own manifest's options
 * into an in-memory overlay of this workspace (Nx's FsTree, never flushed) must give byte-identical files, and the folder must hold no generated-looking file the generator would not write.
 * On drift, regenerate the example:
 *   npx nx g @shipshape/generators:service orders --resource order --org acme --force --skipInstall
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
// FsTree is the devkit Tree `nx g` itself uses: reads from disk, keeps writes in memory until flushed.
import { FsTree } from 'nx/src/generators/tree';
import { describe, expect, it } from 'vitest';
import { resourceGenerator } from '../src/resource/resource';
import { serviceGenerator } from '../src/service/service';
import type { Manifest } from '../src/utils/manifest';

const workspaceRoot = join(__dirname, '..', '..');
const EXAMPLES = ['services/orders'];
/** Folders and files in a service that tools (not the generator) write, and that git ignores or tools own. */
const NOT_GENERATED = /^(node_modules|dist|\.data|reports|\.nx)\/|^readiness\.yaml$/;

function listDisk(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (e.isDirectory()) {
        if (!NOT_GENERATED.test(`${rel}/`)) walk(full);
      } else if (!NOT_GENERATED.test(rel)) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

describe.each(EXAMPLES)('example %s', (directory) => {
  const abs = join(workspaceRoot, directory);

  it('is what the generator writes today (no drift)', async () => {
    expect(existsSync(join(abs, '.shipshape/manifest.json')), `${directory} has no manifest`).toBe(true);
    const manifest = JSON.parse(readFileSync(join(abs, '.shipshape/manifest.json'), 'utf8')) as Manifest;
    const { options } = manifest;

    // An in-memory overlay of this workspace (nothing is flushed to disk): the example is removed from the
    // overlay, then generated afresh from its manifest's options, with this workspace's real Prettier config.
    const tree = new FsTree(workspaceRoot, false);
    tree.delete(directory);
    for (const path of Object.keys(manifest.workspaceFiles)) tree.delete(path);
    await serviceGenerator(tree, {
      name: options.name,
      directory,
      org: options.org,
      tier: options.tier,
      owner: options.owner,
      resource: options.resources[0],
      skipInstall: true,
    });
    // further aggregates are added the way a person adds them
    for (const resource of options.resources.slice(1)) {
      await resourceGenerator(tree, { name: resource, project: options.name });
    }

    const generated = new Map<string, string>();
    const walk = (d: string) => {
      for (const c of tree.children(d)) {
        const p = `${d}/${c}`;
        if (tree.isFile(p)) generated.set(p.slice(directory.length + 1), tree.read(p, 'utf-8')!);
        else walk(p);
      }
    };
    walk(directory);

    const drift: string[] = [];
    for (const [path, content] of generated) {
      const onDisk = join(abs, path);
      if (!existsSync(onDisk)) drift.push(`missing: ${path}`);
      else if (readFileSync(onDisk, 'utf8') !== content) drift.push(`differs: ${path}`);
    }
    for (const path of listDisk(abs)) if (!generated.has(path)) drift.push(`not generated: ${path}`);
    for (const path of Object.keys(manifest.workspaceFiles)) {
      const content = tree.read(path, 'utf-8');
      const onDisk = join(workspaceRoot, path);
      if (content === null) drift.push(`no longer generated: ${path}`);
      else if (!existsSync(onDisk) || readFileSync(onDisk, 'utf8') !== content)
        drift.push(`differs: ${path}`);
    }
    expect(
      drift,
      `regenerate with: npx nx g @shipshape/generators:service ${options.name} --resource ${options.resources[0]} --org ${options.org} --force --skipInstall`,
    ).toEqual([]);
  });
});
