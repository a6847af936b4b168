import { describe, expect, it } from 'vitest';
import type { TenantContext } from './claims.js';
import { VerifiedTokenCache } from './token-cache.js';

const tenant = (id: string): TenantContext => ({ id, subject: 's', claims: {} });
const T0 = 1_000_000_000_000;
const farExp = T0 / 1000 + 3600;

describe('VerifiedTokenCache', () => {
  it('remembers a token until its exp or the ttl, whichever comes first', () => {
    const cache = new VerifiedTokenCache(10, 60_000);
    cache.set('by-ttl', tenant('a'), farExp, T0);
    cache.set('by-exp', tenant('b'), T0 / 1000 + 10, T0);
    expect(cache.get('by-ttl', T0 + 59_999)?.id).toBe('a');
    expect(cache.get('by-ttl', T0 + 60_000)).toBeUndefined();
    expect(cache.get('by-exp', T0 + 9_999)?.id).toBe('b');
    expect(cache.get('by-exp', T0 + 10_000)).toBeUndefined();
  });

  it('stores nothing already expired, and nothing at size 0', () => {
    const cache = new VerifiedTokenCache(10, 60_000);
    cache.set('expired', tenant('a'), T0 / 1000, T0);
    expect(cache.get('expired', T0)).toBeUndefined();
    const off = new VerifiedTokenCache(0, 60_000);
    off.set('t', tenant('a'), farExp, T0);
    expect(off.get('t', T0)).toBeUndefined();
  });

  it('evicts the least recently used token when full', () => {
    const cache = new VerifiedTokenCache(2, 60_000);
    cache.set('one', tenant('1'), farExp, T0);
    cache.set('two', tenant('2'), farExp, T0);
    expect(cache.get('one', T0)?.id).toBe('1'); // `two` is now the oldest
    cache.set('three', tenant('3'), farExp, T0);
    expect(cache.get('two', T0)).toBeUndefined();
    expect(cache.get('one', T0)?.id).toBe('1');
    expect(cache.get('three', T0)?.id).toBe('3');
  });
});
