/**
 * Bot benchmark (issue #3): on a synthetic commons (10,000 posts, 5,000
 * commits of history, 50 members), how long `noclout review` takes on one
 * change and `noclout merge` on a queue of 100 signed post changes, and the
 * peak memory of each run, beside native git doing the same diff and the same
 * tree merges (`git diff`, `git merge-tree --write-tree`, `git commit-tree`).
 *
 * Each noclout run is a child process (`node bin/noclout.ts …` through this
 * file's --child mode), so its peak resident memory is measured alone
 * (process.resourceUsage().maxRSS) and its time includes Node's start-up.
 *
 *   node scripts/bench-bot.ts [--json] [--posts 10000] [--commits 5000] [--members 50] [--changes 100] [--work DIR]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCommons, type SyntheticKey } from './synthetic-commons.ts';

export interface BenchBotOptions {
  posts?: number;
  commits?: number;
  members?: number;
  /** Changes in the merge queue (default 100). */
  changes?: number;
  /** Scratch directory (default: a new temp dir, removed afterwards). */
  workDir?: string;
  log?: (line: string) => void;
}

export interface RunFigures {
  /** Wall time of the child process, Node start-up included. */
  wallMs: number;
  /** Time inside the command itself (main() start to end). */
  commandMs: number;
  maxRssMiB: number;
}

export interface BenchBotFigures {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; git: string };
  commons: { posts: number; commits: number; members: number; generateMs: number };
  /** The median of several first-sight reviews (`samples`), each of one change in its own process. */
  review: RunFigures & { decision: string; samples: number; allWallMs: number[]; secondLook: RunFigures; native: { diffMs: number; logMs: number } };
  queue: RunFigures & { changes: number; merged: number; perChangeMs: number; openAll: RunFigures; native: { mergeMs: number; perChangeMs: number } };
  audit: RunFigures & { records: number; findings: number };
  targets: { reviewUnder1s: boolean; queueUnder60s: boolean; queueWithin3xNative: boolean; peakUnder1GiB: boolean };
}

const SELF = fileURLToPath(import.meta.url);
const T0 = '2026-12-01T10:00:00Z';
const AFTER_WINDOW = '2026-12-02T11:00:00Z';

