/**
 * Site benchmark (issues #4 and #14): for a synthetic commons (default 10,000 posts), wall time and
 * peak memory of
 *   1. our full site build (`scripts/build-site.ts`: every page, both UI languages, feeds, sitemap),
 *   2. a bare Astro build of the same posts: one page per post, Astro's own glob loader and
 *      default Markdown processor, nothing else,
 *   3. Hugo (Debian's `hugo`) on the same Markdown with a minimal theme,
 *   4. one merge republished from the previous build's cache, site and search together (issue 14,
 *      target ≤ 3 s): a new post, a new reply, a moderation (tombstone), a rule change and a
 *      decided proposal, each committed on the commons in turn (the same day as the commit before
 *      it) and built incrementally; then a new post on the next day (a new shuffle seed),
 * plus the size of a post page (HTML and CSS). Target: (1) within 1.5× of (2); a post page under
 * 30 KB. The full build (1) runs with search, so that the republishes start from its cache; its
 * site part is its wall time less the search index's own (build-site.ts prints both). A
 * republish's search part is the search index's time as build-site.ts reports it; its site part
 * is the rest of the process's wall time (Node's start included).
 *
 * Each build runs in its own process under /usr/bin/time, which reports the peak resident set
 * size of the process (the largest of the build's processes). The machine's load average is
 * printed with the figures: on a shared machine they are noisy.
 *
 *   node scripts/bench-site.ts [--posts 10000] [--commits 5000] [--members 50] [--work DIR] [--no-hugo] [--no-republish]
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchSiteOptions {
  posts?: number;
  commits?: number;
  members?: number;
  /** Scratch directory (default: a new temp dir); a commons already generated there is reused. */
  workDir?: string;
  /** Skip Hugo (for machines without it). */
  hugo?: boolean;
  /** Measure the incremental republishes (default true). */
  republish?: boolean;
  log?: (line: string) => void;
}

export interface Measure {
  /** Seconds of wall time. */
  seconds: number;
  /** Seconds of CPU (user + system, the process and the children it waited for: Pagefind's). */
  cpu: number;
  /** Peak resident set size, MB. */
  peakMB: number;
  /** HTML files written. */
  pages: number;
}

export interface BenchSiteResult {
  posts: number;
  full: Measure;
  bareAstro: Measure;
  hugo: Measure | undefined;
  /** full.seconds / bareAstro.seconds; the target is ≤ 1.5. */
  ratio: number;
  /** Bytes of one post page's HTML plus its stylesheets: the largest over a sample of posts. */
  postPageBytes: number;
  distDir: string;
  /** The full build's search index: seconds (included in `full.seconds`, not in `ratio`). */
  fullSearchSeconds: number;
  /** One merge republished from the cache, per kind of change, site and search. */
  republish: Republish[];
  /** The machine's 1-minute load average before and after. */
  load: [number, number];
}

export interface Republish extends Measure {
  change: string;
  /** What build-site.ts said: "incremental build: N pages rendered, …" or "full build: why". */
  report: string;
  /** The search part: seconds of the search index, as build-site.ts reports it. */
  search: number;
  /** The site part: the rest of the wall time. */
  site: number;
  /** What the search index said: "… N of M periods indexed (incremental)". */
  searchReport: string;
}

/** The seconds of the search index in build-site.ts's output (its "search index: … in N s" line). */
function searchSeconds(stdout: string): { seconds: number; line: string } {
  const line = stdout.split('\n').find((l) => l.startsWith('search index: ')) ?? '';
  const seconds = Number(/ in ([\d.]+) s/.exec(line)?.[1]);
  if (!Number.isFinite(seconds)) throw new Error(`build-site.ts printed no search index time:\n${stdout.slice(-2000)}`);
  return { seconds, line };
}

/** Run a command under /usr/bin/time; resolves to its wall time and peak RSS. */
async function measured(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ seconds: number; cpu: number; peakMB: number; stdout: string }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'PEAK_KB=%M CPU=%U+%S', command, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`);
  const peak = /PEAK_KB=(\d+)/.exec(stderr)?.[1];
  const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(stderr);
  return { seconds, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN, peakMB: peak ? Math.round(Number(peak) / 1024) : Number.NaN, stdout };
}

async function countHtml(dir: string): Promise<number> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html')).length;
}

/** A throwaway Astro project: one page per post, Astro defaults everywhere. */
async function writeBareAstro(project: string, commons: string): Promise<void> {
  await mkdir(path.join(project, 'src/pages'), { recursive: true });
  if (!existsSync(path.join(project, 'node_modules'))) await symlink(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  await writeFile(path.join(project, 'package.json'), '{ "name": "bare-astro-bench", "type": "module", "private": true }\n');
  await writeFile(path.join(project, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ output: 'static' });\n");
  await writeFile(
    path.join(project, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nimport { z } from 'astro/zod';\n` +
      `export const collections = { posts: defineCollection({ loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(path.join(commons, 'content/posts'))} }), schema: z.object({ title: z.string() }).passthrough() }) };\n`,
  );
  await writeFile(
    path.join(project, 'src/pages/[...slug].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() {\n  return (await getCollection('posts')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }));\n}\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="en"><head><meta charset="utf-8"><title>{entry.data.title}</title></head><body><h1>{entry.data.title}</h1><Content /></body></html>\n`,
  );
}

