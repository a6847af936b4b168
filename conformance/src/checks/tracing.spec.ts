import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../runner.js';

/**
 * Node's HTTP parser trims header values before any code sees them, so no Node fixture can fail
 * tracing.whitespace. This raw-TCP server reads the header bytes itself: in strict mode it treats a
 * padded traceparent as invalid (a new trace), which is what a service on another stack may do.
 */
function rawServer(strict: boolean): Server {
  return createServer((socket: Socket) => {
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (!buffer.includes('\r\n\r\n')) return;
      const lines = buffer.split('\r\n\r\n')[0]!.split('\r\n').slice(1);
      const raw = lines.find((l) => /^traceparent:/i.test(l))?.slice('traceparent:'.length);
      const value = strict ? raw?.replace(/^ /, '') : raw?.trim();
      const match = value ? /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/.exec(value) : null;
      const traceId =
        match?.[1] ?? [...Array(32)].map(() => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
      socket.end(
        `HTTP/1.1 200 OK\r\ntraceresponse: 00-${traceId}-00f067aa0ba902b7-01\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
      );
    });
  });
}

let spec: string;
const servers: Server[] = [];
async function start(strict: boolean): Promise<string> {
  const server = rawServer(strict);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-raw-'));
  spec = join(dir, 'openapi.yaml');
  await writeFile(spec, 'openapi: 3.1.0\ninfo: { title: raw, version: "1" }\npaths: {}\n');
});
afterAll(() => servers.forEach((s) => s.close()));

describe('tracing.whitespace', () => {
  it.each([
    [false, 'pass'],
    [true, 'fail'],
  ])('against a server that trims: %s → %s', async (strict, expected) => {
    const url = await start(strict);
    const report = await runConformance({
      url,
      openapi: spec,
      tenants: [{ id: 'a', token: 't' }],
      only: ['tracing.whitespace'],
    });
    const check = report.checks[0]!;
    expect(check.status).toBe(expected);
    if (expected === 'fail') expect(check.detail).toMatch(/instead of the incoming/);
  });
});
