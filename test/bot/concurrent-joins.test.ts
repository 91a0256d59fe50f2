/**
 * Issue 11 §3, "Joining and voting with plain git, several people at once": two members each run
 * `noclout join --for` from the same main, both changes are voted, and one `noclout merge` after the
 * close merges both. Each join appends an entry to governance/members.yml; the bot merges files
 * whole, so the second used to be `merge/conflict`, and the rebase its hint asked for would have
 * made its ballots stale after the vote had closed ("nothing a member does the documented way may
 * invalidate a change"). members.yml alone is now merged structurally, when both sides only
 * appended whole entries (src/commons/roster-merge.ts). Real CLI, real ssh-keygen keys, real
 * signed commits; the controls show that an edit still conflicts and that a handle or key added
 * twice is refused by check, with nothing recorded.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeRoster } from '../../src/commons/roster-merge.ts';
import { mergeTrees } from '../../src/repo/merge.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { readBlobBytes, readTreeLevel, treeOf } from '../../src/repo/tree.ts';
import { keyFor, membersText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { initFlags, person, scratch, type Person } from './person.ts';

const T0 = '2026-12-08T10:00:00Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const ROSTER = 'governance/members.yml';
/** A members.yml entry as noclout join writes one. */
const entry = (handle: string, extra = '') => `- handle: ${handle}\n  name: ${handle}\n  joined: 2026-12-08\n${extra}  keys:\n    - ${keyFor(handle).publicLine}\n`;

interface Commons {
  origin: string;
  amina: Person;
  bruno: Person;
  /** Bruno's clone of origin, set up to sign with his key. */
  clone: string;
}

/** Amina founds the commons in `origin` (where the bot runs too); Bruno joins by a membership vote and sets up signing. */
function commonsOfTwo(): Commons {
  const amina = person('amina', { gitName: 'Amina Diallo' });
  const origin = scratch();
  ok(amina.noclout([...initFlags(amina), '--signing', 'yes', '--at', at(0)], origin));
  const bruno = person('bruno', { gitName: 'Bruno Martin' });
  ok(amina.noclout(['join', '--for', 'bruno', '--name', 'Bruno Martin', '--key', keyFor('bruno').publicLine, '--at', at(0)], origin));
  ok(amina.noclout(['vote', 'join-bruno', 'yes'], origin));
  ok(amina.noclout(['merge', '--at', at(1)], origin));
  const merged = amina.noclout(['merge', '--at', at(7 * 24 + 2), '--format', 'json'], origin);
  expect(merged.json.results, merged.stderr).toMatchObject([{ head: 'member/bruno', decision: 'accept', merged: true }]);
  const clone = join(scratch(), 'clone');
  bruno.git(['clone', '-q', origin, clone], origin);
  for (const setting of [['gpg.format', 'ssh'], ['user.signingkey', join(bruno.home, '.ssh/id_ed25519')], ['commit.gpgsign', 'true'], ['noclout.author', 'bruno']]) bruno.git(['config', ...setting], clone);
  return { origin, amina, bruno, clone };
}

function ok(run: { code: number; stdout: string; stderr: string }): void {
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
}

/** A member opens a join for `handle` in `dir` from their main, as `noclout join` told the newcomer to ask. */
function openJoin(member: Person, dir: string, handle: string, name: string, key = keyFor(handle).publicLine): void {
  ok(member.noclout(['join', '--for', handle, '--name', name, '--key', key, '--at', at(8 * 24)], dir));
}

/** Every member of the roster votes yes on each change (Bruno from his clone, pushing; Amina in origin), and the bot's next run sees the ballots. */
function bothVoteYes(c: Commons, changes: readonly string[]): void {
  c.bruno.git(['fetch', '-q', 'origin'], c.clone);
  for (const change of changes) {
    ok(c.bruno.noclout(['vote', change, 'yes'], c.clone));
    ok(c.amina.noclout(['vote', change, 'yes'], c.origin));
  }
  ok(c.amina.noclout(['merge', '--at', at(8 * 24 + 2)], c.origin));
}

const show = (c: Commons, rev: string) => c.amina.git(['show', rev], c.origin);
const handlesOn = (c: Commons, rev = 'main') => [...show(c, `${rev}:${ROSTER}`).matchAll(/^- handle: (\S+)$/gm)].map((m) => m[1]);
const records = (c: Commons) => c.amina.git(['ls-tree', '-r', '--name-only', 'main', 'governance/decisions'], c.origin).split('\n');

