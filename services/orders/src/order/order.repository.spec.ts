import { describe, expect, it } from 'vitest';
import { buildUpdate, COLUMN_OF, toOrder, type OrderRow } from './order.repository.js';

const row: OrderRow = {
  id: '5f0c6f9e-8a7b-4c5d-9e0f-1a2b3c4d5e6f',
  tenant_id: 'tenant-a',
  name: 'name value',
  description: null,
  quantity: null,
  version: 2,
  created_at: new Date('2026-01-02T03:04:05.678Z'),
  updated_at: '2026-01-03T00:00:00.000Z',
};

describe('toOrder', () => {
  it('maps columns to members, timestamps to ISO strings, and never exposes the tenant', () => {
    const order = toOrder(row);
    expect(order).toEqual({
      id: row.id,
      name: 'name value',
      description: null,
      quantity: null,
      version: 2,
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-03T00:00:00.000Z',
    });
    expect(order).not.toHaveProperty('tenant_id');
  });
});

describe('buildUpdate', () => {
  it('sets only the members present, numbering parameters from the given one', () => {
    expect(buildUpdate({ name: 'name value' }, 3)).toEqual({
      set: ['name = $3'],
      params: ['name value'],
    });
  });

  it('turns null into a cleared column (merge patch)', () => {
    expect(buildUpdate({ description: null, name: 'name value' }, 3)).toEqual({
      set: ['name = $3', 'description = $4'],
      params: ['name value', null],
    });
  });

  it('ignores undefined members and knows a column for every writable member', () => {
    expect(buildUpdate({ name: undefined }, 1)).toEqual({ set: [], params: [] });
    expect(Object.keys(COLUMN_OF).sort()).toEqual(['description', 'name', 'quantity']);
  });
});
