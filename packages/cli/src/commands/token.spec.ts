import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIO } from '@shipshape/cli-kit';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { run } from './token.js';

function serviceDir(manifest?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-token-'));
  if (manifest) {
    mkdirSync(join(dir, '.shipshape'));
    writeFileSync(join(dir, '.shipshape', 'manifest.json'), JSON.stringify(manifest));
  }
  return dir;
}

describe('shipshape token', () => {
  it('prints only a HS256 token for the tenant, audience = the service name from the manifest', async () => {
    const io = memoryIO();
    expect(await run([serviceDir({ service: 'orders' }), '--tenant', 'acme-1', '--ttl', '15m'], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const token = io.stdout[0];
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      tenant_id: 'acme-1',
      aud: 'orders',
      iss: 'shipshape-dev',
      sub: 'dev-user',
    });
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
  });

  it('honours AUTH_TENANT_CLAIM and AUTH_ISSUER from the environment', async () => {
    const io = memoryIO({ env: { AUTH_TENANT_CLAIM: 'org_id', AUTH_ISSUER: 'https://id.example' } });
    await run([serviceDir(), '--tenant', 't9'], io);
    expect(decodeJwt(io.stdout[0])).toMatchObject({ org_id: 't9', iss: 'https://id.example' });
  });

  it.each([
    [['--tenant', 'a'], 'missing <service-dir>'],
    [['/nonexistent/service', '--tenant', 'a'], 'service folder not found'],
    [['.'], '--tenant <id> is required'],
    [['.', '--tenant', 'has space'], 'is not a valid tenant id'],
    [['.', '--tenant', 'a', '--ttl', 'forever'], 'is not a duration'],
  ])('%j is a usage error: %s', async (argv, message) => {
    await expect(run(argv, memoryIO())).rejects.toThrow(message);
  });
});