function fsck(dir: string): { code: number; out: string } {
  const run = spawnSync('git', ['-C', dir, 'fsck', '--strict', '--no-dangling'], { encoding: 'utf8' });
  return { code: run.status ?? -1, out: run.stdout + run.stderr };
}

describe('several newcomers join at once (issue 11 §3, "several people at once")', () => {
  it('two join --for branches made from the same main by two members, both voted, are both accepted and merged by one noclout merge after the close', () => {
    const c = commonsOfTwo();
    const main = c.amina.git(['rev-parse', 'main'], c.origin);
    const before = show(c, `main:${ROSTER}`);
    openJoin(c.amina, c.origin, 'chloe', 'Chloé Petit');
    openJoin(c.bruno, c.clone, 'dan', 'Dan Okafor');
    c.bruno.git(['push', '-q', 'origin', 'member/dan'], c.clone);
    expect(c.amina.git(['merge-base', 'member/chloe', 'member/dan'], c.origin)).toBe(main);

    const opened = c.amina.noclout(['merge', '--at', at(8 * 24 + 1), '--format', 'json'], c.origin);
    expect(opened.json.results.map((r: { head: string; decision: string }) => `${r.head} ${r.decision}`), opened.stderr).toEqual(['member/chloe pending', 'member/dan pending']);
    bothVoteYes(c, ['join-chloe', 'join-dan']);

    const closed = c.amina.noclout(['merge', '--at', at(15 * 24 + 2), '--format', 'json'], c.origin);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.json.results).toMatchObject([
      { head: 'member/chloe', kind: 'membership', decision: 'accept', merged: true, problems: [] },
      { head: 'member/dan', kind: 'membership', decision: 'accept', merged: true, problems: [] },
    ]);
    // The merged roster is main's text, then Chloé's entry, then Dan's, each byte for byte as its change wrote it.
    const entry = (branch: string) => show(c, `${branch}:${ROSTER}`).slice(before.length);
    expect(show(c, `main:${ROSTER}`)).toBe(`${before}${entry('member/chloe')}${entry('member/dan')}`);
    expect(handlesOn(c)).toEqual(['amina', 'bruno', 'chloe', 'dan']);

    // Dan's record names the merge commit the bot built: main before it and Dan's head, holding the merged roster.
    const record = show(c, `main:${records(c).find((p) => p.endsWith('-join-dan.md'))}`);
    const mergeCommit = /^merge: ([0-9a-f]{40})$/m.exec(record)?.[1];
    expect(mergeCommit).toBeDefined();
    expect(c.amina.git(['rev-list', '--parents', '-n', '1', mergeCommit!], c.origin).split(' ').slice(1)).toEqual([c.amina.git(['rev-parse', `${mergeCommit}^1`], c.origin), c.amina.git(['rev-parse', 'member/dan'], c.origin)]);
    expect(show(c, `${mergeCommit}:${ROSTER}`)).toBe(show(c, `main:${ROSTER}`));

    ok(c.amina.noclout(['check'], c.origin));
    const audit = c.amina.noclout(['audit', '--format', 'json'], c.origin);
    expect(audit.code, audit.stdout).toBe(0);
    expect(audit.json.findings).toEqual([]);
    expect(fsck(c.origin)).toEqual({ code: 0, out: '' });
    // The bot merged into the main Amina has checked out in origin: her files followed it.
    expect(c.amina.git(['status', '--porcelain'], c.origin)).toBe('');
  });

  it('control: a change that also edits an existing entry still conflicts (merge/conflict), and nothing is recorded for it', () => {
    const c = commonsOfTwo();
    openJoin(c.amina, c.origin, 'chloe', 'Chloé Petit');
    openJoin(c.bruno, c.clone, 'dan', 'Dan Okafor');
    // Bruno also renames himself in the same change: an edit of an entry main has, not an appended one.
    c.bruno.git(['switch', '-q', 'member/dan'], c.clone);
    const rosterPath = join(c.clone, ROSTER);
    spawnSync('sed', ['-i', 's/^  name: Bruno Martin$/  name: Bruno M./', rosterPath]);
    c.bruno.git(['commit', '-q', '-a', '--amend', '--no-edit'], c.clone);
    c.bruno.git(['push', '-q', 'origin', 'member/dan'], c.clone);
    ok(c.amina.noclout(['merge', '--at', at(8 * 24 + 1)], c.origin));
    bothVoteYes(c, ['join-chloe', 'join-dan']);

    const closed = c.amina.noclout(['merge', 'member/chloe', 'member/dan', '--at', at(15 * 24 + 2), '--format', 'json'], c.origin);
    expect(closed.json.results).toMatchObject([
      { head: 'member/chloe', decision: 'accept', merged: true },
      { head: 'member/dan', decision: 'invalid', merged: false, problems: [{ path: ROSTER, rule: 'merge/conflict' }] },
    ]);
    expect(closed.json.results[1].problems[0].message).toContain('this change changed line');
    expect(handlesOn(c)).toEqual(['amina', 'bruno', 'chloe']);
    expect(show(c, `main:${ROSTER}`)).toContain('name: Bruno Martin');
    expect(records(c).filter((p) => p.endsWith('-join-dan.md'))).toEqual([]);
    ok(c.amina.noclout(['audit'], c.origin));
  });

  it('control: the same handle added twice with another key, or one key under two handles, is refused by check (the second change is invalid), and nothing is recorded for it', () => {
    const c = commonsOfTwo();
    openJoin(c.amina, c.origin, 'chloe', 'Chloé Petit');
    // Bruno proposes "chloe" too, with a key of his choosing, under another proposal name (a second change, not the same one).
    openJoin(c.bruno, c.clone, 'chloe', 'Chloé Petit', keyFor('not-chloe').publicLine);
    c.bruno.git(['switch', '-q', 'member/chloe'], c.clone);
    c.bruno.git(['mv', 'content/proposals/join-chloe.md', 'content/proposals/join-chloe-again.md'], c.clone);
    c.bruno.git(['commit', '-q', '--amend', '--no-edit'], c.clone);
    c.bruno.git(['push', '-q', 'origin', 'member/chloe:member/chloe-again'], c.clone);
    c.bruno.git(['switch', '-q', 'main'], c.clone);
    // And Dan is proposed with Chloé's key.
    openJoin(c.bruno, c.clone, 'dan', 'Dan Okafor', keyFor('chloe').publicLine);
    c.bruno.git(['push', '-q', 'origin', 'member/dan'], c.clone);
    ok(c.amina.noclout(['merge', '--at', at(8 * 24 + 1)], c.origin));
    bothVoteYes(c, ['join-chloe', 'join-chloe-again', 'join-dan']);

    const closed = c.amina.noclout(['merge', 'member/chloe', 'member/chloe-again', 'member/dan', '--at', at(15 * 24 + 2), '--format', 'json'], c.origin);
    const results = closed.json.results as { head: string; decision: string; merged: boolean; problems: { path: string; rule: string; message: string }[] }[];
    expect(results.map((r) => `${r.head} ${r.decision} ${r.merged}`), closed.stderr).toEqual(['member/chloe accept true', 'member/chloe-again invalid false', 'member/dan invalid false']);
    expect(results[1]!.problems).toMatchObject([{ path: ROSTER, rule: 'members/schema', message: expect.stringContaining('3.handle: handle "chloe" is already used at 2.handle') }]);
    expect(results[2]!.problems).toMatchObject([{ path: ROSTER, rule: 'members/schema', message: expect.stringContaining('this key is already listed for chloe (entry 2)') }]);
    // main has the first change's Chloé, with her own key, and nothing of the other two.
    expect(handlesOn(c)).toEqual(['amina', 'bruno', 'chloe']);
    expect(show(c, `main:${ROSTER}`)).toContain(keyFor('chloe').publicLine);
    expect(show(c, `main:${ROSTER}`)).not.toContain(keyFor('not-chloe').publicLine);
    expect(records(c).filter((p) => /-join-(chloe-again|dan)\.md$/.test(p))).toEqual([]);
    ok(c.amina.noclout(['check'], c.origin));
    ok(c.amina.noclout(['audit'], c.origin));
    expect(fsck(c.origin).code).toBe(0);
  });
});

