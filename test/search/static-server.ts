/**
 * A static file server on loopback for browser tests and the search benchmark: serves a built site
 * directory the way a static host does (`/x/` → `/x/index.html`, optional gzip of text files like
 * GitHub Pages does), and tallies the body bytes it sent per path, a check on what Chromium reports.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};
const textTypes = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt']);

export interface StaticServerOptions {
  /** Gzip text files when the browser accepts it (Pagefind's own files are already compressed). */
  gzip?: boolean;
  /** Extra response headers, e.g. a Content-Security-Policy sent the way a strict host would. */
  headers?: (path: string) => Record<string, string>;
}

export interface StaticSite {
  url: string;
  /** Body bytes sent per request path, in order of requests. */
  sent: { path: string; bytes: number }[];
  close(): Promise<void>;
}

export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticSite> {
  const sent: StaticSite['sent'] = [];
  const inside = root.endsWith(sep) ? root : root + sep;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(inside)) {
        response.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        let body = await readFile(file);
        const headers: Record<string, string | number> = {
          'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
          ...options.headers?.(path),
        };
        if (options.gzip === true && textTypes.has(extname(file)) && acceptsGzip(request)) {
          body = gzipSync(body, { level: 9 });
          headers['content-encoding'] = 'gzip';
        }
        headers['content-length'] = body.length;
        response.writeHead(200, headers);
        response.end(body);
        sent.push({ path, bytes: body.length });
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static server: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    sent,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function acceptsGzip(request: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
}