/** A minimal Hugo site over the same Markdown files. */
async function writeHugo(site: string, commons: string): Promise<void> {
  await mkdir(path.join(site, 'layouts/_default'), { recursive: true });
  await writeFile(path.join(site, 'hugo.toml'), "baseURL = 'https://example.org/'\ntitle = 'bench'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT']\n[markup.goldmark.renderer]\nunsafe = false\n");
  await writeFile(path.join(site, 'layouts/_default/single.html'), '<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n');
  await writeFile(path.join(site, 'layouts/_default/list.html'), '<html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n');
  await rm(path.join(site, 'content'), { recursive: true, force: true });
  await cp(path.join(commons, 'content/posts'), path.join(site, 'content/posts'), { recursive: true });
}

async function postPageBytes(dist: string): Promise<number> {
  const root = path.join(dist, 'en/posts');
  const years = await readdir(root);
  let largest = 0;
  for (const year of years) {
    for (const slug of (await readdir(path.join(root, year))).slice(0, 200)) {
      const html = await readFile(path.join(root, year, slug, 'index.html'), 'utf8');
      const css = await Promise.all([...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(async (m) => (await stat(path.join(dist, m[1]!))).size));
      largest = Math.max(largest, Buffer.byteLength(html) + css.reduce((a, b) => a + b, 0));
    }
  }
  return largest;
}

export async function benchSite(options: BenchSiteOptions = {}): Promise<BenchSiteResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const posts = options.posts ?? 10_000;
  const work = options.workDir ? path.resolve(options.workDir) : await mkdtemp(path.join(tmpdir(), 'noclout-bench-site-'));
  await mkdir(work, { recursive: true });
  const commons = path.join(work, 'commons');
  if (!existsSync(path.join(commons, '.git'))) {
    const synthetic = path.join(ROOT, 'scripts/synthetic-commons.ts');
    if (!existsSync(synthetic)) throw new Error('scripts/synthetic-commons.ts is missing: it generates the commons this benchmark builds');
    const { generateCommons } = (await import(synthetic)) as typeof import('./synthetic-commons.ts');
    log(`generating a commons of ${posts} posts in ${commons}…`);
    await generateCommons({ dir: commons, posts, commits: options.commits ?? Math.max(1, Math.floor(posts / 2)), members: options.members ?? 50 });
  }
  const node = process.execPath;

  const load: [number, number] = [loadavg()[0]!, 0];
  // The full build and the republishes work on a clone: the generated commons stays as generated.
  const clone = path.join(work, 'republish');
  await rm(clone, { recursive: true, force: true });
  await git(work, 'clone', '-q', commons, clone);
  const distDir = path.join(work, 'dist-full');
  log('full site build (with search)…');
  // A fresh cache, so every run starts cold like the bare build below.
  const cache = path.join(work, 'cache-full');
  await rm(cache, { recursive: true, force: true });
  // Nor do the builds spend their time deleting a previous run's pages.
  await rm(distDir, { recursive: true, force: true });
  // --quiet: the bare build below runs with --silent; a line per page is not part of the work.
  const buildArgs = [path.join(ROOT, 'scripts/build-site.ts'), '--commons', clone, '--out', distDir, '--cache', cache, '--quiet'];
  const full = await measured(node, buildArgs, ROOT);
  const fullSearch = searchSeconds(full.stdout).seconds;
  const fullResult: Measure = { seconds: full.seconds, cpu: full.cpu, peakMB: full.peakMB, pages: await countHtml(distDir) };
  const pageBytes = await postPageBytes(distDir);

  const republish: Republish[] = [];
  if (options.republish !== false) {
    for (const change of await changes(clone)) {
      log(`republish: ${change.name}…`);
      await change.apply();
      const measure = await measured(node, buildArgs, ROOT);
      const report = measure.stdout.split('\n').find((line) => /^(incremental|full) build/.test(line)) ?? '(no report)';
      const search = searchSeconds(measure.stdout);
      republish.push({ change: change.name, seconds: measure.seconds, cpu: measure.cpu, peakMB: measure.peakMB, pages: await countHtml(distDir), report, search: search.seconds, site: measure.seconds - search.seconds, searchReport: search.line.replace(/^search index: /, '') });
    }
  }

  log('bare Astro build…');
  const bare = path.join(work, 'bare-astro');
  await rm(path.join(bare, 'node_modules/.astro'), { recursive: true, force: true });
  await rm(path.join(bare, '.astro'), { recursive: true, force: true });
  await rm(path.join(bare, 'dist'), { recursive: true, force: true });
  await writeBareAstro(bare, commons);
  const bareMeasure = await measured(node, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', bare, '--silent'], bare);
  const bareResult: Measure = { seconds: bareMeasure.seconds, cpu: bareMeasure.cpu, peakMB: bareMeasure.peakMB, pages: await countHtml(path.join(bare, 'dist')) };

  let hugo: Measure | undefined;
  if (options.hugo !== false && existsSync('/usr/bin/hugo')) {
    log('hugo build…');
    const site = path.join(work, 'hugo');
    await writeHugo(site, commons);
    const measure = await measured('/usr/bin/hugo', ['--quiet', '-s', site, '-d', path.join(site, 'public')], site);
    hugo = { seconds: measure.seconds, cpu: measure.cpu, peakMB: measure.peakMB, pages: await countHtml(path.join(site, 'public')) };
  }
  load[1] = loadavg()[0]!;
  return { posts, full: fullResult, fullSearchSeconds: fullSearch, bareAstro: bareResult, hugo, ratio: (fullResult.seconds - fullSearch) / bareResult.seconds, postPageBytes: pageBytes, distDir, republish, load };
}

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, env: { ...process.env, ...commitDate } }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** The time of the next bench commit: a minute after the one before, from the head's. */
const commitDate: Record<string, string> = {};

