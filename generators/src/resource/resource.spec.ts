import { writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serviceGenerator } from '../service/service';
import { readManifest, sha256 } from '../utils/manifest';
import { resourceGenerator } from './resource';

describe('resource generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'package.json', { name: 'workspace', private: true });
    await serviceGenerator(tree, { name: 'orders', resource: 'order', skipFormat: true, skipInstall: true });
  });

  describe('name', () => {
    it('adds the aggregate: code, tests, next migration with RLS', async () => {
      await resourceGenerator(tree, { name: 'customer', project: 'orders', skipFormat: true });
      for (const f of [
        'src/customer/customer.routes.ts',
        'src/customer/customer.repository.ts',
        'src/customer/customer.schemas.ts',
        'src/customer/customer.repository.spec.ts',
        'test/customer.integration.spec.ts',
      ]) {
        expect(tree.exists(`services/orders/${f}`), f).toBe(true);
      }
      const sql = tree.read('services/orders/migrations/0002_customers.sql', 'utf-8')!;
      expect(sql).toContain('CREATE TABLE customers (');
      expect(sql).toContain('ALTER TABLE customers FORCE ROW LEVEL SECURITY;');
      // the first migration is untouched
      expect(tree.exists('services/orders/migrations/0001_orders.sql')).toBe(true);
    });

    it('registers the routes, error codes, events and spec entries that list aggregates', async () => {
      await resourceGenerator(tree, { name: 'customer', project: 'orders', skipFormat: true });
      const app = tree.read('services/orders/src/app.ts', 'utf-8')!;
      expect(app).toContain('await orderRoutes(api);');
      expect(app).toContain('await customerRoutes(api);');
      const openapi = parse(tree.read('services/orders/openapi/orders.yaml', 'utf-8')!);
      expect(Object.keys(openapi.paths)).toEqual([
        '/api/v1/orders',
        '/api/v1/orders/{orderId}',
        '/api/v1/customers',
        '/api/v1/customers/{customerId}',
      ]);
      expect(openapi.components.schemas.Problem.properties.code.enum).toContain(
        'ACME.ORDERS.CUSTOMER_NOT_FOUND',
      );
      const asyncapi = parse(tree.read('services/orders/asyncapi/orders.yaml', 'utf-8')!);
      expect(Object.values<{ address: string }>(asyncapi.channels).map((c) => c.address)).toContain(
        'acme.orders.customer.deleted.v1',
      );
      const registry = parse(tree.read('services/orders/errors/error-codes.yaml', 'utf-8')!);
      expect(registry.codes.map((c: { code: string }) => c.code)).toContain('ACME.ORDERS.CUSTOMER_NOT_FOUND');
    });

    it('records the aggregate and its migration in the manifest', async () => {
      await resourceGenerator(tree, { name: 'customer', project: 'orders', skipFormat: true });
      const manifest = readManifest(tree, 'services/orders')!;
      expect(manifest.options.resources).toEqual(['order', 'customer']);
      expect(manifest.migrations).toEqual({ order: 1, customer: 2 });
      expect(manifest.files['migrations/0002_customers.sql']).toBe(
        sha256(tree.read('services/orders/migrations/0002_customers.sql')!),
      );
    });

    it('numbers after migrations a person added', async () => {
      tree.write('services/orders/migrations/0007_backfill.sql', 'SELECT 1;\n');
      await resourceGenerator(tree, { name: 'customer', project: 'orders', skipFormat: true });
      expect(tree.exists('services/orders/migrations/0008_customers.sql')).toBe(true);
    });

    it('refuses an aggregate the service already has', async () => {
      await expect(resourceGenerator(tree, { name: 'order', project: 'orders' })).rejects.toThrow(
        "service 'orders' already has the aggregate 'order'",
      );
    });

    it('refuses an invalid name in one line', async () => {
      await expect(resourceGenerator(tree, { name: 'Customer', project: 'orders' })).rejects.toThrow(
        /^invalid resource name 'Customer'/,
      );
    });
  });

  describe('--ifMatch', () => {
    const ifMatchOf = (path: string) => {
      const doc = parse(tree.read('services/orders/openapi/orders.yaml', 'utf-8')!);
      return (doc.paths[path].patch.parameters[0].$ref as string).split('/').pop();
    };

    it('sets the new aggregate’s policy, leaving the others as they are', async () => {
      await resourceGenerator(tree, {
        name: 'customer',
        project: 'orders',
        ifMatch: 'required',
        skipFormat: true,
      });
      expect(ifMatchOf('/api/v1/customers/{customerId}')).toBe('IfMatchRequired');
      expect(ifMatchOf('/api/v1/orders/{orderId}')).toBe('IfMatch');
      expect(readManifest(tree, 'services/orders')!.options.ifMatch).toEqual({ customer: 'required' });
    });

    it('given an aggregate the service has, changes only its setting', async () => {
      await resourceGenerator(tree, {
        name: 'order',
        project: 'orders',
        ifMatch: 'required',
        skipFormat: true,
      });
      expect(ifMatchOf('/api/v1/orders/{orderId}')).toBe('IfMatchRequired');
      expect(readManifest(tree, 'services/orders')!.options.resources).toEqual(['order']);
      expect(tree.read('services/orders/src/order/order.routes.ts', 'utf-8')).toContain(
        'const IF_MATCH_REQUIRED = true;',
      );
      await resourceGenerator(tree, {
        name: 'order',
        project: 'orders',
        ifMatch: 'optional',
        skipFormat: true,
      });
      expect(ifMatchOf('/api/v1/orders/{orderId}')).toBe('IfMatch');
    });

    it('an aggregate the service has, without --ifMatch, is refused naming the flag', async () => {
      await expect(resourceGenerator(tree, { name: 'order', project: 'orders' })).rejects.toThrow(
        "service 'orders' already has the aggregate 'order' (--ifMatch optional|required changes its If-Match setting)",
      );
    });
  });

  describe('--project', () => {
    it('refuses an unknown project', async () => {
      await expect(resourceGenerator(tree, { name: 'customer', project: 'nope' })).rejects.toThrow(
        "no project named 'nope' in this workspace",
      );
    });

    it('refuses a project that is not a Shipshape service', async () => {
      tree.write('libs/util/project.json', JSON.stringify({ name: 'util', root: 'libs/util' }));
      await expect(resourceGenerator(tree, { name: 'customer', project: 'util' })).rejects.toThrow(
        "'util' is not a Shipshape service (no libs/util/.shipshape/manifest.json)",
      );
    });
  });

  describe('--force', () => {
    it('refuses when a file it must update was edited, naming it, and writes nothing', async () => {
      tree.write('services/orders/src/app.ts', '// my routes\n');
      const changes = tree.listChanges().length;
      await expect(
        resourceGenerator(tree, { name: 'customer', project: 'orders', skipFormat: true }),
      ).rejects.toThrow(
        'refusing to overwrite a file changed since generation: services/orders/src/app.ts; re-run with --force to overwrite',
      );
      expect(tree.listChanges().length).toBe(changes);
      expect(tree.exists('services/orders/src/customer/customer.routes.ts')).toBe(false);
    });

    it('keeps edits of files the new aggregate does not change', async () => {
      const edited = "// tuned by hand\nexport const definitionNote = 'mine';\n";
      tree.write('services/orders/src/order/order.routes.ts', edited);
      await resourceGenerator(tree, { name: 'customer', project: 'orders', skipFormat: true });
      expect(tree.read('services/orders/src/order/order.routes.ts', 'utf-8')).toBe(edited);
    });

    it('keeps edits of unchanged templates in a workspace whose Prettier reformats the output', async () => {
      const formatted = createTreeWithEmptyWorkspace();
      writeJson(formatted, 'package.json', { name: 'workspace', private: true });
      formatted.write('.prettierrc', JSON.stringify({ singleQuote: false }));
      await serviceGenerator(formatted, { name: 'orders', resource: 'order', skipInstall: true });
      const edited = '// my own entry point\n';
      formatted.write('services/orders/src/main.ts', edited);
      await resourceGenerator(formatted, { name: 'customer', project: 'orders' });
      expect(formatted.read('services/orders/src/main.ts', 'utf-8')).toBe(edited);
      expect(formatted.read('services/orders/src/app.ts', 'utf-8')).toContain('customerRoutes');
    });

    it('overwrites edited files with --force', async () => {
      tree.write('services/orders/src/app.ts', '// my routes\n');
      await resourceGenerator(tree, { name: 'customer', project: 'orders', force: true, skipFormat: true });
      expect(tree.read('services/orders/src/app.ts', 'utf-8')).toContain('customerRoutes');
    });
  });
});
