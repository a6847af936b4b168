// `npm run examples -w @shipshape/adopt`: re-adopts each example from its original files and commits the
// result into examples/<name>/ (what the drift spec test/examples.spec.ts compares), listing the added files
// in examples/adopted.json. Run it after changing what adopt writes.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ADOPTED_FILE, adoptOriginal, EXAMPLES, readManifest } from '../test/examples.js';

const manifest = readManifest();
const names = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
for (const name of names) {
  const files = await adoptOriginal(name);
  for (const old of manifest.added[name] ?? []) rmSync(join(EXAMPLES, name, old), { force: true });
  for (const f of files) {
    const target = join(EXAMPLES, name, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  manifest.added[name] = files.map((f) => f.path);
  console.log(`examples/${name}: ${files.length} file(s) added by adopt`);
}
writeFileSync(ADOPTED_FILE, JSON.stringify(manifest, null, 2) + '\n');
