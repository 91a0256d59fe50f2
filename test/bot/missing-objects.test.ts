/**
 * Git objects the bot needs can be missing: `git gc` prunes the commits of a
 * deleted branch, a shallow clone stops at its depth, a copy can come without
 * its history. review, merge and audit name the object and go on with the
 * other changes and records; nothing ends in a stack trace.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { postText, proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

const STACK = /\n\s+at .*\(|NotFoundError|node:internal/;

function post(f: Fixture, slug: string, author: string): string {
  return f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author, title: `Post ${slug}` }) }, { branch: `post/${slug}`, signer: author });
}

function proposal(f: Fixture, slug: string, author: string, branch = `proposal/${slug}`): string {
  return f.commit({ [`content/proposals/${slug}.md`]: proposalText({ author }), [`governance/rules/${slug}.md`]: '---\ntitle: "A rule"\n---\n\nx\n' }, { branch, signer: author });
}

async function run(args: string[]) {
  return nocloutInProcess([...args, '--format', 'json']);
}

/** Delete a branch and prune what only it reached, as `git branch -D` then `git gc --prune=now` do on a hub. */
function deleteAndPrune(f: Fixture, branch: string): void {
  f.git(['branch', '-D', branch]);
  f.git(['reflog', 'expire', '--expire=now', '--all']);
  f.git(['gc', '-q', '--prune=now']);
}

