/**
 * The outbox's operations: alerts on dead-lettered events and on the oldest pending event's age, their runbook
 * guides (inspect, requeue, discard with the contracts' tested SQL) and the dashboard's outbox row.
 */
import { outboxDeadLetterCommand } from '@shipshape/contracts';
import { describe, expect, it } from 'vitest';
import { ordersModel } from '../../test/bundle-fixture.js';
import type { Tier } from '../model/types.js';
import { alertGuide, defaultAlerts, grafanaDashboard } from '../index.js';

const TIERS: Tier[] = ['t0', 't1', 't2'];

describe('outbox alerts', () => {
  it('alerts on dead-lettered events and on the age of the oldest pending one, stricter for lower tiers', () => {
    const alert = (tier: Tier, kind: string) =>
      defaultAlerts(ordersModel(tier)).find((a) => a.name === `Orders${kind}`)!;
    for (const tier of TIERS) {
      const dead = alert(tier, 'OutboxDeadLetter');
      expect(dead.expr).toBe('max(outbox_dead_letter_events{service="orders"}) > 0');
      expect(dead.runbook).toBe('runbooks/orders-outbox-dead-letter.md');
      expect(alert(tier, 'OutboxStalled').expr).toMatch(
        /^max\(outbox_oldest_pending_age_seconds\{service="orders"\}\) > \d+ \* 60$/,
      );
    }
    const maxAge = (tier: Tier) => Number(/> (\d+) \* 60$/.exec(alert(tier, 'OutboxStalled').expr)![1]);
    expect(maxAge('t0')).toBeLessThan(maxAge('t1'));
    expect(maxAge('t1')).toBeLessThan(maxAge('t2'));
    expect(alert('t0', 'OutboxDeadLetter').severity).toBe('page');
  });
});

describe('outbox runbook guides', () => {
  it("tells how to inspect, requeue and discard dead-lettered events with the contracts' tested SQL", () => {
    const model = ordersModel();
    const guide = alertGuide(model, { name: 'OrdersOutboxDeadLetter' })!;
    expect(guide.checks.map((c) => c.command)).toContain(outboxDeadLetterCommand('list'));
    const resolution = guide.resolution.join('\n');
    expect(resolution).toContain(`\`${outboxDeadLetterCommand('requeue')}\``);
    expect(resolution).toContain(`\`${outboxDeadLetterCommand('discard')}\``);
    expect(resolution).toMatch(/requeueDeadLetters\(db, ids\)/);
    const causes = guide.causes.join('\n');
    for (const cause of [/^Oversize/m, /^Poison payload/m, /^NATS down/m]) expect(causes).toMatch(cause);
  });
});

describe('the outbox row of the dashboard', () => {
  it('shows the outbox: pending, the oldest pending age and the dead-lettered events, side by side', () => {
    const d = grafanaDashboard(ordersModel()) as {
      panels: { type: string; title: string; gridPos: { y: number }; targets?: { expr: string }[] }[];
    };
    const row = d.panels.findIndex((p) => p.type === 'row' && p.title === 'Outbox');
    const next = d.panels.findIndex((p, i) => i > row && p.type === 'row');
    const panels = d.panels.slice(row + 1, next);
    expect(panels.map((p) => p.targets!.map((t) => t.expr))).toEqual([
      ['max(outbox_pending_events{service="orders"})'],
      ['max(outbox_oldest_pending_age_seconds{service="orders"})'],
      ['max(outbox_dead_letter_events{service="orders"})'],
    ]);
    expect(new Set(panels.map((p) => p.gridPos.y)).size).toBe(1);
  });
});