describe('mergeRoster: only whole entries appended on both sides merge, and the result reads as both sides say', () => {
  const BASE = `# Everyone who writes or votes.\n${entry('amina')}${entry('bruno', '  github: { login: bruno-gh, id: 7 }\n')}`;
  const refused = (base: string, ours: string, theirs: string) => {
    const merged = mergeRoster(base, ours, theirs);
    expect(merged.ok).toBe(false);
    return merged.ok ? '' : merged.why;
  };

  it('the base, then main\'s appended entries, then the change\'s, byte for byte (a change adding two is fine too)', () => {
    expect(mergeRoster(BASE, BASE + entry('chloe'), BASE + entry('dan') + entry('erin'))).toEqual({ ok: true, text: BASE + entry('chloe') + entry('dan') + entry('erin') });
  });

  it('a third join made from an older main merges the same way: main only ever grows at its end', () => {
    const main = BASE + entry('chloe') + entry('dan');
    expect(mergeRoster(BASE, main, BASE + entry('erin'))).toEqual({ ok: true, text: main + entry('erin') });
    expect(mergeRoster(BASE + entry('chloe'), main, BASE + entry('chloe') + entry('erin'))).toEqual({ ok: true, text: main + entry('erin') });
  });

  it('modulo the final newline: a base without one gains it, as withMember writes the entry on a line of its own', () => {
    const bare = BASE.slice(0, -1);
    expect(mergeRoster(bare, `${bare}\n${entry('chloe')}`, `${bare}\n${entry('dan')}`)).toEqual({ ok: true, text: BASE + entry('chloe') + entry('dan') });
  });

  it('an entry edited, removed, reordered or marked left, or a comment changed, on either side, stays a conflict naming the line', () => {
    const edited = BASE.replace('name: bruno', 'name: Bruno M.');
    expect(refused(BASE, BASE + entry('chloe'), edited + entry('dan'))).toMatch(/^this change changed line \d+ of the text both sides started from/);
    expect(refused(BASE, edited + entry('chloe'), BASE + entry('dan'))).toMatch(/^main changed line \d+/);
    const left = BASE.replace('  joined: 2026-12-08\n  github', '  joined: 2026-12-08\n  left: 2026-12-09\n  github');
    expect(refused(BASE, BASE + entry('chloe'), left + entry('dan'))).toContain('this change changed line');
    expect(refused(BASE, BASE + entry('chloe'), `# Everyone who writes or votes.\n${entry('bruno', '  github: { login: bruno-gh, id: 7 }\n')}${entry('amina')}${entry('dan')}`)).toContain('changed line 2');
    expect(refused(BASE, BASE + entry('chloe'), `# Everyone.\n${BASE.slice(BASE.indexOf('\n') + 1)}${entry('dan')}`)).toContain('changed line 1');
    expect(refused(BASE, BASE + entry('chloe'), `# Everyone who writes or votes.\n${entry('amina')}`)).toContain('this change changed line');
  });

  it('appended text that changes an entry before it is not an appended entry: a second key for the last member, a left: line', () => {
    expect(refused(BASE, BASE + entry('chloe'), `${BASE}    - ${keyFor('mallory').publicLine}\n`)).toBe('this change appended text that changes the entries before it, not whole new entries');
    expect(refused(BASE, BASE + entry('chloe'), `${BASE}  left: 2026-12-09\n`)).toContain('changes the entries before it');
  });

  it('two appends that each read cleanly alone but not one after the other are refused: the merged list must be both sides\' entries as each side reads them', () => {
    // Main's entry ends with a block scalar that keeps its trailing line breaks (|+); the change's part starts with blank lines.
    const main = `${BASE}- handle: chloe\n  name: chloe\n  joined: 2026-12-08\n  keys:\n    - ${keyFor('chloe').publicLine}\n  note: |+\n    kept\n`;
    const spaced = `${BASE}\n\n${entry('dan')}`;
    expect(mergeRoster(BASE, main, BASE + entry('dan')).ok).toBe(true); // control: without the blank lines it reads the same
    expect(refused(BASE, main, spaced)).toBe('the entries appended by main and by this change do not read the same one after the other');
    // A document end marker closes main's list: the change's entry would be a second document.
    expect(refused(BASE, `${BASE}${entry('chloe')}...\n`, BASE + entry('dan'))).toBe('the entries appended by main and by this change do not read the same one after the other');
  });

  it('comments or blank lines alone are not an appended entry; a side that does not read as a list is refused', () => {
    expect(refused(BASE, BASE + entry('chloe'), `${BASE}# dan is next\n`)).toBe('this change appended no member entry, only other text');
    expect(refused(BASE, BASE + entry('chloe'), `${BASE}- handle: [dan\n`)).toBe("this change's members.yml does not read as a list of members");
    expect(refused('handle: amina\n', 'handle: amina\n- x\n', 'handle: amina\n- y\n')).toContain('started from does not read as a list');
  });

  it('the same handle or key appended on both sides merges here, and is left to noclout check to refuse (one rule, in one place)', () => {
    const merged = mergeRoster(BASE, BASE + entry('chloe'), BASE + entry('chloe').replace(keyFor('chloe').publicLine, keyFor('not-chloe').publicLine));
    expect(merged.ok).toBe(true);
    expect(merged.ok && [...merged.text.matchAll(/^- handle: chloe$/gm)].length).toBe(2);
  });
});

