import { writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readSloOverrides, sloFileFormat } from '@shipshape/templates';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serviceGenerator } from '../../service/service';
import { syncGenerator } from '../../sync/sync';
import { readManifest, sha256 } from '../../utils/manifest';
import opensloSlos from './openslo-slos';

const LEGACY = `service: orders
tier: t1
slos:
  - id: availability
    objective: 0.995
    errorBudget: 0.005
    window: 28d
  - id: latency-p95
    objective: 0.95
    window: 30d
    thresholdMs: 500
`;

async function service(): Promise<Tree> {
  const tree = createTreeWithEmptyWorkspace();
  writeJson(tree, 'package.json', { name: 'workspace', private: true });
  await serviceGenerator(tree, { name: 'orders', resource: 'order', skipFormat: true, skipInstall: true });
  return tree;
}
const read = (tree: Tree, path: string) => tree.read(`services/orders/${path}`, 'utf-8') ?? '';
const burnExpr = (tree: Tree) =>
  (parse(read(tree, 'ops/alerts.yaml')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups
    .flatMap((g) => g.rules)
    .find((r) => r.alert === 'OrdersErrorBudgetBurnFast')!.expr;

describe('migration update-0-3-0/openslo-slos', () => {
  it('converts an older SLO list to OpenSLO v1, keeping its objectives, and re-renders what derives from them', async () => {
    const tree = await service();
    const manifest = readManifest(tree, 'services/orders')!;
    tree.write('services/orders/ops/slos.yaml', LEGACY); // as an older generator wrote it, then edited
    manifest.files['ops/slos.yaml'] = sha256('an older rendering\n');
    tree.write('services/orders/.shipshape/manifest.json', JSON.stringify(manifest));

    await opensloSlos(tree);
    const text = read(tree, 'ops/slos.yaml');
    expect(sloFileFormat(text)).toBe('openslo');
    expect(readSloOverrides(text)).toMatchObject({
      availability: { objective: 0.995, window: '28d' },
      'latency-p95': { objective: 0.95, thresholdMs: 500 },
      'latency-p99': { objective: 0.99, thresholdMs: 1000 }, // not in the old file: the tier's default
    });
    expect(burnExpr(tree)).toContain('(14.4 * 0.005)');
    expect(read(tree, 'docs/OBSERVABILITY.md')).toContain('| Availability | 99.5 % |');
    expect(read(tree, 'load/orders.k6.js')).toContain('p(95)<500');
  });

  it('leaves OpenSLO files and files in no known format alone', async () => {
    const tree = await service();
    const before = read(tree, 'ops/slos.yaml');
    await opensloSlos(tree);
    expect(read(tree, 'ops/slos.yaml')).toBe(before);
    tree.write('services/orders/ops/slos.yaml', 'objectives: 3\n');
    await opensloSlos(tree);
    expect(read(tree, 'ops/slos.yaml')).toBe('objectives: 3\n');
  });
});

describe('ops/slos.yaml is the source of the SLOs', () => {
  it('an objective edited there reaches the alerts and docs on the next sync', async () => {
    const tree = await service();
    const edited = read(tree, 'ops/slos.yaml').replace(
      /(name: orders-availability\n(?:.*\n)*?\s+target: )0\.999/,
      '$10.9995',
    );
    expect(edited).not.toBe(read(tree, 'ops/slos.yaml'));
    tree.write('services/orders/ops/slos.yaml', edited);
    await syncGenerator(tree, { skipFormat: true });
    expect(read(tree, 'ops/slos.yaml')).toBe(edited); // the edit stays: it is what the templates render now
    expect(burnExpr(tree)).toContain('(14.4 * 0.0005)');
    expect(read(tree, 'docs/OBSERVABILITY.md')).toContain('| Availability | 99.95 % |');
  });

  it('another tier on a re-run starts from that tier', async () => {
    const tree = await service();
    await serviceGenerator(tree, { name: 'orders', tier: 't0', skipFormat: true, skipInstall: true });
    expect(readSloOverrides(read(tree, 'ops/slos.yaml')).availability.objective).toBe(0.9995);
  });
});
