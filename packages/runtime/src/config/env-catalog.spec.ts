import { SERVICE_ENV } from '@shipshape/contracts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

/** The names loadConfig reads from an environment, recorded as it reads them. */
function namesRead(base: Record<string, string>): Set<string> {
  const read = new Set<string>();
  const env = new Proxy(base, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key) as unknown;
    },
  });
  try {
    loadConfig(env);
  } catch {
    // a refused setting still tells which names were read up to it
  }
  return read;
}

describe('the environment catalog of @shipshape/contracts', () => {
  it('lists exactly the variables the runtime reads (docs and chart are rendered from it)', () => {
    const read = new Set([
      ...namesRead({ NODE_ENV: 'development' }),
      ...namesRead({
        NODE_ENV: 'production',
        AUTH_JWKS_URL: 'https://idp.example.com/jwks',
        DATABASE_URL: 'postgres://db/x',
      }),
    ]);
    expect([...read].sort()).toEqual(SERVICE_ENV.map((v) => v.name).sort());
  });
});
