/**
 * Builders for the objects a hostile contributor can push and git itself never
 * writes: trees with entries in any order, twice, or with any name (written
 * raw with `git hash-object -t tree --literally`), and huge files of zeros
 * that are tiny in git. Everything is made with the real git command.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFor, type Fixture } from './fixture.ts';

export interface RawEntry {
  mode: string;
  /** The name as bytes go into the tree (a string is written as UTF-8). */
  name: string | Buffer;
  oid: string;
}

/** A tree object written exactly as given: no sorting, no checks. */
export function rawTree(f: Fixture, entries: readonly RawEntry[]): string {
  const bytes = Buffer.concat(entries.map((e) => Buffer.concat([Buffer.from(`${e.mode} `), typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name, Buffer.from([0]), Buffer.from(e.oid, 'hex')])));
  return execFileSync('git', ['-C', f.dir, 'hash-object', '-t', 'tree', '--literally', '-w', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();
}

/** A blob of the given text, written with git. */
export function blob(f: Fixture, text: string): string {
  return execFileSync('git', ['-C', f.dir, 'hash-object', '-w', '--stdin'], { input: text, encoding: 'utf8' }).trim();
}

/** The entries of a tree (`git ls-tree -z`), names as git stores them. */
export function treeEntries(f: Fixture, treeish: string): RawEntry[] {
  const out = execFileSync('git', ['-C', f.dir, 'ls-tree', '-z', treeish], { encoding: 'utf8' });
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, name] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
      const [mode, , oid] = meta.split(' ');
      return { mode: mode === '040000' ? '40000' : mode!, name, oid: oid! };
    });
}

/**
 * The root tree of `commit` with the folder at `path` replaced by `tree`: the
 * folders on the way are rebuilt with git's own order, so only `tree` is hostile.
 */
export function withFolder(f: Fixture, commit: string, path: string, tree: string): string {
  const replace = (treeish: string | undefined, parts: readonly string[]): string => {
    if (parts.length === 0) return tree;
    const [name, ...rest] = parts;
    const entries = treeish ? treeEntries(f, treeish) : [];
    const existing = entries.find((e) => e.name === name);
    const child = replace(existing?.mode === '40000' ? existing.oid : undefined, rest);
    const lines = [...entries.filter((e) => e.name !== name), { mode: '40000', name: name!, oid: child }].map((e) => `${e.mode === '40000' ? '040000 tree' : `${e.mode} blob`} ${e.oid}\t${String(e.name)}`);
    return execFileSync('git', ['-C', f.dir, 'mktree', '-z'], { input: lines.join('\0') + '\0', encoding: 'utf8' }).trim();
  };
  return replace(`${commit}^{tree}`, path.split('/'));
}

/** A commit of `tree` on `parent`, SSH-signed by `signer` as `git commit -S` does, set as `branch`. */
export function commitTree(f: Fixture, tree: string, parent: string, signer: string, branch: string, message = 'change'): string {
  const key = keyFor(signer);
  const date = '2026-11-01T09:00:00Z';
  const oid = f.git(['-c', 'gpg.format=ssh', '-c', `user.signingkey=${key.path}`, 'commit-tree', tree, '-p', parent, `-S`, '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  f.git(['branch', '-f', branch, oid]);
  return oid;
}

/** Shared across runs like the test keys: a 600 MB blob takes git seconds to write, its object file is 2.7 MB. */
const OBJECT_DIR = join(tmpdir(), 'noclout-test-objects');

/**
 * A blob of `bytes` zero bytes in f's repository, as a loose object written by
 * `head -c N /dev/zero | git hash-object -w --stdin`. The object file is made
 * once and copied: it is the same object in every repository.
 */
export function zeroBlob(f: Fixture, bytes: number): string {
  mkdirSync(OBJECT_DIR, { recursive: true });
  const cached = join(OBJECT_DIR, `zeros-${bytes}`);
  if (!existsSync(cached)) {
    const scratch = mkdtempSync(join(OBJECT_DIR, '.make-'));
    execFileSync('git', ['init', '-q', '--bare', scratch]);
    const oid = execFileSync('sh', ['-c', `head -c ${bytes} /dev/zero | git --git-dir="${scratch}" hash-object -w --stdin`], { encoding: 'utf8' }).trim();
    renameSync(join(scratch, 'objects', oid.slice(0, 2), oid.slice(2)), `${cached}.tmp`);
    writeFileSync(`${cached}.oid`, oid);
    renameSync(`${cached}.tmp`, cached);
    rmSync(scratch, { recursive: true, force: true });
  }
  const oid = readFileSync(`${cached}.oid`, 'utf8').trim();
  const target = join(f.dir, '.git', 'objects', oid.slice(0, 2));
  mkdirSync(target, { recursive: true });
  if (!existsSync(join(target, oid.slice(2)))) copyFileSync(cached, join(target, oid.slice(2)));
  return oid;
}

/** Entries in git's order: by bytes, a folder as if its name ended with "/" (what `git mktree` writes). */
export function inGitOrder(entries: readonly RawEntry[]): RawEntry[] {
  const key = (e: RawEntry) => Buffer.concat([typeof e.name === 'string' ? Buffer.from(e.name) : e.name, Buffer.from(e.mode === '40000' ? '/' : '')]);
  return [...entries].sort((a, b) => Buffer.compare(key(a), key(b)));
}