describe('the merged members.yml is the sides\' own bytes (src/repo/merge.ts textMerges)', () => {
  const commons = trackedCommons();
  const BOM = '\uFEFF';

  /** A branch from main whose members.yml holds exactly these bytes, with this file mode. */
  function branchWith(f: Fixture, branch: string, bytes: Uint8Array, mode = 0o644): string {
    f.git(['checkout', '-q', '-b', branch, 'main']);
    writeFileSync(join(f.dir, ROSTER), bytes);
    chmodSync(join(f.dir, ROSTER), mode);
    f.git(['add', ROSTER]);
    f.git(['commit', '-q', '--no-gpg-sign', '-m', branch]);
    f.git(['checkout', '-q', 'main']);
    return f.rev(branch);
  }

  async function merge(f: Fixture, base: string, ours: string, theirs: string) {
    const repo = openRepository(f.dir);
    const merged = await mergeTrees(repo, await treeOf(repo, base), await treeOf(repo, ours), await treeOf(repo, theirs), { textMerges: new Map([[ROSTER, mergeRoster]]) });
    const bytes = async (tree: string) => {
      const governance = (await readTreeLevel(repo, tree)).find((e) => e.path === 'governance')!;
      const file = (await readTreeLevel(repo, governance.oid)).find((e) => e.path === 'members.yml')!;
      return Buffer.from(await readBlobBytes(repo, file.oid)).toString('utf8');
    };
    return { merged, bytes };
  }

  it('a byte order mark at the start of the file is kept', async () => {
    const f = commons({ members: ['amina', 'bruno'] });
    const text = BOM + membersText(['amina', 'bruno']);
    const base = branchWith(f, 'bom', Buffer.from(text));
    f.git(['checkout', '-q', 'bom']);
    const ours = branchWith(f, 'ours', Buffer.from(text + entry('chloe')));
    const theirs = branchWith(f, 'theirs', Buffer.from(text + entry('dan')));
    const { merged, bytes } = await merge(f, base, ours, theirs);
    expect(merged.ok).toBe(true);
    if (merged.ok) expect(await bytes(merged.tree)).toBe(text + entry('chloe') + entry('dan'));
  });

  it('a file that is not UTF-8 on some side, or not a regular file, is a conflict that says why', async () => {
    const f = commons({ members: ['amina', 'bruno'] });
    const text = membersText(['amina', 'bruno']);
    const base = f.rev('main');
    const ours = branchWith(f, 'ours', Buffer.from(text + entry('chloe')));
    const latin1 = branchWith(f, 'latin1', Buffer.concat([Buffer.from(text), Buffer.from(entry('dan').replace('name: dan', 'name: Dan\u00e9'), 'latin1')]));
    expect((await merge(f, base, ours, latin1)).merged).toEqual({ ok: false, conflicts: [ROSTER], why: { [ROSTER]: 'it is not UTF-8 text on every side' }, faults: { [ROSTER]: { fault: 'not-utf8' } } });
    const executable = branchWith(f, 'executable', Buffer.from(text + entry('dan')), 0o755);
    expect((await merge(f, base, ours, executable)).merged).toEqual({ ok: false, conflicts: [ROSTER], why: { [ROSTER]: 'it is not a regular file on both sides and in the base' }, faults: { [ROSTER]: { fault: 'not-regular' } } });
    // Control: the same entry in UTF-8, as a regular file, merges.
    expect((await merge(f, base, ours, branchWith(f, 'utf8', Buffer.from(text + entry('dan'))))).merged.ok).toBe(true);
  });
});
