import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from './fingerprint.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('x')).toBe('"x"');
  });
});

describe('requestFingerprint', () => {
  it('is equal for the same params, query and body regardless of key order', () => {
    const a = requestFingerprint({ params: { id: '1' }, query: {}, body: { x: 1, y: [1, 2] } });
    const b = requestFingerprint({ params: { id: '1' }, query: {}, body: { y: [1, 2], x: 1 } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when any part differs', () => {
    const base = { params: { id: '1' }, query: { q: 'a' }, body: { x: 1 } };
    const fp = requestFingerprint(base);
    expect(requestFingerprint({ ...base, params: { id: '2' } })).not.toBe(fp);
    expect(requestFingerprint({ ...base, query: { q: 'b' } })).not.toBe(fp);
    expect(requestFingerprint({ ...base, body: { x: 2 } })).not.toBe(fp);
    expect(requestFingerprint({ ...base, body: [1] })).not.toBe(
      requestFingerprint({ ...base, body: { 0: 1 } }),
    );
  });
});
