/**
 * `npm run serve` = `node scripts/serve.ts dist [--base /commons/]`: serve the built site on
 * loopback only, with correct content types, directory indexes and the site's own 404 page. Port
 * from env PORT (default 4321; 0 picks a free one). Prints the URL.
 *
 * A site built for a path (commons.yml `url: https://org.github.io/commons/`) links everything
 * under `/commons/`, so it is served there as on GitHub Pages: `/` redirects to the base, and
 * anything else outside it is a 404. The base is read from the build itself (the sitemap index
 * Astro writes from `site` and `base`) unless `--base` names it.
 *
 * A missing address under a language's folder (`/en/…`) is answered with that language's 404 page
 * (`en/404/index.html`, built by src/pages/[lang]/404.astro), so it reads in the language of the
 * address; elsewhere with the root `404.html` (the default language's), as static hosts do.
 *
 * Also used by the browser tests (`startServer`). It serves files under the root only: a path
 * that resolves outside it (`..`, encoded or not) is a 404, never a read.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  // Pagefind's index files.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  for (const file of [candidate, path.join(candidate, 'index.html')]) {
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) return file;
  }
  return undefined;
}

/**
 * The 404 page for a missing `rest` (the path after the base): the language's own when `rest`
 * starts with a language folder that has one (`en/nope/` → `en/404/index.html`), else `404.html`.
 */
async function notFoundPage(root: string, rest: string): Promise<string | undefined> {
  const folder = /^([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\//.exec(rest)?.[1];
  const own = folder === undefined ? undefined : await fileAt(root, `/${folder}/404/index.html`);
  return own ?? (await fileAt(root, '/404.html'));
}

/**
 * The path a built site expects to be served under (`/` or `/commons/`): the folder of the first
 * `<loc>` of the sitemap index Astro wrote (`https://org.github.io/commons/sitemap-0.xml` →
 * `/commons/`). A build without a sitemap index is served at `/`.
 */
export async function builtBase(root: string): Promise<string> {
  const index = await readFile(path.join(root, 'sitemap-index.xml'), 'utf8').catch(() => undefined);
  const loc = index === undefined ? undefined : /<loc>([^<]+)<\/loc>/.exec(index)?.[1];
  if (loc === undefined || !URL.canParse(loc)) return '/';
  return new URL(loc).pathname.replace(/[^/]*$/, '');
}

/** `--base` as given (`commons`, `/commons`, `/commons/`) → `/commons/`; refused unless plain (percent-encoded) path segments. */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '/';
  if (!trimmed.split('/').every((segment) => /^(?:[\w.~-]|%[0-9A-Fa-f]{2})+$/.test(segment) && segment !== '.' && segment !== '..')) {
    throw new Error(`--base must be a path like /commons/; received ${JSON.stringify(base)}`);
  }
  return `/${trimmed}/`;
}

/**
 * Serve `root` on 127.0.0.1 under `base` (default: the base the build was made for, see
 * `builtBase`). The returned `url` is the site's address, base included.
 */
export async function startServer(options: { root: string; port?: number; base?: string }): Promise<RunningServer> {
  const root = path.resolve(options.root);
  const base = normalizeBase(options.base ?? (await builtBase(root)));
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // `/` and the base without its slash lead to the site; temporary, as another build served on
    // this port may have another base.
    if (base !== '/' && (url.pathname === '/' || `${url.pathname}/` === base)) {
      response.writeHead(302, { location: `${base}${url.search}` }).end();
      return;
    }
    const inside = url.pathname.startsWith(base);
    // A directory without its trailing slash: redirect, so relative links resolve as built.
    const file = inside ? await fileAt(root, url.pathname.slice(base.length - 1)) : undefined;
    if (file && !url.pathname.endsWith('/') && file.endsWith(`${path.sep}index.html`) && !url.pathname.endsWith('index.html')) {
      response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const target = file ?? (inside ? await notFoundPage(root, url.pathname.slice(base.length)) : await fileAt(root, '/404.html'));
    const status = file ? 200 : 404;
    if (!target) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(status, {
      'content-type': TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // Headers can say what the page's <meta> CSP cannot.
      'content-security-policy': "frame-ancestors 'none'",
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const baseAt = args.indexOf('--base');
  const base = baseAt >= 0 ? args[baseAt + 1] : undefined;
  if (baseAt >= 0 && base === undefined) {
    console.error('--base needs a path, like --base /commons/');
    process.exit(2);
  }
  const root = args.filter((_, i) => baseAt < 0 || (i !== baseAt && i !== baseAt + 1))[0] ?? 'dist';
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 4321 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a number from 0 to 65535; received ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  const stats = await stat(root).catch(() => undefined);
  if (!stats?.isDirectory()) {
    console.error(`${root}: no such directory; run \`npm run build\` first`);
    process.exit(1);
  }
  let running: RunningServer;
  try {
    running = await startServer({ root, port, base });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  console.log(`serving ${root} at ${running.url}`);
}
