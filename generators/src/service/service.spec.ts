import { readJson, readProjectConfiguration, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readManifest, sha256 } from '../utils/manifest';
import { serviceGenerator, workspacesHint } from './service';

const base = { skipFormat: true, skipInstall: true } as const;

/** Every file path under `dir` (recursive), relative to it. */
function filesUnder(tree: Tree, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const c of tree.children(d)) {
      const p = `${d}/${c}`;
      if (tree.isFile(p)) out.push(p.slice(dir.length + 1));
      else walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

describe('service generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'package.json', { name: 'workspace', private: true }); // no npm scope → org acme
  });

  describe('name', () => {
    it('writes the whole service into services/<name>', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      for (const f of [
        'package.json',
        'project.json',
        'src/app.ts',
        'src/main.ts',
        'src/item/item.routes.ts',
        'src/item/item.repository.ts',
        'src/item/item.schemas.ts',
        'src/item/item.repository.spec.ts',
        'test/item.integration.spec.ts',
        'test/openapi-routes.spec.ts',
        'migrations/0001_items.sql',
        'openapi/orders.yaml',
        'asyncapi/orders.yaml',
        'errors/error-codes.yaml',
        'conformance.config.json',
        '.shipshape/manifest.json',
        '.gitignore',
      ]) {
        expect(tree.exists(`services/orders/${f}`), f).toBe(true);
      }
      expect(tree.exists('.github/workflows/orders.yml')).toBe(true);
    });

    it('registers the project with every target of a Shipshape service', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      const project = readProjectConfiguration(tree, 'orders');
      expect(project.root).toBe('services/orders');
      expect(project.projectType).toBe('application');
      expect(Object.keys(project.targets ?? {}).sort()).toEqual(
        [
          'build',
          'conformance',
          'image',
          'lint',
          'lint-api',
          'load',
          'readiness',
          'serve',
          'test',
          'token',
        ].sort(),
      );
      // what `nx affected -t conformance readiness lint-api` may skip for an unchanged service
      for (const target of ['conformance', 'readiness', 'lint-api']) {
        expect(project.targets?.[target].cache, target).toBe(true);
        expect(project.targets?.[target].inputs?.length, target).toBeGreaterThan(0);
      }
      expect(project.targets?.conformance.outputs).toEqual(['{projectRoot}/reports/conformance']);
      expect(project.targets?.['lint-api'].outputs).toEqual(['{projectRoot}/reports/lint']);
      expect(project.targets?.image.options.command).toBe('node {projectRoot}/scripts/build-image.mjs');
      expect(project.targets?.['lint-api'].options.command).toBe('shipshape lint {projectRoot}');
      expect(project.targets?.conformance.options.command).toBe('shipshape conformance {projectRoot}');
      expect(project.targets?.token.options.command).toBe('shipshape token {projectRoot}');
      expect(project.targets?.serve.continuous).toBe(true);
      expect(project.tags).toEqual(['type:service', 'org:acme', 'tier:t1']);
    });

    it('writes a package depending on @shipshape/runtime', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      const pkg = readJson(tree, 'services/orders/package.json');
      expect(pkg).toMatchObject({ name: '@acme/orders', type: 'module', private: true });
      expect(pkg.dependencies).toEqual({ '@shipshape/runtime': '0.1.0' });
    });

    it.each([
      ['Orders', /DNS label/],
      ['1orders', /DNS label/],
      ['or--ders', /DNS label/],
      ['orders-', /DNS label/],
      ['a'.repeat(64), /DNS label/],
      ['api', /reserved/],
      ['test', /reserved/],
      ['node_modules', /reserved/],
    ])('refuses %s with one line and writes nothing', async (name, message) => {
      const before = tree.listChanges().length;
      const error = await serviceGenerator(tree, { name, ...base }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect(tree.listChanges().length).toBe(before);
    });

    it('refuses a name another project already has', async () => {
      tree.write('libs/orders/project.json', JSON.stringify({ name: 'orders', root: 'libs/orders' }));
      await expect(serviceGenerator(tree, { name: 'orders', ...base })).rejects.toThrow(
        "cannot create service 'orders': a project with this name already exists in libs/orders",
      );
      expect(tree.exists('services/orders')).toBe(false);
    });
  });

  describe('workspace without shared config', () => {
    it('writes a standalone tsconfig and ESLint config when the workspace has none to extend', async () => {
      tree.delete('tsconfig.base.json');
      await serviceGenerator(tree, { name: 'orders', ...base });
      const tsconfig = readJson(tree, 'services/orders/tsconfig.json');
      expect(tsconfig.extends).toBeUndefined();
      expect(tsconfig.compilerOptions).toMatchObject({ module: 'NodeNext', strict: true, noEmit: true });
      expect(tree.read('services/orders/eslint.config.mjs', 'utf-8')).toContain(
        "import tseslint from 'typescript-eslint';",
      );
      expect(readJson(tree, 'services/orders/package.json').devDependencies).toMatchObject({
        eslint: '9.39.5',
        'typescript-eslint': '8.73.0',
      });
    });

    it("extends the workspace's tsconfig.base.json and eslint.config.mjs when they exist", async () => {
      tree.write('eslint.config.mjs', 'export default [];\n');
      await serviceGenerator(tree, { name: 'orders', ...base });
      expect(readJson(tree, 'services/orders/tsconfig.json').extends).toBe('../../tsconfig.base.json');
      expect(tree.read('services/orders/eslint.config.mjs', 'utf-8')).toContain(
        "import root from '../../eslint.config.mjs';",
      );
      expect(readJson(tree, 'services/orders/package.json').devDependencies.eslint).toBeUndefined();
    });
  });

  describe('--directory', () => {
    it('generates into the given directory with paths relative to it', async () => {
      await serviceGenerator(tree, { name: 'billing', directory: 'apps/platform/billing', ...base });
      expect(tree.exists('apps/platform/billing/src/app.ts')).toBe(true);
      expect(readProjectConfiguration(tree, 'billing').root).toBe('apps/platform/billing');
      expect(readJson(tree, 'apps/platform/billing/project.json').$schema).toBe(
        '../../../node_modules/nx/schemas/project-schema.json',
      );
    });

    it.each(['../outside', '/abs/path', 'services/../x'])('refuses %s', async (directory) => {
      await expect(serviceGenerator(tree, { name: 'billing', directory, ...base })).rejects.toThrow(
        /invalid --directory/,
      );
    });

    it('refuses a non-empty directory that is not a Shipshape service', async () => {
      tree.write('services/billing/notes.txt', 'mine');
      await expect(serviceGenerator(tree, { name: 'billing', ...base })).rejects.toThrow(
        'services/billing already exists and is not empty',
      );
    });
  });

  describe('--directory and npm workspaces', () => {
    it.each([
      [['services/*'], 'services/orders', false],
      [['services/*'], 'apps/platform/orders', true],
      [['apps/**'], 'apps/platform/orders', false],
      [['packages/*', 'services/*/'], 'services/orders', false],
    ])('workspaces %j, directory %s → hint %s', (workspaces, directory, hinted) => {
      writeJson(tree, 'package.json', { name: 'workspace', private: true, workspaces });
      const hint = workspacesHint(tree, directory);
      expect(hint !== undefined).toBe(hinted);
      if (hint) expect(hint).toContain(`${directory} is not in the root package.json workspaces`);
    });

    it('says nothing for a workspace without npm workspaces', () => {
      expect(workspacesHint(tree, 'anywhere/orders')).toBeUndefined();
    });
  });

  describe('--org', () => {
    it('defaults to acme, prefixes codes and event types with the org', async () => {
      await serviceGenerator(tree, { name: 'orders', resource: 'order', ...base });
      const registry = parse(tree.read('services/orders/errors/error-codes.yaml', 'utf-8')!);
      expect(registry.org).toBe('acme');
      expect(registry.codes.map((c: { code: string }) => c.code)).toContain('ACME.ORDERS.ORDER_NOT_FOUND');
      expect(tree.read('services/orders/asyncapi/orders.yaml', 'utf-8')).toContain(
        'address: acme.orders.order.created.v1',
      );
    });

    it('takes the npm scope of the root package.json when not given', async () => {
      writeJson(tree, 'package.json', { ...readJson(tree, 'package.json'), name: '@globex/monorepo' });
      await serviceGenerator(tree, { name: 'orders', ...base });
      expect(readManifest(tree, 'services/orders')?.options.org).toBe('globex');
    });

    it('uses an explicit --org, with hyphens becoming underscores in codes', async () => {
      await serviceGenerator(tree, { name: 'orders', org: 'big-co', resource: 'order', ...base });
      expect(tree.read('services/orders/errors/error-codes.yaml', 'utf-8')).toContain(
        'BIG_CO.ORDERS.ORDER_NOT_FOUND',
      );
    });

    it('refuses an org that is not a DNS label', async () => {
      await expect(serviceGenerator(tree, { name: 'orders', org: 'Big Co', ...base })).rejects.toThrow(
        /invalid --org/,
      );
    });
  });

  describe('--tier', () => {
    it('defaults to t1 and records it', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      expect(readManifest(tree, 'services/orders')?.options.tier).toBe('t1');
    });

    it('tags the project with the tier and scales the SLO objectives', async () => {
      await serviceGenerator(tree, { name: 'orders', tier: 't0', ...base });
      expect(readProjectConfiguration(tree, 'orders').tags).toContain('tier:t0');
      const t0 = tree.read('services/orders/ops/slos.yaml', 'utf-8');
      const other = createTreeWithEmptyWorkspace();
      writeJson(other, 'package.json', { name: 'workspace', private: true });
      await serviceGenerator(other, { name: 'orders', tier: 't2', ...base });
      expect(other.read('services/orders/ops/slos.yaml', 'utf-8')).not.toEqual(t0);
    });

    it('refuses an unknown tier', async () => {
      await expect(serviceGenerator(tree, { name: 'orders', tier: 't9' as 't0', ...base })).rejects.toThrow(
        "invalid --tier 't9': use one of t0, t1, t2",
      );
    });
  });

  describe('--owner', () => {
    it('defaults to @<org>/<name>-team', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      expect(readManifest(tree, 'services/orders')?.options.owner).toBe('@acme/orders-team');
    });

    it('renders the owner into the specs', async () => {
      await serviceGenerator(tree, { name: 'orders', owner: '@acme/checkout', ...base });
      expect(tree.read('services/orders/openapi/orders.yaml', 'utf-8')).toContain('name: "@acme/checkout"');
    });
  });

  describe('--resource', () => {
    it('names the first aggregate: routes, table, migration, events', async () => {
      await serviceGenerator(tree, { name: 'shop', resource: 'line-item', ...base });
      expect(tree.exists('services/shop/src/line-item/line-item.routes.ts')).toBe(true);
      const sql = tree.read('services/shop/migrations/0001_line_items.sql', 'utf-8')!;
      expect(sql).toContain('CREATE TABLE line_items (');
      expect(sql).toContain('ALTER TABLE line_items ENABLE ROW LEVEL SECURITY;');
      expect(sql).toContain('ALTER TABLE line_items FORCE ROW LEVEL SECURITY;');
      expect(sql).toContain('USING (tenant_id = (SELECT shipshape_current_tenant()))');
      expect(sql).not.toContain('current_setting');
      expect(sql).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON line_items TO shipshape_app;');
      const app = tree.read('services/shop/src/app.ts', 'utf-8')!;
      expect(app).toContain("import { lineItemRoutes } from './line-item/line-item.routes.js';");
      expect(tree.read('services/shop/openapi/shop.yaml', 'utf-8')).toContain(
        '/api/v1/line-items/{lineItemId}:',
      );
    });

    it.each(['delete', 'class', 'Bad_Name', 'shipshape-outbox'])('refuses %s', async (resource) => {
      await expect(serviceGenerator(tree, { name: 'shop', resource, ...base })).rejects.toThrow(/--resource/);
    });
  });

  describe('--ifMatch', () => {
    const openapi = () => parse(tree.read('services/orders/openapi/orders.yaml', 'utf-8')!);
    const ifMatchRef = (method: string) =>
      openapi().paths['/api/v1/orders/{orderId}'][method].parameters[0].$ref as string;

    it('is optional by default: If-Match declared optional on PATCH and DELETE, 412 but no 428, nothing recorded', async () => {
      await serviceGenerator(tree, { name: 'orders', resource: 'order', ...base });
      expect(ifMatchRef('patch')).toBe('#/components/parameters/IfMatch');
      expect(ifMatchRef('delete')).toBe('#/components/parameters/IfMatch');
      expect(openapi().components.parameters.IfMatch).toMatchObject({
        name: 'If-Match',
        in: 'header',
        required: false,
      });
      expect(openapi().paths['/api/v1/orders/{orderId}'].patch.responses['428']).toBeUndefined();
      expect(tree.read('services/orders/src/order/order.routes.ts', 'utf-8')).toContain(
        'const IF_MATCH_REQUIRED = false;',
      );
      expect(readManifest(tree, 'services/orders')!.options.ifMatch).toBeUndefined();
    });

    it('required: the routes refuse a write without it (428), the spec says so, the manifest keeps it across re-runs', async () => {
      await serviceGenerator(tree, { name: 'orders', resource: 'order', ifMatch: 'required', ...base });
      expect(ifMatchRef('patch')).toBe('#/components/parameters/IfMatchRequired');
      expect(openapi().components.parameters.IfMatchRequired).toMatchObject({
        name: 'If-Match',
        required: true,
      });
      expect(openapi().paths['/api/v1/orders/{orderId}'].delete.responses['428']).toEqual({
        $ref: '#/components/responses/PreconditionRequired',
      });
      expect(tree.read('services/orders/src/order/order.routes.ts', 'utf-8')).toContain(
        'const IF_MATCH_REQUIRED = true;',
      );
      expect(readManifest(tree, 'services/orders')!.options.ifMatch).toEqual({ order: 'required' });
      await serviceGenerator(tree, { name: 'orders', ...base });
      expect(readManifest(tree, 'services/orders')!.options.ifMatch).toEqual({ order: 'required' });
      await serviceGenerator(tree, { name: 'orders', ifMatch: 'optional', ...base });
      expect(readManifest(tree, 'services/orders')!.options.ifMatch).toBeUndefined();
      expect(ifMatchRef('patch')).toBe('#/components/parameters/IfMatch');
    });

    it('refuses anything but optional or required', async () => {
      await expect(
        serviceGenerator(tree, { name: 'orders', ifMatch: 'always' as 'required', ...base }),
      ).rejects.toThrow("invalid --ifMatch 'always': use optional");
    });
  });

  describe('manifest', () => {
    it('records the generator version, the options and the sha256 of every generated file', async () => {
      await serviceGenerator(tree, { name: 'orders', resource: 'order', ...base });
      const manifest = readManifest(tree, 'services/orders')!;
      expect(manifest.generatorVersion).toBe('0.1.0');
      expect(manifest.options).toEqual({
        name: 'orders',
        org: 'acme',
        tier: 't1',
        owner: '@acme/orders-team',
        resources: ['order'],
      });
      expect(manifest.migrations).toEqual({ order: 1 });
      const files = filesUnder(tree, 'services/orders').filter((f) => f !== '.shipshape/manifest.json');
      expect(Object.keys(manifest.files).sort()).toEqual(files);
      for (const f of files) {
        expect(manifest.files[f], f).toBe(sha256(tree.read(`services/orders/${f}`)!));
      }
      expect(manifest.workspaceFiles['.github/workflows/orders.yml']).toBe(
        sha256(tree.read('.github/workflows/orders.yml')!),
      );
    });
  });

  describe('--force (re-running the generator)', () => {
    it('re-runs cleanly over untouched files', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      await expect(serviceGenerator(tree, { name: 'orders', ...base })).resolves.toBeTypeOf('function');
    });

    it('keeps the options of the first run that it is not given again', async () => {
      await serviceGenerator(tree, {
        name: 'orders',
        resource: 'order',
        tier: 't0',
        owner: '@acme/x',
        ...base,
      });
      await serviceGenerator(tree, { name: 'orders', ...base });
      expect(readManifest(tree, 'services/orders')?.options).toEqual({
        name: 'orders',
        org: 'acme',
        tier: 't0',
        owner: '@acme/x',
        resources: ['order'],
      });
      expect(tree.read('services/orders/src/app.ts', 'utf-8')).toContain('await orderRoutes(api);');
    });

    it('refuses another --resource on a re-run, pointing at the resource generator', async () => {
      await serviceGenerator(tree, { name: 'orders', resource: 'order', ...base });
      await expect(serviceGenerator(tree, { name: 'orders', resource: 'refund', ...base })).rejects.toThrow(
        "service 'orders' was generated with --resource order; add another aggregate with: nx g @shipshape/generators:resource refund --project orders",
      );
    });

    it('refuses to overwrite an edited file in one line, and writes nothing', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      tree.write('services/orders/src/app.ts', '// mine\n');
      const manifestBefore = tree.read('services/orders/.shipshape/manifest.json', 'utf-8');
      // a different tier changes the rendered app? no — change the owner, which changes the specs and package
      tree.write('services/orders/openapi/orders.yaml', 'openapi: 3.1.0 # edited\n');
      const error = await serviceGenerator(tree, { name: 'orders', owner: '@acme/new-team', ...base }).catch(
        (e: Error) => e,
      );
      expect((error as Error).message).toBe(
        'refusing to overwrite a file changed since generation: services/orders/openapi/orders.yaml; re-run with --force to overwrite',
      );
      expect(tree.read('services/orders/.shipshape/manifest.json', 'utf-8')).toBe(manifestBefore);
    });

    it('keeps an edit whose template output did not change', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      tree.write('services/orders/src/main.ts', '// my own entry point\n');
      await serviceGenerator(tree, { name: 'orders', owner: '@acme/new-team', ...base });
      expect(tree.read('services/orders/src/main.ts', 'utf-8')).toBe('// my own entry point\n');
      const manifest = readManifest(tree, 'services/orders')!;
      expect(manifest.files['src/main.ts']).not.toBe(sha256('// my own entry point\n'));
    });

    it('overwrites edited files with --force', async () => {
      await serviceGenerator(tree, { name: 'orders', ...base });
      tree.write('services/orders/openapi/orders.yaml', 'edited\n');
      await serviceGenerator(tree, { name: 'orders', owner: '@acme/new-team', force: true, ...base });
      expect(tree.read('services/orders/openapi/orders.yaml', 'utf-8')).toContain('@acme/new-team');
    });
  });

  describe('--skipFormat', () => {
    it("formats with the workspace's Prettier config and hashes the formatted files", async () => {
      tree.write('.prettierrc', JSON.stringify({ singleQuote: false }));
      await serviceGenerator(tree, { name: 'orders', skipInstall: true });
      const app = tree.read('services/orders/src/app.ts', 'utf-8')!;
      expect(app).toContain('import { fileURLToPath } from "node:url";');
      expect(readManifest(tree, 'services/orders')!.files['src/app.ts']).toBe(sha256(app));
      // the manifest itself is formatted too (a workspace's `prettier --check` must not trip on it)
      expect(tree.read('services/orders/.shipshape/manifest.json', 'utf-8')).toContain(
        '"resources": ["item"]',
      );
    });

    it('leaves the templates as rendered with --skipFormat', async () => {
      tree.write('.prettierrc', JSON.stringify({ singleQuote: false }));
      await serviceGenerator(tree, { name: 'orders', ...base });
      expect(tree.read('services/orders/src/app.ts', 'utf-8')).toContain(
        "import { fileURLToPath } from 'node:url';",
      );
    });
  });

  describe('--skipInstall', () => {
    it('returns a task (npm install) unless --skipInstall', async () => {
      const task = await serviceGenerator(tree, { name: 'orders', skipFormat: true });
      expect(task).toBeTypeOf('function');
    });
  });
});
