/**
 * A generated service is already adopted: its shipshape.yaml, bundle, runbooks, registry, conformance config
 * and CI workflow exist, so adopt plans nothing — and plans exactly what goes missing.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planAdoption } from '../src/index.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const root = mkdtempSync(join(tmpdir(), 'adopt-orders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dir = join(root, 'services', 'orders');
mkdirSync(join(root, '.git'));
cpSync(join(repo, 'services', 'orders'), dir, {
  recursive: true,
  filter: (src) => !/[/\\](node_modules|reports|\.data)$/.test(src),
});
cpSync(join(repo, '.github', 'workflows', 'orders.yml'), join(root, '.github', 'workflows', 'orders.yml'));

describe('adopt on the generated services/orders', () => {
  it('plans nothing: every piece is there, the README links the bundle, CI judges it', () => {
    const plan = planAdoption(dir);
    expect(plan.descriptorExisted).toBe(true);
    expect(plan.files.map((f) => f.path)).toEqual([]);
    expect(plan.notes.filter((n) => n.includes('README'))).toEqual([]);
  });

  it('plans exactly what went missing', () => {
    rmSync(join(dir, 'docs', 'DATA_MODEL.md'));
    rmSync(join(dir, 'runbooks', 'orders-not-ready.md'));
    rmSync(join(root, '.github'), { recursive: true });
    expect(
      planAdoption(dir)
        .files.map((f) => f.path)
        .sort(),
    ).toEqual([
      '../../.github/workflows/orders-readiness.yml',
      'docs/DATA_MODEL.md',
      'runbooks/orders-not-ready.md',
    ]);
  });
});