/**
 * The five kinds of change of issue 14, each committed on `clone` when applied, a minute after the
 * commit before (the same day: a commons that merges many times a day), then a new post the next
 * day.
 */
async function changes(clone: string): Promise<{ name: string; apply: () => Promise<void> }[]> {
  const head = new Date((await git(clone, 'log', '-1', '--format=%cI')).trim());
  let minutes = 0;
  const commit = async (files: Record<string, string>, message: string, at?: Date) => {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(clone, file)), { recursive: true });
      await writeFile(path.join(clone, file), text);
    }
    minutes += 1;
    const date = (at ?? new Date(Math.min(head.getTime() + minutes * 60_000, Date.UTC(head.getUTCFullYear(), head.getUTCMonth(), head.getUTCDate(), 23, 59)))).toISOString();
    commitDate.GIT_AUTHOR_DATE = date;
    commitDate.GIT_COMMITTER_DATE = date;
    await git(clone, 'add', '-A');
    await git(clone, 'commit', '-q', '-m', message);
  };
  const { sealRecord } = await import('../src/commons/record-digest.ts');
  const members = await readFile(path.join(clone, 'governance/members.yml'), 'utf8');
  const author = /handle:\s*(\S+)/.exec(members)?.[1] ?? 'amina';
  const year = String(head.getUTCFullYear());
  const day = head.toISOString().slice(0, 10);
  const posts = (await readdir(path.join(clone, 'content/posts', year)).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).sort();
  const target = `${year}/${posts[0]!.slice(0, -3)}`;
  const hidden = `${year}/${posts[1]!.slice(0, -3)}`;
  const post = (title: string, extra = '') => `---\ntitle: "${title}"\nauthor: ${author}\ndate: ${day}\nlang: en\ntags: [bench]\n${extra}---\n\nA post committed by the benchmark.\n`;
  const record = (change: string, kind: string, files: string[], extra = '') =>
    sealRecord(
      `---\nchange: ${change}\ntitle: "${change}"\nkind: ${kind}\noutcome: accepted\nauthor: ${author}\nhead: ${'a'.repeat(40)}\nbase: ${'b'.repeat(40)}\nopened: ${new Date(head.getTime() - 86_400_000 * 7).toISOString()}\nclosed: ${new Date(head.getTime() + (minutes + 1) * 60_000).toISOString()}\n` +
        `policyCommit: ${'c'.repeat(40)}\nrule: { quorum: "1/4", threshold: { moreThan: "1/2" }, days: 3, closeEarly: false }\nroster: { size: 50, commit: ${'c'.repeat(40)} }\nfiles: [${files.join(', ')}]\nballots: []\nreasons: [Accepted.]\n${extra}---\n\nRecorded by the benchmark.\n`,
    );
  return [
    { name: 'a new post', apply: () => commit({ [`content/posts/${year}/bench-new-post.md`]: post('A new post') }, 'a new post') },
    { name: 'a new reply', apply: () => commit({ [`content/posts/${year}/bench-reply.md`]: post('A reply', `replyTo: ${target}\n`) }, 'a new reply') },
    {
      name: 'a moderation (tombstone)',
      apply: () =>
        commit(
          {
            'content/proposals/bench-hide.md': `---\ntitle: "Hide a post"\nauthor: ${author}\ndate: ${day}\nlang: en\nmoderates: ${hidden}\nrule: no-advertising\n---\n\nIt advertises.\n`,
            [`governance/decisions/${year}/9001-bench-hide.md`]: record('bench-hide', 'moderation', ['content/proposals/bench-hide.md'], `moderation:\n  post: ${hidden}\n  rule: no-advertising\n  ruleVersion: ${'d'.repeat(40)}\n  appeal: "Open a moderation proposal that appeals this decision."\n`),
          },
          'a moderation',
        ),
    },
    {
      name: 'a rule change',
      apply: async () => commit({ 'governance/rules/respect.md': `${await readFile(path.join(clone, 'governance/rules/respect.md'), 'utf8')}\nAmended by the benchmark.\n` }, 'a rule change'),
    },
    {
      name: 'a decided proposal',
      apply: () =>
        commit(
          {
            'content/proposals/bench-be-brief.md': `---\ntitle: "Be brief"\nauthor: ${author}\ndate: ${day}\nlang: en\nrules: [bench-be-brief]\n---\n\nShort posts are kind to readers.\n`,
            'governance/rules/bench-be-brief.md': '---\ntitle: Be brief\norder: 9\n---\n\nKeep it short.\n',
            [`governance/decisions/${year}/9002-bench-be-brief.md`]: record('bench-be-brief', 'proposal', ['content/proposals/bench-be-brief.md', 'governance/rules/bench-be-brief.md']),
          },
          'a decided proposal',
        ),
    },
    {
      name: 'a new post, next day',
      apply: () => commit({ [`content/posts/${year}/bench-next-day.md`]: post('The next day') }, 'a new post the next day', new Date(Date.UTC(head.getUTCFullYear(), head.getUTCMonth(), head.getUTCDate() + 1, 9))),
    },
  ];
}

