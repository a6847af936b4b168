/**
 * The container image of a generated service, proven without a container engine: the Dockerfile passes the
 * static check (and the check fails on each defect it exists for), the image it builds is the one the chart
 * deploys and the CI workflow pushes, and the ignore file keeps dependencies, data and secrets out of the
 * context. `docker build` (via the service's image target) runs only where an engine is on PATH. That the pruned
 * production folder starts and answers /health/ready against PostgreSQL is proven by
 * generators/e2e/image.e2e.spec.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderService, type ServiceModel } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { checkDockerfile } from './dockerfile-check.js';

function rendered(model: ServiceModel) {
  const { service, workspace } = renderService(model, { tsconfigBase: true, rootEslint: true });
  const files = new Map(service.map((f) => [`${model.directory}/${f.path}`, f.content]));
  for (const f of workspace) files.set(f.path, f.content);
  const get = (path: string) => {
    const content = files.get(path);
    if (content === undefined) throw new Error(`${path} not rendered`);
    return content;
  };
  // the build context is the workspace root: what the generator writes, plus the lockfile npm ci reads
  const exists = (p: string) =>
    p === '.' ||
    p === 'package.json' ||
    p === 'package-lock.json' ||
    [...files.keys()].some((f) => f === p || f.startsWith(`${p}/`));
  return { files, get, exists };
}

const model = ordersModel('t1');
const svc = rendered(model);
const dockerfile = svc.get('services/orders/Dockerfile');

describe('the Dockerfile of a generated service', () => {
  it('passes the static check', () => {
    expect(checkDockerfile(dockerfile, svc.exists)).toEqual([]);
  });

  it.each([
    ['USER root', (d: string) => d.replace(/^USER .*$/m, 'USER root'), 'non-root-user'],
    ['USER 0:0', (d: string) => d.replace(/^USER .*$/m, 'USER 0:0'), 'non-root-user'],
    ['no USER', (d: string) => d.replace(/^USER .*$/m, ''), 'non-root-user'],
    [
      'a latest tag',
      (d: string) => d.replace(/^ARG NODE_IMAGE=.*$/m, 'ARG NODE_IMAGE=node:latest@sha256:' + 'a'.repeat(64)),
      'base-image-pinned',
    ],
    [
      'no digest',
      (d: string) => d.replace(/^ARG NODE_IMAGE=.*$/m, 'ARG NODE_IMAGE=node:20-bookworm-slim'),
      'base-image-pinned',
    ],
    [
      'a token in ENV',
      (d: string) => d.replace(/^ENV NODE_ENV=/m, 'ENV API_TOKEN=abc NODE_ENV='),
      'no-secrets',
    ],
    ['a secret ARG', (d: string) => d.replace(/^ARG REVISION=.*$/m, 'ARG AUTH_DEV_SECRET=x'), 'no-secrets'],
    [
      'a credential in a value',
      (d: string) => d.replace(/^ARG SOURCE=.*$/m, 'ARG SOURCE=postgres://app:hunter2@db/orders'),
      'no-secrets',
    ],
    [
      'a COPY of a missing file',
      (d: string) => d.replace(/^COPY \. \.$/m, 'COPY . .\nCOPY tools/missing.sh /usr/local/bin/'),
      'copy-source-exists',
    ],
    [
      'a COPY from an unknown stage',
      (d: string) => d.replace('--from=prune', '--from=pruned'),
      'copy-source-exists',
    ],
    [
      'a COPY of what the stage never writes',
      (d: string) => d.replace('/prod/ /app/', '/release/ /app/'),
      'copy-source-exists',
    ],
  ])('fails on %s', (_, mutate, rule) => {
    const mutated = mutate(dockerfile);
    expect(mutated).not.toBe(dockerfile);
    expect(checkDockerfile(mutated, svc.exists).map((p) => p.rule)).toContain(rule);
  });

  it('is multi-stage: lockfile install, this service built and pruned, a slim runtime stage', () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(froms).toEqual([
      ['${NODE_IMAGE}', 'build'],
      ['build', 'prune'],
      ['${NODE_IMAGE}', 'runtime'],
    ]);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim@sha256:0{64}$/m);
    expect(dockerfile).toMatch(/^RUN npm ci /m);
    expect(dockerfile).toContain('RUN npx nx run orders:build');
    expect(dockerfile).toContain('RUN node services/orders/scripts/prune-production.mjs /prod');
    expect(svc.files.has('services/orders/scripts/prune-production.mjs')).toBe(true);
  });

  it('runs node itself as PID 1 with the exec form, no HEALTHCHECK, and carries the OCI labels', () => {
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK NONE$/m);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    for (const label of ['source', 'revision', 'version', 'title'])
      expect(dockerfile).toContain(`org.opencontainers.image.${label}=`);
  });

  it('runs as the user and on the port the chart sets, with files it cannot write', () => {
    const values = parse(svc.get('services/orders/helm/orders/values.yaml'));
    expect(dockerfile).toMatch(
      new RegExp(
        `^USER ${values.podSecurityContext.runAsUser}:${values.podSecurityContext.runAsGroup}$`,
        'm',
      ),
    );
    expect(values.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${values.service.port}$`, 'm'));
    expect(dockerfile).toContain('COPY --from=prune --chown=0:0 /prod/ /app/');
  });

  it('keeps dependencies, build output, local data and secrets out of the build context', () => {
    const ignore = svc.get('services/orders/Dockerfile.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '**/.data', '**/.env', '**/.git', '**/reports'])
      expect(ignore).toContain(entry);
  });
});