export async function benchBot(options: BenchBotOptions = {}): Promise<BenchBotFigures> {
  const log = options.log ?? (() => {});
  const posts = options.posts ?? 10_000;
  const commits = options.commits ?? 5_000;
  const members = options.members ?? 50;
  const changes = options.changes ?? 100;
  const work = options.workDir ?? mkdtempSync(join(tmpdir(), 'noclout-bench-bot-'));
  const dir = join(work, 'commons');
  try {
    log(`generating a commons of ${posts} posts, ${commits} commits, ${members} members in ${dir}`);
    let started = performance.now();
    const commons = await generateCommons({ dir, posts, commits, members, checkout: false });
    const generateMs = performance.now() - started;
    const git = (args: string[], env: Record<string, string> = {}) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 }).trim();
    const base = git(['rev-parse', 'refs/heads/main']);
    // The bot runs where main is not checked out (a server's clone): generated without files, main checked out
    // would be refused as a checkout with local changes (src/repo/checkout.ts), and nothing merged.
    git(['update-ref', '--no-deref', 'HEAD', base]);

    log(`making ${changes} signed post changes`);
    const heads = makeChanges(dir, work, commons.keys, base, changes, git);

    // Several changes reviewed one by one, each at first sight: the median is reported (one run on a shared machine is noisy).
    const samples = Math.min(5, changes);
    log(`review of one change, ${samples} times (first sight), then a second look`);
    const reviews = heads.slice(0, samples).map((head) => runNoclout(['review', head, '--repo', dir, '--at', T0, '--format', 'json']));
    const review = median(reviews);
    const secondLook = runNoclout(['review', heads[0]!, '--repo', dir, '--at', T0, '--format', 'json']);
    started = performance.now();
    git(['diff', '--name-status', `${base}...${heads[0]}`]);
    const diffMs = performance.now() - started;
    started = performance.now();
    git(['log', '--format=%H %an', `${base}..${heads[0]}`]);
    const logMs = performance.now() - started;

    log(`opening the other ${changes - samples} changes`);
    const openAll = runNoclout(['review', ...heads.slice(samples), '--repo', dir, '--at', T0, '--format', 'json']);

    log(`merging the queue of ${changes}`);
    const queue = runNoclout(['merge', '--repo', dir, '--at', AFTER_WINDOW, '--format', 'json']);
    const results = (queue.output as { results?: { merged: boolean }[] }).results ?? [];
    const merged = results.filter((r) => r.merged).length;

    log(`auditing the ${changes} records`);
    const audit = runNoclout(['audit', '--repo', dir, '--format', 'json']);
    const findings = ((audit.output as { findings?: unknown[] }).findings ?? []).length;

    log('native git: the same tree merges, one after another');
    started = performance.now();
    let current = base;
    for (const head of heads) {
      const tree = git(['merge-tree', '--write-tree', current, head]).split('\n')[0]!;
      current = git(['commit-tree', tree, '-p', current, '-p', head, '-m', `merge ${head}`]);
    }
    const mergeMs = performance.now() - started;

    const strip = (r: Measured): RunFigures => ({ wallMs: r.wallMs, commandMs: r.commandMs, maxRssMiB: r.maxRssMiB });
    const figures: BenchBotFigures = {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, git: execFileSync('git', ['--version'], { encoding: 'utf8' }).trim() },
      commons: { posts, commits, members, generateMs: round(generateMs) },
      review: { ...strip(review), decision: String((review.output as { decision?: string }).decision), samples, allWallMs: reviews.map((r) => r.wallMs), secondLook: strip(secondLook), native: { diffMs: round(diffMs), logMs: round(logMs) } },
      queue: { ...strip(queue), changes, merged, perChangeMs: round(queue.wallMs / changes), openAll: strip(openAll), native: { mergeMs: round(mergeMs), perChangeMs: round(mergeMs / changes) } },
      audit: { ...strip(audit), records: merged, findings },
      targets: {
        reviewUnder1s: review.wallMs < 1000,
        queueUnder60s: queue.wallMs < 60_000,
        // Issue 14: the bot keeps pace with native git doing the same merges.
        queueWithin3xNative: queue.wallMs <= 3 * mergeMs,
        peakUnder1GiB: Math.max(...reviews.map((r) => r.maxRssMiB), queue.maxRssMiB, openAll.maxRssMiB, audit.maxRssMiB) < 1024,
      },
    };
    return figures;
  } finally {
    if (!options.workDir) rmSync(work, { recursive: true, force: true });
  }
}

/** One signed commit per change, adding one post by a member, built with git plumbing on a private index. */
export function makeChanges(dir: string, work: string, keys: readonly SyntheticKey[], base: string, count: number, git: (args: string[], env?: Record<string, string>) => string): string[] {
  const keyDir = join(work, 'keys');
  mkdirSync(keyDir, { recursive: true });
  const keyPath = (key: SyntheticKey) => {
    const path = join(keyDir, key.handle);
    writeFileSync(path, key.opensshPrivateKey);
    chmodSync(path, 0o600);
    return path;
  };
  const paths = new Map(keys.map((k) => [k.handle, keyPath(k)]));
  const heads: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = keys[i % keys.length]!;
    const slug = `bench-change-${String(i).padStart(3, '0')}`;
    const text = `---\ntitle: "Benchmark change ${i}"\nauthor: ${key.handle}\ndate: 2026-11-30\nlang: en\n---\n\nA post written for the merge queue benchmark, number ${i}.\n`;
    const index = { GIT_INDEX_FILE: join(work, `index-${i}`) };
    git(['read-tree', base], index);
    const blob = execFileSync('git', ['-C', dir, 'hash-object', '-w', '--stdin'], { input: text, encoding: 'utf8' }).trim();
    git(['update-index', '--add', '--cacheinfo', `100644,${blob},content/posts/2026/${slug}.md`], index);
    const tree = git(['write-tree'], index);
    const who = { GIT_AUTHOR_NAME: key.name, GIT_AUTHOR_EMAIL: `${key.handle}@example.org`, GIT_COMMITTER_NAME: key.name, GIT_COMMITTER_EMAIL: `${key.handle}@example.org` };
    const commit = git(['-c', 'gpg.format=ssh', '-c', `user.signingkey=${paths.get(key.handle)}`, 'commit-tree', '-S', tree, '-p', base, '-m', `post: ${slug}`], who);
    git(['update-ref', `refs/heads/post/${slug}`, commit]);
    rmSync(index.GIT_INDEX_FILE, { force: true });
    heads.push(`post/${slug}`);
  }
  return heads;
}

