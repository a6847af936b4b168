/**
 * The examples are committed as adopted services (they are in the docs site's catalog beside services/orders):
 * the team's original files plus what `shipshape adopt` added, listed in examples/adopted.json. Adopting the
 * original must reproduce exactly the committed additions, and adopting the committed state must add nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planAdoption } from '../src/index.js';
import { adoptOriginal, EXAMPLES, readManifest } from './examples.js';

const REFRESH = 'npm run examples -w @shipshape/adopt';
const manifest = readManifest();
const names = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('the committed examples', () => {
  it('are the two seed-shaped services, each with the files adopt added listed', () => {
    expect(names).toEqual(['iam-service', 'notes-api']);
    expect(Object.keys(manifest.added).sort()).toEqual(names);
    for (const name of names) {
      expect(manifest.added[name]).toContain('shipshape.yaml');
      for (const file of manifest.added[name])
        expect([name, file, existsSync(join(EXAMPLES, name, file))]).toEqual([name, file, true]);
    }
  });

  it.each(names)('%s: adopting the original reproduces exactly the committed additions', async (name) => {
    const files = await adoptOriginal(name);
    expect(
      files.map((f) => f.path),
      `adopt adds other files than committed: ${REFRESH}`,
    ).toEqual(manifest.added[name]);
    for (const f of files) {
      const committed = readFileSync(join(EXAMPLES, name, f.path), 'utf8');
      expect(committed, `examples/${name}/${f.path} differs from what adopt writes: ${REFRESH}`).toBe(
        f.content,
      );
    }
  });

  // As in this repository: the example is a folder of a larger git repository, whose root .github/ has no
  // workflow for it; the workflow adopt committed under the example's own .github/ counts.
  it.each(names)('%s: adopting the committed state, inside a repository, plans nothing', (name) => {
    const repo = mkdtempSync(join(tmpdir(), `adopted-${name}-`));
    try {
      mkdirSync(join(repo, '.git'));
      cpSync(join(EXAMPLES, name), join(repo, 'examples', name), { recursive: true });
      const plan = planAdoption(join(repo, 'examples', name));
      expect(plan.descriptorExisted).toBe(true);
      expect(plan.files.map((f) => f.path)).toEqual([]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('examples/README.md names every file adopt added', () => {
    const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
    for (const name of names)
      for (const file of manifest.added[name])
        expect(readme, `examples/README.md does not name ${name}/${file}`).toContain(basename(file));
  });
});
