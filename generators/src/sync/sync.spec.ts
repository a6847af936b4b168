import { writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { serviceGenerator } from '../service/service';
import { readManifest, sha256 } from '../utils/manifest';
import { syncGenerator } from './sync';

const base = { skipFormat: true, skipInstall: true } as const;

describe('sync generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'package.json', { name: 'workspace', private: true });
    await serviceGenerator(tree, { name: 'orders', resource: 'order', ...base });
    await serviceGenerator(tree, { name: 'billing', resource: 'invoice', tier: 't0', ...base });
  });

  /** Simulates an older template version: the file as the generator once wrote it, hashes included. */
  function ageFile(directory: string, path: string, content: string) {
    const manifest = readManifest(tree, directory)!;
    tree.write(`${directory}/${path}`, content);
    // what an older generator would have recorded for that content
    const hash = sha256(content);
    manifest.files[path] = hash;
    if (manifest.rendered) manifest.rendered.files[path] = hash;
    tree.write(`${directory}/.shipshape/manifest.json`, JSON.stringify(manifest));
  }

  describe('projects', () => {
    it('brings every service back to the current templates, with its own options', async () => {
      ageFile('services/orders', 'src/main.ts', '// old template\n');
      ageFile('services/billing', 'src/main.ts', '// old template\n');
      await syncGenerator(tree, { skipFormat: true });
      expect(tree.read('services/orders/src/main.ts', 'utf-8')).toContain('startService(definition)');
      expect(tree.read('services/billing/src/main.ts', 'utf-8')).toContain('startService(definition)');
      expect(readManifest(tree, 'services/billing')?.options).toMatchObject({
        tier: 't0',
        resources: ['invoice'],
      });
    });

    it('syncs only the services named', async () => {
      ageFile('services/orders', 'src/main.ts', '// old template\n');
      ageFile('services/billing', 'src/main.ts', '// old template\n');
      await syncGenerator(tree, { projects: 'billing', skipFormat: true });
      expect(tree.read('services/orders/src/main.ts', 'utf-8')).toBe('// old template\n');
      expect(tree.read('services/billing/src/main.ts', 'utf-8')).toContain('startService(definition)');
    });

    it('refuses an unknown project or one that is not a Shipshape service', async () => {
      await expect(syncGenerator(tree, { projects: 'nope' })).rejects.toThrow("no project named 'nope'");
      tree.write('libs/util/project.json', JSON.stringify({ name: 'util', root: 'libs/util' }));
      await expect(syncGenerator(tree, { projects: 'util' })).rejects.toThrow(
        "'util' is not a Shipshape service",
      );
    });
  });

  describe('--force', () => {
    it('skips a service whose edited file the templates would change, and syncs the others', async () => {
      ageFile('services/orders', 'src/main.ts', '// old template\n');
      tree.write('services/orders/src/main.ts', '// edited by a person\n'); // now edited AND its template changed
      ageFile('services/billing', 'src/main.ts', '// old template\n');
      await syncGenerator(tree, { skipFormat: true });
      expect(tree.read('services/orders/src/main.ts', 'utf-8')).toBe('// edited by a person\n');
      expect(tree.read('services/billing/src/main.ts', 'utf-8')).toContain('startService(definition)');
    });

    it('fails in one line when every service is skipped; --force overwrites', async () => {
      await syncGenerator(tree, { projects: 'orders', skipFormat: true }); // nothing to do: no error
      ageFile('services/orders', 'src/main.ts', '// old template\n');
      tree.write('services/orders/src/main.ts', '// edited by a person\n');
      await expect(syncGenerator(tree, { projects: 'orders', skipFormat: true })).rejects.toThrow(
        'no service synced: orders have edited files the templates would change (--force overwrites)',
      );
      await syncGenerator(tree, { projects: 'orders', force: true, skipFormat: true });
      expect(tree.read('services/orders/src/main.ts', 'utf-8')).toContain('startService(definition)');
    });
  });
});
