/**
 * A commons whose decision records were written by the real bot, for
 * benchmarking `noclout audit` (issue 14: "audit of 10,000 records ≤ 60 s").
 * A record is only worth auditing if the replay can find everything it names
 * (the head, the base, the ledger's opening, the merge on main), so nothing
 * here writes a record: members' signed post changes are made in process
 * (git objects written directly, each commit SSH-signed with node:crypto as
 * `git commit -S` with gpg.format=ssh would sign it), and `noclout review`
 * then `noclout merge` (the CLI's own main()) open and publish them, one
 * week after another: 50 members publish 150 posts a week under the demo
 * policy (posts.maxPerAuthorPerWeek: 3), so 10,000 records span a year and a
 * half of history. Every record is a post published by lazy consensus.
 *
 *   node scripts/synthetic-records.ts --dir /tmp/x [--records 10000] [--posts 10000] [--commits 5000] [--members 50]
 */
import { createHash, sign } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { main } from '../src/cli/main.ts';
import { putFiles } from '../src/repo/merge.ts';
import { writeObject } from '../src/repo/object-write.ts';
import { compareAndSwapRef } from '../src/repo/ref.ts';
import { openRepository, resolveCommit, type Repository } from '../src/repo/repository.ts';
import { treeOf } from '../src/repo/tree.ts';
import { generateCommons, type SyntheticKey } from './synthetic-commons.ts';

export interface SyntheticRecordsOptions {
  dir: string;
  records: number;
  /** The commons the records are added to (scripts/synthetic-commons.ts). */
  posts: number;
  commits: number;
  members: number;
  log?: (line: string) => void;
}

/** The first week's opening; each later week starts 8 days on (a week's publications never count against the next). */
const FIRST_WEEK = Date.parse('2026-01-05T09:00:00Z');
const WEEK = 8 * 86_400_000;

/** Build the commons and its records; returns how many records main holds. */
export async function generateRecords(options: SyntheticRecordsOptions): Promise<{ records: number }> {
  const log = options.log ?? (() => {});
  log(`records: a commons of ${options.posts} posts, ${options.commits} commits, ${options.members} members in ${options.dir}`);
  const commons = await generateCommons({ dir: options.dir, posts: options.posts, commits: options.commits, members: options.members, checkout: false });
  const repo = openRepository(options.dir);
  // The bot runs where main is not checked out (src/repo/checkout.ts).
  writeFileSync(join(repo.gitdir, 'HEAD'), `${commons.head}\n`);
  const perWeek = options.members * 3;
  let made = 0;
  for (let week = 0; made < options.records; week++) {
    const opened = new Date(FIRST_WEEK + week * WEEK);
    const count = Math.min(perWeek, options.records - made);
    const base = await resolveCommit(repo, 'refs/heads/main');
    const heads: string[] = [];
    for (let i = 0; i < count; i++) heads.push(await postChange(repo, base, commons.keys[i % commons.keys.length]!, made + i, opened));
    let t = performance.now();
    await cli(['review', ...heads, '--repo', options.dir, '--at', opened.toISOString(), '--format', 'json']);
    log(`review ${Math.round(performance.now() - t)} ms`); t = performance.now();
    const merged = await cli(['merge', '--repo', options.dir, '--at', new Date(opened.getTime() + 25 * 3_600_000).toISOString(), '--format', 'json']);
    log(`merge ${Math.round(performance.now() - t)} ms`);
    const results = (JSON.parse(merged) as { results: { merged: boolean; head: string; reasons: string[] }[] }).results;
    const refused = results.filter((r) => !r.merged);
    if (refused.length) throw new Error(`week ${week}: ${refused.length} changes were not merged, as ${refused[0]!.head}: ${refused[0]!.reasons.join('; ')}`);
    // A merged branch is deleted, as a forge does: the next listing has this week's changes only.
    for (const head of heads) rmSync(join(repo.gitdir, 'refs', 'heads', head), { force: true });
    made += count;
    log(`records: week ${week + 1}, ${made} records`);
  }
  return { records: made };
}