interface Measured extends RunFigures {
  output: unknown;
}

/** Run `noclout …` in a child process that reports its own time and peak memory. */
function runNoclout(args: string[]): Measured {
  const started = performance.now();
  const child = spawnSync(process.execPath, [SELF, '--child', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - started;
  const report = child.stderr.trim().split('\n').at(-1) ?? '';
  let measured: { commandMs: number; maxRssKiB: number; code: number };
  try {
    measured = JSON.parse(report.replace(/^bench-bot-child /, ''));
  } catch {
    throw new Error(`noclout ${args[0]} failed:\n${child.stderr}`);
  }
  if (measured.code === 2) throw new Error(`noclout ${args.join(' ')} exited with a usage error:\n${child.stderr}`);
  return { wallMs: round(wallMs), commandMs: round(measured.commandMs), maxRssMiB: round(measured.maxRssKiB / 1024), output: JSON.parse(child.stdout) };
}

function median(runs: Measured[]): Measured {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

async function child(args: string[]): Promise<void> {
  // As bin/noclout.ts does: an installed bot compiles our modules once, not on every run.
  (await import('node:module')).enableCompileCache();
  const { main } = await import('../src/cli/main.ts');
  const { processIo } = await import('../src/cli/io.ts');
  const started = performance.now();
  const code = await main(args, processIo);
  const commandMs = performance.now() - started;
  process.stderr.write(`\nbench-bot-child ${JSON.stringify({ commandMs, maxRssKiB: process.resourceUsage().maxRSS, code })}\n`);
  process.exitCode = code;
}

function report(f: BenchBotFigures): string {
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  return [
    `bot benchmark, ${f.date}: ${f.machine.cpu} (${f.machine.cores} cores, ${f.machine.memoryGiB} GiB), Node ${f.machine.node}, ${f.machine.git}`,
    `commons: ${f.commons.posts} posts, ${f.commons.commits} commits, ${f.commons.members} members (generated in ${(f.commons.generateMs / 1000).toFixed(1)} s)`,
    `review of one change: ${f.review.wallMs} ms wall, median of ${f.review.samples} (${f.review.allWallMs.join(', ')}); ${f.review.commandMs} ms in the command, peak ${f.review.maxRssMiB} MiB, decision ${f.review.decision}; second look ${f.review.secondLook.wallMs} ms`,
    `  native git: diff ${f.review.native.diffMs} ms, log ${f.review.native.logMs} ms`,
    `opening ${f.queue.changes - f.review.samples} more changes in one run: ${f.queue.openAll.wallMs} ms, peak ${f.queue.openAll.maxRssMiB} MiB`,
    `merge queue of ${f.queue.changes}: ${f.queue.merged} merged in ${(f.queue.wallMs / 1000).toFixed(1)} s (${f.queue.perChangeMs} ms a change), peak ${f.queue.maxRssMiB} MiB`,
    `  native git merge-tree + commit-tree: ${(f.queue.native.mergeMs / 1000).toFixed(1)} s (${f.queue.native.perChangeMs} ms a change)`,
    `audit of ${f.audit.records} records: ${(f.audit.wallMs / 1000).toFixed(1)} s, peak ${f.audit.maxRssMiB} MiB, ${f.audit.findings} findings`,
    `targets: review < 1 s ${ok(f.targets.reviewUnder1s)}; queue < 60 s ${ok(f.targets.queueUnder60s)}; queue within 3× native git (${(f.queue.wallMs / f.queue.native.mergeMs).toFixed(1)}×) ${ok(f.targets.queueWithin3xNative)}; peak < 1 GiB ${ok(f.targets.peakUnder1GiB)}`,
  ].join('\n');
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === '--child') await child(process.argv.slice(3));
  else {
    const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, posts: { type: 'string' }, commits: { type: 'string' }, members: { type: 'string' }, changes: { type: 'string' }, work: { type: 'string' } } });
    const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
    const options: BenchBotOptions = { log: (line) => process.stderr.write(`${line}\n`) };
    for (const key of ['posts', 'commits', 'members', 'changes'] as const) {
      const n = num(values[key]);
      if (n !== undefined) options[key] = n;
    }
    if (values.work) options.workDir = values.work;
    const figures = await benchBot(options);
    process.stdout.write(values.json ? `${JSON.stringify(figures, null, 2)}\n` : `${report(figures)}\n`);
  }
}
