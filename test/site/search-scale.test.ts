/**
 * Issue 14: "100,000 posts build with search on this machine with a peak of ≤ 8 GB, and the cost
 * per post at 100,000 is within 1.2× of the cost at 10,000". The index is split into periods; each
 * period used to get its own Pagefind process, and starting a process forks the build's (Astro's
 * memory, 3 GB at 100,000 posts): 480 forks whose cost grew with the commons. Now each thread keeps
 * one Pagefind service for the whole run, deletes each period's index once written, and reaps the
 * service's process before the run ends. The speed itself is measured by scripts/bench-scale.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSite } from '../../scripts/search-index.ts';
import { manyPosts, writeSite } from '../search/built-site.ts';
import { differences, treeDigest } from '../search/tree.ts';

let scratch: string;
const posts = manyPosts(240);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'noclout-search-scale-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Children of this process (any state, zombies included) whose command is Pagefind's. */
async function pagefindChildren(): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const command = /\((.*)\)/.exec(stat)?.[1] ?? '';
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === process.pid && command.startsWith('pagefind')) found.push(Number(name));
  }
  return found;
}

describe('one Pagefind service per thread for the whole index (issue 14: cost per post within 1.2× at 100,000 posts)', () => {
  it('many periods are indexed by one Pagefind process, which has ended when indexSite resolves', async () => {
    const site = join(scratch, 'one');
    await writeSite(site, posts);
    const started: ChildProcess[] = [];
    const listener = (message: unknown) => started.push((message as { process: ChildProcess }).process);
    subscribe('child_process', listener);
    let report: Awaited<ReturnType<typeof indexSite>>;
    try {
      report = await indexSite(site, { chunkPages: 40, parallel: 1 });
    } finally {
      unsubscribe('child_process', listener);
    }
    // Control: the run did index several periods, each its own Pagefind index.
    expect(report.chunks.total).toBeGreaterThan(6);
    expect(report.chunks.rebuilt).toBe(report.chunks.total);
    const services = started.filter((child) => /pagefind/.test(child.spawnfile ?? ''));
    expect(services).toHaveLength(1);
    expect(services[0]!.exitCode !== null || services[0]!.signalCode !== null).toBe(true);
  });

  it('on worker threads too, no Pagefind process (not even an unreaped one) outlives the run', async () => {
    const site = join(scratch, 'threads');
    await writeSite(site, posts);
    const report = await indexSite(site, { chunkPages: 40, parallel: 2 });
    expect(report.chunks.total).toBeGreaterThan(6);
    expect(await pagefindChildren()).toEqual([]);
  });

  it('a period gives the same bytes whatever the service indexed before it: one service for all periods, or two sharing them', async () => {
    const one = join(scratch, 'serial');
    const two = join(scratch, 'parallel');
    await writeSite(one, posts);
    await writeSite(two, posts);
    await indexSite(one, { chunkPages: 40, parallel: 1 });
    await indexSite(two, { chunkPages: 40, parallel: 2 });
    const serial = await treeDigest(join(one, 'pagefind'));
    expect(Object.keys(serial).length).toBeGreaterThan(200);
    expect(differences(serial, await treeDigest(join(two, 'pagefind')))).toEqual([]);
  });
});