/** One member's signed commit adding one post on `base`, on branch post/<slug>; returns the branch. */
async function postChange(repo: Repository, base: string, key: SyntheticKey, n: number, opened: Date): Promise<string> {
  const slug = `weekly-note-${String(n + 1).padStart(5, '0')}`;
  const year = opened.getUTCFullYear();
  const text = `---\ntitle: "Weekly note ${n + 1}"\nauthor: ${key.handle}\ndate: ${opened.toISOString().slice(0, 10)}\nlang: en\n---\n\nA note written for the audit benchmark, number ${n + 1}.\n`;
  const tree = await putFiles(repo, await treeOf(repo, base), [{ path: `content/posts/${year}/${slug}.md`, text }]);
  const when = `${Math.floor(opened.getTime() / 1000) - 3600} +0000`;
  const who = `${key.name} <${key.handle}@example.org> ${when}`;
  const payload = `tree ${tree}\nparent ${base}\nauthor ${who}\ncommitter ${who}\n\npost: ${slug}\n`;
  const signature = sshSignature(key, Buffer.from(payload));
  const [headers, message] = [payload.slice(0, payload.indexOf('\n\n') + 1), payload.slice(payload.indexOf('\n\n') + 1)];
  const commit = writeObject(repo, 'commit', Buffer.from(`${headers}gpgsig ${signature.split('\n').join('\n ')}\n${message}`));
  const branch = `post/${slug}`;
  const moved = await compareAndSwapRef(repo, `refs/heads/${branch}`, undefined, commit);
  if (!moved.ok) throw new Error(`could not create ${branch}`);
  return branch;
}

/** An armored SSHSIG signature (PROTOCOL.sshsig) in namespace "git", as `ssh-keygen -Y sign -n git` makes it. */
function sshSignature(key: SyntheticKey, message: Buffer): string {
  const string = (b: Buffer) => Buffer.concat([uint32(b.length), b]);
  const [, blob] = key.publicKey.split(' ');
  const publicBlob = Buffer.from(blob!, 'base64');
  const namespace = Buffer.from('git');
  const hash = Buffer.from('sha512');
  const signed = Buffer.concat([Buffer.from('SSHSIG'), string(namespace), string(Buffer.alloc(0)), string(hash), string(createHash('sha512').update(message).digest())]);
  const signature = string(Buffer.concat([string(Buffer.from('ssh-ed25519')), string(sign(null, signed, key.privateKey))]));
  const body = Buffer.concat([Buffer.from('SSHSIG'), uint32(1), string(publicBlob), string(namespace), string(Buffer.alloc(0)), string(hash), signature]);
  return `-----BEGIN SSH SIGNATURE-----\n${body.toString('base64').match(/.{1,70}/g)!.join('\n')}\n-----END SSH SIGNATURE-----`;
}

function uint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}

/** Run the CLI in this process; its stdout, or an error with what it said. */
async function cli(args: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: process.cwd(), env: { ...process.env, LANG: 'C' }, stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`) });
  if (code === 2 || (code !== 0 && args[0] === 'merge')) throw new Error(`noclout ${args[0]} exited ${code}: ${stderr.slice(0, 2000)}`);
  return stdout;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, records: { type: 'string', default: '10000' }, posts: { type: 'string', default: '10000' }, commits: { type: 'string', default: '5000' }, members: { type: 'string', default: '50' } } });
  if (!values.dir) throw new Error('usage: node scripts/synthetic-records.ts --dir DIR [--records 10000] [--posts 10000] [--commits 5000] [--members 50]');
  const started = performance.now();
  const made = await generateRecords({ dir: values.dir, records: Number(values.records), posts: Number(values.posts), commits: Number(values.commits), members: Number(values.members), log: (line) => process.stderr.write(`${line}\n`) });
  process.stderr.write(`records: ${made.records} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
