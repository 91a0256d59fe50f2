/**
 * Real git repositories for tests: `git` and `ssh-keygen -t ed25519` build the
 * fixtures and sign commits exactly as a member would
 * (`git -c gpg.format=ssh -c user.signingkey=KEY commit -S`). The code under
 * test reads them through isomorphic-git only.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

export interface Key {
  handle: string;
  /** Path of the private key file (its .pub sits beside it). */
  path: string;
  publicLine: string;
}

const keyCache = new Map<string, Key>();
/** Keys are test fixtures, not secrets: one shared folder, reused by every run instead of a new one each time. */
const KEY_DIR = join(tmpdir(), 'noclout-test-keys');

/** A real ed25519 key pair per handle, made once with ssh-keygen and reused. */
export function keyFor(handle: string): Key {
  const cached = keyCache.get(handle);
  if (cached) return cached;
  mkdirSync(KEY_DIR, { recursive: true });
  const path = join(KEY_DIR, handle);
  if (!existsSync(`${path}.pub`)) {
    // Made aside then renamed, private key first: a run in parallel never sees half a pair.
    const scratch = mkdtempSync(join(KEY_DIR, `.${handle}-`));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${handle}@test`, '-f', join(scratch, 'key')]);
    if (!existsSync(`${path}.pub`)) {
      renameSync(join(scratch, 'key'), path);
      renameSync(join(scratch, 'key.pub'), `${path}.pub`);
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  const key = { handle, path, publicLine: readFileSync(`${path}.pub`, 'utf8').trim() };
  keyCache.set(handle, key);
  return key;
}

export const POLICY = {
  rules: '{ quorum: "1/3", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false }',
  policy: '{ quorum: "1/2", threshold: { atLeast: "3/4" }, days: 14, closeEarly: false }',
  membership: '{ quorum: "1/4", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false }',
  moderation: '{ quorum: "1/4", threshold: { moreThan: "1/2" }, days: 3, closeEarly: false }',
  objectionHours: 24,
  maxPerAuthorPerWeek: 3,
  maxBytes: 100000,
};

export type PolicyNumbers = typeof POLICY;

export function policyText(numbers: Partial<PolicyNumbers> = {}): string {
  const p = { ...POLICY, ...numbers };
  return `---
voting:
  rules: ${p.rules}
  policy: ${p.policy}
  membership: ${p.membership}
  moderation: ${p.moderation}
posts:
  objectionHours: ${p.objectionHours}
  maxPerAuthorPerWeek: ${p.maxPerAuthorPerWeek}
  maxBytes: ${p.maxBytes}
---

# Policy

The numbers above are enforced.
`;
}

export function membersText(handles: readonly string[]): string {
  return handles.map((h) => `- handle: ${h}\n  name: ${h[0]!.toUpperCase()}${h.slice(1)}\n  joined: 2026-01-01\n  keys:\n    - ${keyFor(h).publicLine}\n`).join('');
}

export const COMMONS_YML = `name: Test commons
description: A commons made by a test.
url: https://commons.example/
repository: https://git.example/commons
languages: [en, fr]
defaultLanguage: en
`;

export function postText(fields: { title?: string; author: string; date?: string; lang?: string; extra?: string }, body = 'Hello, commons.\n'): string {
  return `---\ntitle: "${fields.title ?? 'A post'}"\nauthor: ${fields.author}\ndate: ${fields.date ?? '2026-11-01'}\nlang: ${fields.lang ?? 'en'}\n${fields.extra ?? ''}---\n\n${body}`;
}

export function proposalText(fields: { title?: string; author: string; extra?: string }, body = 'Why this change is good.\n'): string {
  return `---\ntitle: "${fields.title ?? 'A proposal'}"\nauthor: ${fields.author}\ndate: 2026-11-01\n${fields.extra ?? ''}---\n\n${body}`;
}

export function ruleText(title: string): string {
  return `---\ntitle: "${title}"\n---\n\nThe rule's text.\n`;
}

/** A file to write: text, null to delete, or a special entry. */
export type FileSpec = string | null | { symlink: string } | { executable: string };

export interface CommitOptions {
  /** Who signs (a handle with a key from keyFor), or nobody. */
  signer?: string;
  /** Branch to commit on; created from `from` (default main) when missing. */
  branch?: string;
  from?: string;
  message?: string;
  /** Commit date written into the commit (the bot must ignore it). */
  date?: string;
  author?: string;
}

/** A commons repository in a temp dir, driven with the real git command. */
export class Fixture {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  git(args: readonly string[], env: Record<string, string> = {}, allowFailure = false): string {
    try {
      return this.run(args, env);
    } catch (error) {
      if (allowFailure) return '';
      throw error;
    }
  }

  private run(args: readonly string[], env: Record<string, string>): string {
    return execFileSync('git', ['-C', this.dir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir, GIT_AUTHOR_NAME: 'Someone', GIT_AUTHOR_EMAIL: 'someone@example.org', GIT_COMMITTER_NAME: 'Someone', GIT_COMMITTER_EMAIL: 'someone@example.org', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  /** Write files on a branch and commit them (signed when `signer` is given). Returns the commit id. */
  commit(files: Record<string, FileSpec>, options: CommitOptions = {}): string {
    const branch = options.branch ?? 'main';
    // The bot moves main under this working copy (it never touches the work tree): catch up first.
    if (this.git(['rev-parse', '--verify', '-q', 'HEAD'], {}, true) !== '') this.git(['reset', '-q', '--hard']);
    if (branch !== 'main') {
      const exists = this.git(['branch', '--list', branch]) !== '';
      this.git(exists ? ['checkout', '-q', branch] : ['checkout', '-q', '-b', branch, options.from ?? 'main']);
    }
    for (const [path, spec] of Object.entries(files)) {
      const full = join(this.dir, path);
      rmSync(full, { force: true });
      if (spec === null) continue;
      mkdirSync(dirname(full), { recursive: true });
      if (typeof spec === 'string') writeFileSync(full, spec);
      else if ('symlink' in spec) symlinkSync(spec.symlink, full);
      else {
        writeFileSync(full, spec.executable);
        chmodSync(full, 0o755);
      }
      this.git(['add', '--', path]);
    }
    for (const [path, spec] of Object.entries(files)) if (spec === null) this.git(['rm', '-q', '--cached', '--ignore-unmatch', '--', path]);
    const date = options.date ?? '2026-11-01T09:00:00Z';
    const env: Record<string, string> = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    if (options.author) Object.assign(env, { GIT_AUTHOR_NAME: options.author, GIT_AUTHOR_EMAIL: `${options.author}@example.org` });
    const sign = options.signer ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${keyFor(options.signer).path}`] : [];
    this.git([...sign, 'commit', '-q', '--allow-empty', ...(options.signer ? ['-S'] : ['--no-gpg-sign']), '-m', options.message ?? 'change'], env);
    const oid = this.git(['rev-parse', 'HEAD']);
    this.git(['checkout', '-q', 'main']);
    return oid;
  }

  rev(ref: string): string {
    return this.git(['rev-parse', ref]);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface CommonsOptions {
  members?: readonly string[];
  policy?: Partial<PolicyNumbers>;
  rules?: Record<string, string>;
  posts?: Record<string, string>;
}

/** A fresh commons on branch main: config, policy, members (with real keys), rules. */
export function makeCommons(options: CommonsOptions = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'noclout-commons-'));
  const fixture = new Fixture(dir);
  fixture.git(['init', '-q', '-b', 'main']);
  const files: Record<string, FileSpec> = {
    'governance/commons.yml': COMMONS_YML,
    'governance/policy.md': policyText(options.policy),
    'governance/members.yml': membersText(options.members ?? ['amina', 'bruno', 'chloe', 'dmitri', 'elena']),
    'governance/rules/be-kind.md': ruleText('Be kind'),
    'governance/rules/cite-sources.md': ruleText('Cite your sources'),
  };
  for (const [slug, title] of Object.entries(options.rules ?? {})) files[`governance/rules/${slug}.md`] = ruleText(title);
  for (const [path, text] of Object.entries(options.posts ?? {})) files[path] = text;
  fixture.commit(files, { message: 'A commons' });
  return fixture;
}

/**
 * A makeCommons for one test file: every commons it makes is removed after the file's tests.
 * Example: const commons = trackedCommons(); const f = commons({ members: ['amina'] });
 */
export function trackedCommons(): (options?: CommonsOptions) => Fixture {
  const fixtures: Fixture[] = [];
  afterAll(() => fixtures.forEach((f) => f.cleanup()));
  return (options = {}) => {
    const f = makeCommons(options);
    fixtures.push(f);
    return f;
  };
}
