#!/usr/bin/env node
/**
 * Copies what the orders service needs at run time into one folder (the Dockerfile's `prune` stage runs it;
 * so does the test that starts the result): its package.json, dist/, migrations/, errors/ and specs, and ONLY
 * its production dependencies, found by npm's own workspace-aware tree
 * (`npm ls --omit=dev --all --parseable --workspace services/orders`), never the whole workspace's.
 * Workspace packages it depends on (linked by npm) are copied as npm would publish them (their `files`).
 *
 * Usage, from the workspace root after `npm ci` and the build: node services/orders/scripts/prune-production.mjs <out>
 * <out> then holds node_modules/ and services/orders/; start it with `node dist/main.js` in <out>/services/orders.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the service reads at run time, relative to its folder (the runtime reads errors/ and migrations/). */
const SERVICE_FILES = [
  'package.json',
  'dist',
  'migrations',
  'errors',
  'openapi',
  'asyncapi',
  'conformance.config.json',
];

const serviceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(serviceDir, '../../');
const service = relative(root, serviceDir).split(sep).join('/');
const out = process.argv[2] ? resolve(process.argv[2]) : undefined;

function fail(message) {
  console.error(`prune-production: ${message}`);
  process.exit(2);
}

if (!out) fail('usage: node services/orders/scripts/prune-production.mjs <output folder>');
if (!existsSync(join(serviceDir, 'dist', 'main.js')))
  fail(`${service}/dist/main.js is missing: build the service first`);
if (!existsSync(join(root, 'node_modules')))
  fail('node_modules is missing at the workspace root: run npm ci first');

let listing;
try {
  listing = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '--workspace', service], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (error) {
  // npm ls exits 1 on an invalid tree (missing or extraneous packages) but still prints it: refuse, the image
  // must not be built from a tree the lockfile does not describe.
  fail(`npm ls reports a broken dependency tree: ${String(error.stderr || error.message).split('\n')[0]}`);
}

/** A linked workspace package as npm would publish it: package.json, its `files`, README and LICENSE. */
function copyPublished(from, to) {
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  mkdirSync(to, { recursive: true });
  const entries = pkg.files ?? ['.'];
  for (const entry of ['package.json', 'README.md', 'LICENSE', ...entries]) {
    const src = join(from, entry);
    if (existsSync(src)) cpSync(src, join(to, entry), { recursive: true, dereference: true });
  }
}

const lines = listing
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((path) => ({ path, real: realpathSync(path) }))
  .filter(({ real }) => real !== serviceDir && real !== root);
const insideModules = (path) => path.split(sep).includes('node_modules');
// npm lists a linked workspace package at its link (node_modules/@scope/name) and that package's own nested
// dependencies under its real folder: map each real folder to where Node will find it in <out>.
const workspaces = new Map(
  lines
    .filter(({ real }) => !insideModules(relative(root, real)))
    .map(({ path, real }) => [real, relative(root, path)]),
);
function placeOf(path) {
  for (const [real, at] of workspaces) {
    if (path.startsWith(real + sep)) return join(at, relative(real, path));
  }
  return relative(root, path);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const { path, real } of lines) {
  const target = join(out, workspaces.has(real) ? workspaces.get(real) : placeOf(path));
  if (workspaces.has(real)) copyPublished(real, target);
  // a registry package, without its nested node_modules (npm ls lists those on their own lines)
  else
    cpSync(real, target, {
      recursive: true,
      dereference: true,
      filter: (src) => !relative(real, src).split(sep).includes('node_modules'),
    });
}
for (const entry of SERVICE_FILES) {
  const src = join(serviceDir, entry);
  if (existsSync(src)) cpSync(src, join(out, service, entry), { recursive: true, dereference: true });
}
console.log(`prune-production: ${service} and ${lines.length} production packages in ${out}`);
