import { buildServiceModel, defaultAlerts, type AlertModel } from '@shipshape/templates';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../utils/manifest';
import { fromManifest, SETTING_KEYS, toManifest, type ServiceSettings } from './options';

const settings: ServiceSettings = {
  name: 'orders',
  org: 'acme',
  tier: 't0',
  owner: '@acme/orders-team',
  resources: ['order', 'line-item'],
};
const extra: AlertModel = {
  name: 'OrdersStuck',
  slug: 'orders-stuck',
  severity: 'ticket',
  expr: 'up == 0',
  for: '5m',
  summary: 's',
  description: 'd',
  runbook: 'runbooks/orders-stuck.md',
  runbookUrl: 'services/orders/runbooks/orders-stuck.md',
};

function model(s: ServiceSettings, migrations: Record<string, number>) {
  const m = buildServiceModel({
    ...s,
    resource: s.resources[0],
    resources: s.resources.slice(1),
    migrations,
    ifMatch: s.ifMatch,
    directory: 'services/orders',
  });
  m.alerts = [...m.alerts, ...(s.alerts ?? [])];
  return m;
}

describe('fromManifest / toManifest', () => {
  it('round-trips every setting and the migration numbers', () => {
    const withAlert: ServiceSettings = { ...settings, ifMatch: { 'line-item': 'required' }, alerts: [extra] };
    const recorded = toManifest(withAlert, model(withAlert, { order: 1, 'line-item': 3 }));
    expect(recorded.migrations).toEqual({ order: 1, 'line-item': 3 });
    expect(Object.keys(recorded.options)).toEqual([...SETTING_KEYS]);
    const manifest: Manifest = {
      generator: '@shipshape/generators',
      generatorVersion: '0.1.0',
      files: {},
      workspaceFiles: {},
      ...recorded,
    };
    const back = fromManifest(manifest, 'services/orders', { force: true });
    expect(back).toMatchObject({
      ...withAlert,
      directory: 'services/orders',
      force: true,
      skipInstall: true,
    });
    expect(back.migrations).toEqual(recorded.migrations);
    expect(back.previous).toBe(manifest);
  });

  it('records only the aggregates whose If-Match is required', () => {
    const s: ServiceSettings = { ...settings, ifMatch: { order: 'optional', 'line-item': 'required' } };
    expect(toManifest(s, model(s, {})).options.ifMatch).toEqual({ 'line-item': 'required' });
  });

  it('records only the alerts a person added, and no empty alerts list', () => {
    const m = model(settings, {});
    expect(m.alerts.length).toBe(defaultAlerts(m).length);
    const recorded = toManifest(settings, m);
    expect(recorded.options).not.toHaveProperty('alerts');
    expect(recorded.options).not.toHaveProperty('ifMatch');
    expect(Object.keys(recorded.options)).toEqual(['name', 'org', 'tier', 'owner', 'resources']);
  });
});
