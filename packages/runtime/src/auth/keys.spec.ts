import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { JWKS_ALGORITHMS, verificationKey } from './keys.js';

const auth = loadConfig({ NODE_ENV: 'test' }).auth;

describe('verificationKey', () => {
  it('verifies dev tokens with the dev secret, HS256 only', async () => {
    const { getKey, algorithms } = verificationKey(auth);
    expect(algorithms).toEqual(['HS256']);
    expect(await getKey).toMatchObject({ type: 'secret', algorithm: { name: 'HMAC' }, usages: ['verify'] });
  });

  it('uses the JWKS when one is configured, with asymmetric algorithms only', () => {
    const { getKey, algorithms } = verificationKey({ ...auth, jwksUrl: 'http://127.0.0.1:1/jwks.json' });
    expect(typeof getKey).toBe('function');
    expect(algorithms).toBe(JWKS_ALGORITHMS);
    expect(algorithms.some((a) => a.startsWith('HS') || a === 'none')).toBe(false);
  });

  it('refuses a config with neither a JWKS nor a secret', () => {
    expect(() => verificationKey({ ...auth, devSecret: undefined })).toThrow(
      /"auth.devSecret" or "auth.jwksUrl"/,
    );
  });
});