/** Remove one loose object from the repository, as a partial copy would lack it. */
function removeObject(f: Fixture, oid: string): void {
  rmSync(join(f.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
}

/** A commons with a rejected proposal (its record alone on main) and a published post. */
async function decidedCommons(): Promise<{ f: Fixture; rejectedHead: string }> {
  const f = commons();
  const rejectedHead = proposal(f, 'lonely', 'amina');
  post(f, 'kept', 'bruno');
  await run(['review', 'proposal/lonely', '--repo', f.dir, '--at', T0]);
  await run(['review', 'post/kept', '--repo', f.dir, '--at', T0]);
  const merged = await run(['merge', '--repo', f.dir, '--at', days(8)]);
  expect(merged.json.results.map((r: any) => [r.head, r.decision])).toEqual([
    ['post/kept', 'accept'],
    ['proposal/lonely', 'reject'],
  ]);
  expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  return { f, rejectedHead };
}

describe('audit with missing objects', () => {
  it('a record whose head was pruned by gc is reported as audit/missing-object naming the record, the commit, why and what to do; the other records are still checked', async () => {
    const { f, rejectedHead } = await decidedCommons();
    deleteAndPrune(f, 'proposal/lonely');
    expect(f.git(['cat-file', '-t', rejectedHead], {}, true)).toBe('');
    // Tamper with the other record so that the audit shows it still replays it.
    const kept = 'governance/decisions/2026/0001-kept.md';
    const text = f.git(['show', `main:${kept}`]);
    f.commit({ [kept]: sealRecord(`${text.replace('title: Post kept', 'title: Post kept, improved')}\n`) }, { message: 'touch a record' });
    const audit = noclout(['audit', '--repo', f.dir, '--format', 'json']);
    expect(audit.code).toBe(1);
    expect(audit.stderr).not.toMatch(STACK);
    const missing = audit.json.findings.filter((x: any) => x.rule === 'audit/missing-object');
    expect(missing).toHaveLength(1);
    expect(missing[0].path).toBe('governance/decisions/2026/0002-lonely.md');
    expect(missing[0].message).toContain(`the head commit the record names, commit ${rejectedHead}`);
    expect(missing[0].message).toContain('pruned by `git gc`');
    expect(missing[0].message).toContain(`git fetch origin ${rejectedHead}`);
    expect(audit.json.findings).toContainEqual(expect.objectContaining({ path: kept, rule: 'audit/field', message: expect.stringContaining('"Post kept, improved"') }));
    const human = noclout(['audit', '--repo', f.dir]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('governance/decisions/2026/0002-lonely.md: cannot verify this record');
  });

  it('a ledger entry whose first head was pruned is not taken for a change merged without a record', async () => {
    const f = commons();
    post(f, 'abandoned', 'amina');
    await run(['review', 'post/abandoned', '--repo', f.dir, '--at', T0]);
    deleteAndPrune(f, 'post/abandoned');
    const audit = noclout(['audit', '--repo', f.dir, '--format', 'json']);
    expect(audit.stderr).not.toMatch(STACK);
    expect(audit.json.findings).toEqual([]);
    expect(audit.code).toBe(0);
  });

  it('a ledger whose tree is missing: every record and the ledger check say so, naming the ledger file and the tree', async () => {
    const { f } = await decidedCommons();
    const tree = f.git(['rev-parse', 'refs/noclout/ledger^{tree}']);
    removeObject(f, tree);
    const audit = noclout(['audit', '--repo', f.dir, '--format', 'json']);
    expect(audit.code).toBe(1);
    expect(audit.stderr).not.toMatch(STACK);
    const missing = audit.json.findings.filter((x: any) => x.rule === 'audit/missing-object');
    expect(missing.map((x: any) => x.path)).toEqual(['governance/decisions/2026/0001-kept.md', 'governance/decisions/2026/0002-lonely.md', 'refs/noclout/ledger']);
    expect(missing[0].message).toContain(`tree ${tree}`);
    expect(missing[0].message).toContain('needed to read refs/noclout/ledger:openings/kept.yml');
  });

  it('a shallow clone: the records it cannot replay say the clone is shallow and to run git fetch --unshallow', async () => {
    const { f } = await decidedCommons();
    const shallow = commons();
    rmSync(shallow.dir, { recursive: true, force: true });
    f.git(['clone', '-q', '--depth', '1', '--no-local', `file://${f.dir}`, shallow.dir]);
    shallow.git(['fetch', '-q', '--depth', '1', 'origin', 'refs/noclout/ledger:refs/noclout/ledger']);
    const audit = noclout(['audit', '--repo', shallow.dir, '--format', 'json']);
    expect(audit.code).toBe(1);
    expect(audit.stderr).not.toMatch(STACK);
    const missing = audit.json.findings.filter((x: any) => x.rule === 'audit/missing-object');
    expect(missing.length).toBeGreaterThan(0);
    for (const finding of missing) expect(finding.message).toContain('git fetch --unshallow');
  });

  it('an object missing on main itself ends the command with one line naming it and exit 1, never a stack trace', async () => {
    const { f } = await decidedCommons();
    const tree = f.git(['rev-parse', 'main:governance/decisions/2026']);
    removeObject(f, tree);
    const audit = noclout(['audit', '--repo', f.dir]);
    expect(audit.code).toBe(1);
    expect(audit.stderr).not.toMatch(STACK);
    expect(audit.stderr).toContain(`tree ${tree} (the folder governance/decisions/2026)`);
    expect(audit.stderr).toContain('[repo/missing-object]');
    const json = noclout(['audit', '--repo', f.dir, '--format', 'json']);
    expect(json.json).toMatchObject({ ok: false, error: { kind: 'missing-object', object: tree, path: 'governance/decisions/2026' } });
  });
});

describe('review and merge with missing objects', () => {
  it('a branch reusing the slug of a decided change whose head was pruned is invalid (change/missing-object); the rest of the queue is merged', async () => {
    const { f, rejectedHead } = await decidedCommons();
    deleteAndPrune(f, 'proposal/lonely');
    proposal(f, 'lonely', 'chloe', 'proposal/lonely-again');
    post(f, 'next', 'amina');
    await run(['review', 'post/next', '--repo', f.dir, '--at', days(9)]);
    const merged = noclout(['merge', '--repo', f.dir, '--at', days(10), '--format', 'json']);
    expect(merged.stderr).not.toMatch(STACK);
    expect(merged.code).toBe(1);
    const byHead = Object.fromEntries(merged.json.results.map((r: any) => [r.head, r]));
    expect(byHead['post/next']).toMatchObject({ decision: 'accept', merged: true });
    const again = byHead['proposal/lonely-again'];
    expect(again).toMatchObject({ decision: 'invalid', merged: false });
    expect(again.problems).toEqual([expect.objectContaining({ rule: 'change/missing-object', message: expect.stringContaining(`commit ${rejectedHead}`) })]);
    expect(again.problems[0].message).toContain('needed to tell whether proposal/lonely-again is the change first seen as "lonely"');
    expect(again.problems[0].hint).toContain(`git fetch origin ${rejectedHead}`);
    const review = noclout(['review', 'proposal/lonely-again', 'post/next', '--repo', f.dir, '--at', days(10)]);
    expect(review.code).toBe(1);
    expect(review.stderr).not.toMatch(STACK);
    expect(review.stdout).toContain('[change/missing-object]');
    expect(review.stdout).toContain('next: fetch the missing objects');
  });

  it('a change whose post file cannot be read names the file and the blob; dry-run goes on with the other changes', async () => {
    const f = commons();
    post(f, 'broken', 'amina');
    post(f, 'fine', 'bruno');
    const blob = f.git(['rev-parse', 'post/broken:content/posts/2026/broken.md']);
    removeObject(f, blob);
    const dry = noclout(['merge', '--dry-run', '--repo', f.dir, '--at', hours(1), '--format', 'json']);
    expect(dry.stderr).not.toMatch(STACK);
    expect(dry.code).toBe(1);
    expect(dry.json.results.map((r: any) => [r.head, r.decision])).toEqual([
      ['post/broken', 'invalid'],
      ['post/fine', 'pending'],
    ]);
    expect(dry.json.results[0].problems[0]).toMatchObject({ path: 'content/posts/2026/broken.md', rule: 'change/missing-object', message: expect.stringContaining(`blob ${blob} (the file content/posts/2026/broken.md)`) });
  });

  it('a branch that points to a commit the repository does not have is judged invalid on its own, in review and in merge', async () => {
    const f = commons();
    post(f, 'fine', 'bruno');
    const ghost = 'e'.repeat(40);
    writeFileSync(join(f.dir, '.git', 'refs', 'heads', 'post', 'ghost'), `${ghost}\n`);
    const dry = noclout(['merge', '--dry-run', '--repo', f.dir, '--at', hours(1), '--format', 'json']);
    expect(dry.stderr).not.toMatch(STACK);
    expect(dry.code).toBe(1);
    expect(dry.json.results.map((r: any) => [r.head, r.decision])).toEqual([
      ['post/fine', 'pending'],
      ['post/ghost', 'invalid'],
    ]);
    expect(dry.json.results[1].problems[0]).toMatchObject({ path: 'post/ghost', rule: 'change/missing-object', message: expect.stringContaining(`commit ${ghost} is not in`) });
    const review = noclout(['review', 'post/ghost', '--repo', f.dir, '--at', hours(1), '--format', 'json']);
    expect(review.code).toBe(1);
    expect(review.stderr).not.toMatch(STACK);
    expect(review.json).toMatchObject({ head: 'post/ghost', commit: ghost, decision: 'invalid', problems: [{ rule: 'change/missing-object' }] });
  });
});
