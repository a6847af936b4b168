import { writeJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { describe, expect, it } from 'vitest';
import { serviceGenerator } from '../../service/service';
import { readManifest, sha256 } from '../../utils/manifest';
import syncServices from './sync-services';

describe('migration update-0-2-0/sync-services', () => {
  it('re-renders services whose files still match an older template', async () => {
    const tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'package.json', { name: 'workspace', private: true });
    await serviceGenerator(tree, { name: 'orders', resource: 'order', skipFormat: true, skipInstall: true });
    const manifest = readManifest(tree, 'services/orders')!;
    const old = '// written by an older template\n';
    tree.write('services/orders/src/main.ts', old);
    manifest.files['src/main.ts'] = sha256(old);
    manifest.rendered!.files['src/main.ts'] = sha256(old);
    tree.write('services/orders/.shipshape/manifest.json', JSON.stringify(manifest));

    await syncServices(tree);
    expect(tree.read('services/orders/src/main.ts', 'utf-8')).toContain('await startService(definition);');
  });

  it('does not fail the upgrade when every service has conflicting edits', async () => {
    const tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'package.json', { name: 'workspace', private: true });
    await serviceGenerator(tree, { name: 'orders', resource: 'order', skipFormat: true, skipInstall: true });
    const manifest = readManifest(tree, 'services/orders')!;
    manifest.rendered!.files['src/main.ts'] = sha256('// older template\n');
    manifest.files['src/main.ts'] = sha256('// older template\n');
    tree.write('services/orders/.shipshape/manifest.json', JSON.stringify(manifest));
    tree.write('services/orders/src/main.ts', '// edited by a person\n');

    await expect(syncServices(tree)).resolves.toBeUndefined();
    expect(tree.read('services/orders/src/main.ts', 'utf-8')).toBe('// edited by a person\n');
  });
});
