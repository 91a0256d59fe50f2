/**
 * Shared set-up for the site's browser tests: build the site of a commons once into a temp dir,
 * serve it on loopback with scripts/serve.ts, and drive Debian's Chromium with playwright-core.
 * Every request the page makes to another origin is recorded, so tests can assert there is none.
 */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, type RunningServer } from '../../scripts/serve.ts';
import { DEMO_COMMONS } from '../fixtures/demo-commons.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const ROOT = path.resolve(import.meta.dirname, '../..');

const builds = new Map<string, Promise<string>>();

/** Build the site of `commons` once per test process; resolves to the output directory. */
export function builtSite(commons: string): Promise<string> {
  let build = builds.get(commons);
  if (!build) {
    build = (async () => {
      const out = await mkdtemp(path.join(os.tmpdir(), 'noclout-site-'));
      // A child process: Astro's Vite must not share a module graph with vitest's.
      await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build-site.ts'), '--commons', commons, '--out', out, '--cache', `${out}.cache`], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
      return out;
    })();
    builds.set(commons, build);
  }
  return build;
}

export interface SiteSession {
  server: RunningServer;
  browser: Browser;
  dist: string;
  /** Open a page; `thirdParty` collects every request to another origin. */
  open(urlPath: string, options?: { width?: number; javaScript?: boolean }): Promise<{ page: Page; thirdParty: string[]; errors: string[] }>;
  close(): Promise<void>;
}

export async function startSession(commons: string): Promise<SiteSession> {
  const dist = await builtSite(commons);
  const server = await startServer({ root: dist, port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const origin = new URL(server.url).origin;
  return {
    server,
    browser,
    dist,
    async open(urlPath, options = {}) {
      const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
      const page = await context.newPage();
      const thirdParty: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:')) thirdParty.push(url);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(new URL(urlPath, server.url).href, { waitUntil: 'load' });
      return { page, thirdParty, errors };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The tests' own copy of the demo commons (test/fixtures/demo-commons.ts), never the root's. */
export const DEMO = DEMO_COMMONS;

/**
 * axe-core's violations on each page, as "url: rule: targets". The CSP is bypassed only so the
 * test can inject axe; the page itself is unchanged.
 */
export async function axeViolations(session: SiteSession, urls: readonly string[], options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<string[]> {
  const source = await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const problems: string[] = [];
  for (const url of urls) {
    const context = await session.browser.newContext({ colorScheme: options.colorScheme ?? 'light', bypassCSP: true, viewport: { width: options.width ?? 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(new URL(url, session.server.url).href);
    await page.addScriptTag({ content: source });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    });
    problems.push(...violations.map((v) => `${url}: ${v}`));
    await context.close();
  }
  return problems;
}

/**
 * A commons for the tests: a copy of the fixture demo with extra files, committed in a fresh git
 * repository so that publication times come from git as in a real commons.
 */
export async function commonsWith(files: Record<string, string>, later: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'noclout-commons-'));
  await cp(DEMO, dir, { recursive: true });
  const write = async (batch: Record<string, string>) => {
    for (const [file, text] of Object.entries(batch)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  };
  const git = (date: string, ...args: string[]) =>
    promisify(execFile)('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  await write(files);
  await git(FIRST_COMMIT, 'init', '-q', '-b', 'main');
  await git(FIRST_COMMIT, 'add', '-A');
  await git(FIRST_COMMIT, 'commit', '-q', '-m', 'commons for the site tests');
  if (Object.keys(later).length > 0) {
    await write(later);
    await git(SECOND_COMMIT, 'add', '-A');
    await git(SECOND_COMMIT, 'commit', '-q', '-m', 'a later change');
  }
  return dir;
}

export const FIRST_COMMIT = '2026-11-01T10:00:00Z';
export const SECOND_COMMIT = '2026-11-02T10:00:00Z';
