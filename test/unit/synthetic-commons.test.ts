/**
 * The synthetic commons generator (scripts/synthetic-commons.ts) makes real
 * git histories for benchmarks: they must be valid commons, have exactly the
 * commits asked for, and be reproducible from their seed.
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCommons } from '../../scripts/synthetic-commons.ts';
import { parseSshPublicKey } from '../../src/commons/ssh-key.ts';
import { validateCommons } from '../../src/commons/validate.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { readSnapshot } from '../../src/repo/tree.ts';

const made: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'noclout-synthetic-'));
  made.push(dir);
  return join(dir, 'commons');
}
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

describe('generateCommons', () => {
  it('creates a history whose tip is a valid commons, read from git objects', async () => {
    const result = await generateCommons({ dir: await freshDir(), posts: 60, commits: 25, members: 6, seed: 3 });
    const snapshot = await readSnapshot(openRepository(result.dir), result.head);
    const { problems, parsed } = validateCommons(snapshot);

    expect(problems).toEqual([]);
    expect(parsed.posts.size).toBe(60);
    expect(parsed.members?.map((m) => m.handle)).toEqual(result.keys.map((k) => k.handle));
    expect(parsed.rules.size).toBeGreaterThanOrEqual(4);
    const posts = [...parsed.posts.values()].map((p) => p.data);
    expect(new Set(posts.map((p) => p.lang))).toEqual(new Set(['fr', 'en']));
    expect(posts.some((p) => p.replyTo !== undefined)).toBe(true);
    expect(posts.every((p) => (p.tags ?? []).length > 0)).toBe(true);
  });

  it('writes posts of five paragraphs', async () => {
    const result = await generateCommons({ dir: await freshDir(), posts: 5, commits: 3, members: 2 });
    const snapshot = await readSnapshot(openRepository(result.dir), result.head);
    const { parsed } = validateCommons(snapshot);
    for (const post of parsed.posts.values()) {
      expect(post.body.trim().split(/\n\n+/)).toHaveLength(5);
    }
  });

  it('makes exactly the requested number of commits on main', async () => {
    const result = await generateCommons({ dir: await freshDir(), posts: 40, commits: 17, members: 5 });
    expect(git(result.dir, 'rev-list', '--count', 'main')).toBe('17');
    expect(git(result.dir, 'status', '--porcelain')).toBe('');
  });

  it('fills commits beyond the posts with amendments, still one commit each and still valid', async () => {
    const result = await generateCommons({ dir: await freshDir(), posts: 3, commits: 12, members: 2 });
    expect(git(result.dir, 'rev-list', '--count', 'main')).toBe('12');
    const snapshot = await readSnapshot(openRepository(result.dir), result.head);
    expect(validateCommons(snapshot).problems).toEqual([]);
  });

  it('moves time forward from one commit to the next', async () => {
    const result = await generateCommons({ dir: await freshDir(), posts: 30, commits: 20, members: 4 });
    const times = git(result.dir, 'log', '--reverse', '--format=%ct', 'main').split('\n').map(Number);
    expect(times).toHaveLength(20);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
  });

  it('gives the same history for the same seed, and another for another seed', async () => {
    const options = { posts: 20, commits: 8, members: 3 };
    const a = await generateCommons({ ...options, dir: await freshDir(), seed: 42 });
    const b = await generateCommons({ ...options, dir: await freshDir(), seed: 42 });
    const c = await generateCommons({ ...options, dir: await freshDir(), seed: 43 });
    expect(b.head).toBe(a.head);
    expect(c.head).not.toBe(a.head);
  });

  it('gives each member a real ed25519 pair: the members.yml line verifies what the private key signs', async () => {
    const result = await generateCommons({ dir: await freshDir(), posts: 1, commits: 1, members: 3 });
    for (const key of result.keys) {
      const parsed = parseSshPublicKey(key.publicKey);
      if (!parsed.ok) throw new Error(parsed.error);
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(parsed.key.raw).toString('base64url') }, format: 'jwk' });
      const message = Buffer.from(`ballot of ${key.handle}`);
      const signature = sign(null, message, key.privateKey);
      expect(verify(null, message, publicKey, signature)).toBe(true);
      expect(verify(null, Buffer.from('tampered'), publicKey, signature)).toBe(false);
      expect(key.opensshPrivateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END OPENSSH PRIVATE KEY-----\n$/);
    }
  });

  it('refuses a directory that already holds files', async () => {
    const dir = await freshDir();
    await generateCommons({ dir, posts: 1, commits: 1, members: 1 });
    await writeFile(join(dir, 'note.txt'), 'keep me');
    await expect(generateCommons({ dir, posts: 1, commits: 1, members: 1 })).rejects.toThrow(/not empty/);
  });

  it('refuses counts that are not whole numbers', async () => {
    await expect(generateCommons({ dir: await freshDir(), posts: 1, commits: 0, members: 1 })).rejects.toThrow(/commits must be an integer ≥ 1/);
    await expect(generateCommons({ dir: await freshDir(), posts: 1.5, commits: 1, members: 1 })).rejects.toThrow(/posts must be an integer/);
  });
});