function format(result: BenchSiteResult): string {
  const row = (name: string, m: Measure | undefined) => (m ? `${name.padEnd(22)} ${m.seconds.toFixed(1).padStart(7)} s (CPU ${m.cpu.toFixed(1)} s) ${String(m.peakMB).padStart(7)} MB ${String(m.pages).padStart(8)} pages` : `${name.padEnd(22)} (not run)`);
  return [
    `site benchmark, ${result.posts} posts`,
    row('full NoClout site', result.full),
    `  of which the search index: ${result.fullSearchSeconds.toFixed(1)} s; site part ${(result.full.seconds - result.fullSearchSeconds).toFixed(1)} s`,
    row('bare Astro (1/post)', result.bareAstro),
    row('hugo', result.hugo),
    `full / bare Astro: ${result.ratio.toFixed(2)}× (target ≤ 1.5×)`,
    `largest post page, HTML + CSS: ${(result.postPageBytes / 1024).toFixed(1)} KB (target < 30 KB)`,
    ...(result.republish.length > 0 ? ['one merge republished from the cache: site + search = total (target ≤ 3 s), CPU, peak memory:'] : []),
    ...result.republish.flatMap((r) => [
      `  ${r.change.padEnd(26)} ${r.site.toFixed(2)} + ${r.search.toFixed(2)} = ${r.seconds.toFixed(2).padStart(5)} s ${r.seconds <= 3 ? '≤' : '>'} 3 s  CPU ${r.cpu.toFixed(2)} s ${String(r.peakMB).padStart(5)} MB`,
      `    ${r.report}`,
      `    search: ${r.searchReport}`,
    ]),
    `load average (1 min) before / after: ${result.load[0].toFixed(1)} / ${result.load[1].toFixed(1)} on ${cpus().length} cores`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { posts: { type: 'string' }, commits: { type: 'string' }, members: { type: 'string' }, work: { type: 'string' }, 'no-hugo': { type: 'boolean' }, 'no-republish': { type: 'boolean' } } });
  const result = await benchSite({
    posts: values.posts ? Number(values.posts) : undefined,
    commits: values.commits ? Number(values.commits) : undefined,
    members: values.members ? Number(values.members) : undefined,
    workDir: values.work,
    hugo: !values['no-hugo'],
    republish: !values['no-republish'],
  });
  console.log(format(result));
}
