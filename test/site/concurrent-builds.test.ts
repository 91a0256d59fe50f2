/**
 * Two site builds at once from the same checkout, both writing outside it (a test beside a
 * benchmark): each must finish with a whole site. They once shared Astro's prerender bundle in
 * the checkout's .astro/, and the first to finish deleted it under the other.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { DEMO, ROOT } from '../e2e/harness.ts';

const work: string[] = [];
afterAll(async () => {
  await Promise.all(work.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function build(): Promise<{ code: number; stderr: string; pages: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'noclout-concurrent-'));
  work.push(dir);
  const out = path.join(dir, 'dist');
  const result = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'scripts/build-site.ts'), '--commons', DEMO, '--out', out, '--cache', path.join(dir, 'cache'), '--no-search'],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  ).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code?: number; stderr?: string }) => ({ code: error.code ?? 1, stderr: error.stderr ?? String(error) }),
  );
  const pages = result.code === 0 ? (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html')).length : 0;
  return { ...result, pages };
}

it('two builds at once with outputs outside the checkout both complete', { timeout: 180_000 }, async () => {
  const [first, second] = await Promise.all([build(), build()]);
  expect(first.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
  expect(second.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
  expect([first.code, second.code]).toEqual([0, 0]);
  expect(first.pages).toBeGreaterThan(50);
  expect(second.pages).toBe(first.pages);
});
