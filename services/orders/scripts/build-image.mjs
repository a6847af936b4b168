#!/usr/bin/env node
/**
 * `nx run orders:image`: builds the orders image from the workspace root with the first container engine
 * on PATH (docker, podman, then buildah), tagged acme/orders:<version> — the repository and tag the Helm
 * chart deploys (values.yaml image.repository, Chart.yaml appVersion). Without an engine it says so in one line.
 *
 * Environment: NODE_IMAGE (the pinned base, `node:…@sha256:…`; required while the Dockerfile still carries the
 * placeholder digest), IMAGE_TAG (default: the service version), IMAGE_SOURCE and IMAGE_REVISION (OCI labels;
 * default: the git remote and commit when git knows them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINES = ['docker', 'podman', 'buildah'];
const PLACEHOLDER = /@sha256:0{64}\b/;

const serviceDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(serviceDir, '../../');
const dockerfile = join(serviceDir, 'Dockerfile');
const ignorefile = `${dockerfile}.dockerignore`;
const { version } = JSON.parse(readFileSync(join(serviceDir, 'package.json'), 'utf8'));

const onPath = (cmd) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
const git = (...args) => {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
};

const engine = ENGINES.find(onPath);
if (!engine) {
  console.log(`image: no container engine on PATH (${ENGINES.join(', ')}); nothing built`);
  process.exit(0);
}
const base = process.env.NODE_IMAGE;
if (!base && PLACEHOLDER.test(readFileSync(dockerfile, 'utf8'))) {
  console.error(
    'image: the Dockerfile pins the base image by a placeholder digest; set NODE_IMAGE=node:<version>-bookworm-slim@sha256:<digest> or replace the zeros in the Dockerfile',
  );
  process.exit(2);
}
const tag = `acme/orders:${process.env.IMAGE_TAG || version}`;
const args = [
  ...(engine === 'buildah' ? ['bud'] : ['build']),
  '--file',
  relative(root, dockerfile),
  ...(engine === 'docker' ? [] : ['--ignorefile', relative(root, ignorefile)]),
  '--tag',
  tag,
  '--build-arg',
  `VERSION=${version}`,
  '--build-arg',
  `REVISION=${process.env.IMAGE_REVISION || git('rev-parse', 'HEAD') || 'unknown'}`,
  '--build-arg',
  `SOURCE=${process.env.IMAGE_SOURCE || git('remote', 'get-url', 'origin') || 'unknown'}`,
  ...(base ? ['--build-arg', `NODE_IMAGE=${base}`] : []),
  '.',
];
console.log(`image: ${engine} ${args.join(' ')}`);
const result = spawnSync(engine, args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
