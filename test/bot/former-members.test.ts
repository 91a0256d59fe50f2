/**
 * Removing a member who has posts (issue 10, follow-up "Trust holes"): a member leaves, or is
 * removed by a membership vote, by keeping their entry in governance/members.yml marked
 * `left: <date>`. Their published posts keep a listed author, so main still passes check; and
 * a former member is on no roster: not counted in the quorum's base, cannot author or sign a
 * change, cannot cast a ballot that counts. Real repositories, real ed25519-signed commits;
 * each refusal beside its valid control.
 */
import { describe, expect, it } from 'vitest';
import { currentMembers } from '../../src/commons/schema/members.ts';
import { validateCommons } from '../../src/commons/validate.ts';
import { snapshotOf } from '../../src/commons/snapshot.ts';
import { membersText, postText, proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const MEMBERS = ['amina', 'bruno', 'chloe', 'dmitri', 'elena'];
const ELENA_POST = 'content/posts/2026/elena-garden.md';

async function cli(f: Fixture, args: string[]) {
  const run = await nocloutInProcess([...args, '--repo', f.dir, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run;
}
const review = async (f: Fixture, head: string, at: string) => (await cli(f, ['review', head, '--at', at])).json;
const merge = async (f: Fixture, at: string, heads: string[] = []) => (await cli(f, ['merge', ...heads, '--at', at])).json.results;
const rules = (j: any): string[] => j.problems.map((p: any) => p.rule);

/** members.yml with `left:` on the given entries. */
function membersLeft(left: Record<string, string>): string {
  return MEMBERS.map((h) => membersText([h]) + (left[h] ? `  left: ${left[h]}\n` : '')).join('');
}

function ballot(f: Fixture, branch: string, change: string, voter: string, yaml = 'vote: yes\n'): string {
  return f.commit({ [`governance/ballots/${change}/${voter}.yml`]: yaml }, { branch, signer: voter, message: `ballot: ${voter} on ${change}` });
}

/** A commons where elena has published a post. */
function withElenasPost(): Fixture {
  return commons({ posts: { [ELENA_POST]: postText({ author: 'elena', title: 'My garden' }) } });
}

/** A membership change by amina: members.yml as given, with its proposal. */
function membershipChange(f: Fixture, branch: string, slug: string, members: string): string {
  return f.commit({ 'governance/members.yml': members, [`content/proposals/${slug}.md`]: proposalText({ author: 'amina', title: 'Elena leaves' }) }, { branch, signer: 'amina' });
}

describe('removing a member who has posts', () => {
  it('a membership change marking elena `left` is merged: main passes check, and her post stays', async () => {
    const f = withElenasPost();
    membershipChange(f, 'member/elena-leaves', 'elena-leaves', membersLeft({ elena: '2026-11-02' }));
    expect(await review(f, 'member/elena-leaves', T0)).toMatchObject({ kind: 'membership', decision: 'pending', problems: [] });
    for (const voter of ['amina', 'bruno']) ballot(f, 'member/elena-leaves', 'elena-leaves', voter);
    const [result] = await merge(f, days(7), ['member/elena-leaves']);
    expect(result).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['show', 'main:governance/members.yml'])).toContain('left: 2026-11-02');
    expect(f.git(['show', `main:${ELENA_POST}`])).toContain('author: elena');
    const check = await cli(f, ['check']);
    expect(check.code, check.stdout).toBe(0);
  });

  it('control: deleting her entry instead is never merged, because main would fail check (post/unknown-author)', async () => {
    const f = withElenasPost();
    membershipChange(f, 'member/elena-out', 'elena-out', membersText(MEMBERS.slice(0, 4)));
    for (const voter of ['amina', 'bruno']) ballot(f, 'member/elena-out', 'elena-out', voter);
    await review(f, 'member/elena-out', T0);
    const [result] = await merge(f, days(7), ['member/elena-out']);
    expect(result.merged).toBe(false);
    expect(JSON.stringify(result)).toContain('post/unknown-author');
    expect(f.git(['show', 'main:governance/members.yml'])).toContain('handle: elena');
  });
});

describe('a former member is on no roster', () => {
  /** A commons where elena has left (her post still on main) and a rule proposal by amina is open. */
  async function afterElenaLeft(): Promise<Fixture> {
    const f = withElenasPost();
    f.commit({ 'governance/members.yml': membersLeft({ elena: '2026-11-01' }) }, { message: 'elena left (a merged membership change)' });
    f.commit({ 'content/proposals/be-brief.md': proposalText({ author: 'amina', title: 'Be brief' }), 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nKeep posts short.\n' }, { branch: 'prop/be-brief', signer: 'amina' });
    expect(await review(f, 'prop/be-brief', T0)).toMatchObject({ decision: 'pending', problems: [] });
    return f;
  }

  it('her signed ballot does not count, and the quorum is a share of the four members left (record: roster of 4)', async () => {
    const f = await afterElenaLeft();
    ballot(f, 'prop/be-brief', 'be-brief', 'elena');
    ballot(f, 'prop/be-brief', 'be-brief', 'bruno');
    const [result] = await merge(f, days(7), ['prop/be-brief']);
    expect(result.tally).toMatchObject({ eligible: 4, yes: 1 });
    const elena = result.ballots.find((b: any) => b.voter === 'elena');
    expect(elena).toMatchObject({ counted: false });
    expect(elena.reason).toMatch(/not .*roster|no member of the frozen roster/);
    // Control: bruno's ballot counts; one yes of four is under the quorum of 1/3.
    expect(result.ballots.find((b: any) => b.voter === 'bruno')).toMatchObject({ counted: true });
    expect(result).toMatchObject({ decision: 'reject' });
    expect(f.git(['show', `main:${result.record}`])).toMatch(/roster:\n\s+size: 4/);
    const audit = await cli(f, ['audit']);
    expect(audit.code, audit.stdout).toBe(0);
  });

  it('she cannot publish a new post (change/author-not-member); a member can (control)', async () => {
    const f = await afterElenaLeft();
    f.commit({ 'content/posts/2026/elena-again.md': postText({ author: 'elena', title: 'Back again' }) }, { branch: 'post/elena-again', signer: 'elena' });
    const refused = await review(f, 'post/elena-again', hours(1));
    expect(refused.decision).toBe('invalid');
    expect(rules(refused)).toContain('change/author-not-member');
    f.commit({ 'content/posts/2026/bruno-hello.md': postText({ author: 'bruno', title: 'Hello' }) }, { branch: 'post/bruno-hello', signer: 'bruno' });
    expect(await review(f, 'post/bruno-hello', hours(1))).toMatchObject({ decision: 'pending', problems: [] });
  });

  it('she cannot sign a change for someone else either: a post by bruno signed only by elena is unsigned by any member', async () => {
    const f = await afterElenaLeft();
    f.commit({ 'content/posts/2026/signed-by-former.md': postText({ author: 'bruno', title: 'Signed by a former member' }) }, { branch: 'post/signed-by-former', signer: 'elena' });
    const refused = await review(f, 'post/signed-by-former', hours(1));
    expect(refused.decision).toBe('invalid');
    expect(rules(refused).some((r) => r === 'change/unsigned' || r === 'change/forged-author')).toBe(true);
  });
});

describe('members.yml: `left`', () => {
  const snapshot = (members: string) => snapshotOf([{ path: 'governance/members.yml', mode: 'file', text: members, size: Buffer.byteLength(members) }]);

  it('an entry may carry `left: <date>`; currentMembers leaves it out', () => {
    const { parsed, problems } = validateCommons(snapshot(membersLeft({ elena: '2026-11-01' })));
    expect(problems.filter((p) => p.path === 'governance/members.yml')).toEqual([]);
    expect(parsed.members!.map((m) => m.handle)).toEqual(MEMBERS);
    expect(currentMembers(parsed.members!).map((m) => m.handle)).toEqual(MEMBERS.slice(0, 4));
  });

  it('a `left` date before `joined`, or not a date, is refused at that entry', () => {
    const { problems } = validateCommons(snapshot(membersLeft({ elena: '2025-12-31', bruno: 'yesterday' })));
    const mine = problems.filter((p) => p.path === 'governance/members.yml').map((p) => `${p.line}: ${p.message}`);
    expect(mine).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+: 1\.left: a date is written YYYY-MM-DD/), expect.stringMatching(/^\d+: 4\.left: left 2025-12-31, before joining on 2026-01-01/)]));
  });
});