describe('the image the chart deploys is the one CI pushes and the image target builds', () => {
  it.each(['t0', 't2'] as const)('holds for a %s service of another org', (tier) => {
    const other = rendered({
      ...ordersModel(tier),
      org: 'globex',
      image: { ...ordersModel(tier).image, repository: 'globex/orders' },
    });
    const values = parse(other.get('services/orders/helm/orders/values.yaml'));
    expect(values.image.repository).toBe('globex/orders');
  });

  it('values.yaml image.repository + Chart appVersion = the CI tag = the image target tag', () => {
    const values = parse(svc.get('services/orders/helm/orders/values.yaml'));
    const chart = parse(svc.get('services/orders/helm/orders/Chart.yaml'));
    const ref = `${values.image.repository}:${values.image.tag || chart.appVersion}`;
    expect(ref).toBe(`${model.image.repository}:${model.version}`);

    const workflow = parse(svc.get('.github/workflows/orders.yml'));
    const push = (workflow.jobs.image.steps as { uses?: string; with?: Record<string, unknown> }[]).find(
      (s) => s.uses?.startsWith('docker/build-push-action@'),
    );
    expect(push?.with?.file).toBe('services/orders/Dockerfile');
    expect(push?.with?.context).toBe('.');
    expect(String(push?.with?.tags).split('\n')).toContain(ref);
    expect(workflow.jobs.image.needs).toBe('verify');

    const project = JSON.parse(svc.get('services/orders/project.json'));
    expect(project.targets.image.options.command).toBe('node {projectRoot}/scripts/build-image.mjs');
    expect(svc.get('services/orders/scripts/build-image.mjs')).toContain(
      `const tag = \`${values.image.repository}:\${`,
    );
  });
});

const engine = ['docker', 'podman', 'buildah'].find((e) => spawnSync(e, ['--version']).status === 0);
describe('the image target', () => {
  it('says in one line that no engine is on PATH, or builds with the one there is', () => {
    if (engine) console.log(`${engine} is on PATH: the generated image target would build with it`);
    // the script is exercised for real against the committed example by generators/e2e/image.e2e.spec.ts
    expect(svc.get('services/orders/scripts/build-image.mjs')).toContain(
      "console.log(`image: no container engine on PATH (${ENGINES.join(', ')}); nothing built`);",
    );
  });
});

describe('the image of the shipshape CLI (conformance/Dockerfile)', () => {
  const repo = join(__dirname, '..', '..');
  const text = readFileSync(join(repo, 'conformance', 'Dockerfile'), 'utf8');

  it('follows the same rules: pinned slim Node 20, non-root numeric user, no secrets, sources that exist', () => {
    expect(checkDockerfile(text, (p) => existsSync(join(repo, p)))).toEqual([]);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim@sha256:0{64}$/m);
    expect(text).toContain(
      'npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace packages/cli',
    );
    expect(text).toMatch(/^ENTRYPOINT \["shipshape"\]$/m);
    expect(existsSync(join(repo, 'conformance', 'Dockerfile.dockerignore'))).toBe(true);
  });

  it('is the image the generated charts run in their helm test hook', () => {
    const values = parse(svc.get('services/orders/helm/orders/values.yaml'));
    expect(values.conformanceTest.image.repository).toBe('shipshape/conformance');
    expect(text).toContain('docker build -f conformance/Dockerfile -t shipshape/conformance:');
  });
});
