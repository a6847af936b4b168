import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.yaml': 'text/plain; charset=utf-8',
  '.yml': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticSite {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves a built site the way a cleanUrls host does: `path`, then `path.html`, then `path/index.html`, under
 * a base path. A dozen lines of node:http rather than a dependency: the test and `preview` need exactly this
 * fallback and nothing else.
 */
export function serveStatic(
  dir: string,
  options: { base?: string; port?: number; host?: string } = {},
): Promise<StaticSite> {
  const base = options.base ?? '/';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(path === '/' ? 302 : 404, path === '/' ? { location: base } : {}).end();
      return;
    }
    const rel = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
    const candidates =
      rel === '' || rel.endsWith('/')
        ? [join(rel, 'index.html')]
        : [rel, `${rel}.html`, join(rel, 'index.html')];
    const file = candidates.map((c) => join(dir, c)).find((f) => existsSync(f) && statSync(f).isFile());
    if (!file) {
      const notFound = join(dir, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}${base}`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
