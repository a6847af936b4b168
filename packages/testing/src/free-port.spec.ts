import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, waitForPort } from './free-port.js';

describe('freePort', () => {
  it('returns a port that a server can then bind on 127.0.0.1', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('returns different ports for concurrent calls', async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    expect(new Set(ports).size).toBe(3);
  });
});

describe('waitForPort', () => {
  it('resolves once a server listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    await expect(waitForPort(address.port, 2_000)).resolves.toBeUndefined();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('rejects with the address when nothing listens', async () => {
    const port = await freePort();
    await expect(waitForPort(port, 200)).rejects.toThrow(`nothing listens on 127.0.0.1:${port} after 200 ms`);
  });
});
