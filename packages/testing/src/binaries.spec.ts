import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNatsServer, findPostgresBinDir, serversRequired } from './binaries.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-bin-'));
  for (const name of ['initdb', 'pg_ctl', 'nats-server']) {
    await writeFile(join(dir, name), '#!/bin/sh\n');
    await chmod(join(dir, name), 0o755);
  }
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('findPostgresBinDir', () => {
  it('prefers $PG_BIN', () => {
    expect(findPostgresBinDir({ PG_BIN: dir, PATH: '' })).toEqual({ available: true, path: dir });
  });

  it('finds the binaries on $PATH', () => {
    const found = findPostgresBinDir({ PATH: `/nonexistent:${dir}` });
    expect(found.available).toBe(true);
  });

  it('says how to install them when absent', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'shipshape-empty-'));
    const found = findPostgresBinDir({ PG_BIN: empty, PATH: empty });
    // the Debian layout may exist on this machine; only when it does not is the result a reason
    if (!found.available) expect(found.reason).toContain('apt-get install -y postgresql');
    else expect(found.path).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
    await rm(empty, { recursive: true, force: true });
  });
});

describe('findNatsServer', () => {
  it('prefers $NATS_SERVER_BIN, then $PATH', () => {
    const bin = join(dir, 'nats-server');
    expect(findNatsServer({ NATS_SERVER_BIN: bin, PATH: '' })).toEqual({ available: true, path: bin });
    expect(findNatsServer({ PATH: dir })).toEqual({ available: true, path: bin });
  });

  it('rejects a path that is not executable', () => {
    const found = findNatsServer({ NATS_SERVER_BIN: join(dir, 'missing'), PATH: '' });
    if (!found.available) expect(found.reason).toContain('apt-get install -y nats-server');
    else expect(found.path).not.toBe(join(dir, 'missing'));
  });
});

describe('serversRequired', () => {
  it('is true on CI and with SHIPSHAPE_REQUIRE_SERVERS=1, false otherwise', () => {
    expect(serversRequired({ CI: 'true' })).toBe(true);
    expect(serversRequired({ CI: '1' })).toBe(true);
    expect(serversRequired({ CI: 'false' })).toBe(false);
    expect(serversRequired({ SHIPSHAPE_REQUIRE_SERVERS: '1' })).toBe(true);
    expect(serversRequired({})).toBe(false);
  });
});
