import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { afterAll, describe, expect, it } from 'vitest';
import { adoptGenerator } from './adopt';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
// The examples are committed adopted; adopted.json lists what adopt added to each (left out here).
const ADDED = (
  JSON.parse(readFileSync(join(EXAMPLES, 'adopted.json'), 'utf8')) as { added: Record<string, string[]> }
).added;
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A workspace on disk holding a copy of an example service, as its team wrote it, under services/. */
function workspace(example: string): { root: string; tree: FsTree } {
  const root = mkdtempSync(join(tmpdir(), 'adopt-generator-'));
  roots.push(root);
  mkdirSync(join(root, 'services'));
  const source = join(EXAMPLES, example);
  const added = new Set((ADDED[example] ?? []).map((f) => join(source, f)));
  cpSync(source, join(root, 'services', example), { recursive: true, filter: (src) => !added.has(src) });
  return { root, tree: new FsTree(root, false) };
}

describe('adopt generator', () => {
  it('writes the descriptor and the missing pieces through the tree, creating files only', async () => {
    const { root, tree } = workspace('notes-api');
    await adoptGenerator(tree, { directory: 'services/notes-api', skipReadiness: true });
    const changes = tree.listChanges();
    expect(changes.every((c) => c.type === 'CREATE')).toBe(true);
    const paths = changes.map((c) => c.path);
    expect(paths).toContain('services/notes-api/shipshape.yaml');
    expect(paths).toContain('services/notes-api/runbooks/notes-api-down.md');
    expect(paths).toContain('services/notes-api/errors/error-codes.yaml');
    expect(paths).not.toContain('services/notes-api/README.md');
    flushChanges(root, changes);
    expect(readFileSync(join(root, 'services/notes-api/shipshape.yaml'), 'utf8')).toContain(
      'migrations: sql',
    );

    const again = new FsTree(root, false);
    await adoptGenerator(again, { directory: 'services/notes-api', skipReadiness: true });
    expect(again.listChanges()).toEqual([]);
  });

  it('--directory must be a folder of the workspace', async () => {
    const { tree } = workspace('iam-service');
    await expect(adoptGenerator(tree, { directory: 'services/nope' })).rejects.toThrow(
      '--directory services/nope is not a folder of this workspace',
    );
    await expect(adoptGenerator(tree, { directory: '../elsewhere' })).rejects.toThrow(
      "--directory must be a folder inside the workspace (got '../elsewhere')",
    );
  });
});
