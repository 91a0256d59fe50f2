/**
 * Issue #11 §6: "a ballot-only branch lists its problem" and "one mistake gives one message", as
 * the bot judges a change: real repositories, real signatures.
 */
import { describe, expect, it } from 'vitest';
import { postText, proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { hours, T0 } from './clock.ts';
import { nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const review = async (f: Fixture, head: string, at = T0, format = 'json') => nocloutInProcess(['review', head, '--repo', f.dir, '--at', at, '--format', format]);

describe('a ballot-only branch lists its problem (issue #11 §6)', () => {
  it('names the ballot file, says it counts only on the change\'s branch, and gives noclout vote', async () => {
    const f = commons();
    f.commit({ 'content/proposals/shorter.md': proposalText({ author: 'amina' }), 'governance/rules/short.md': '---\ntitle: "Short"\n---\n\nShort.\n' }, { branch: 'proposal/shorter', signer: 'amina' });
    await review(f, 'proposal/shorter');
    f.commit({ 'governance/ballots/shorter/bruno.yml': 'vote: yes\n' }, { branch: 'ballots/bruno', signer: 'bruno' });
    const run = await review(f, 'ballots/bruno', hours(1));
    expect(run.code).toBe(1);
    expect(run.json.decision).toBe('invalid');
    expect(run.json.problems).toEqual([
      expect.objectContaining({ path: 'governance/ballots/shorter/bruno.yml', rule: 'change/ballot-only', message: expect.stringContaining('a ballot counts only on the branch of the change it votes on ("shorter")'), hint: expect.stringContaining('noclout vote shorter yes|no|abstain') }),
    ]);
    const text = (await review(f, 'ballots/bruno', hours(1), 'text')).stdout;
    expect(text).toContain('governance/ballots/shorter/bruno.yml:1:1:');
    expect(text).toContain('[change/ballot-only]');
    // Control: the same ballot, signed on the change's own branch, counts there.
    f.commit({ 'governance/ballots/shorter/bruno.yml': 'vote: yes\n' }, { branch: 'proposal/shorter', signer: 'bruno' });
    const counted = (await review(f, 'proposal/shorter', hours(2))).json;
    expect(counted.problems).toEqual([]);
    expect(counted.ballots).toEqual([expect.objectContaining({ voter: 'bruno', vote: 'yes', counted: true })]);
  });
});

describe('one mistake gives one message, in the bot too (issue #11 §6)', () => {
  it('a post dated 04/12/2026 with tags written as "potager, hiver" has exactly two problems, one for each', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/potager.md': postText({ author: 'amina', date: '04/12/2026', extra: 'tags: potager, hiver\n' }) }, { branch: 'post/potager', signer: 'amina' });
    const j = (await review(f, 'post/potager')).json;
    expect(j.decision).toBe('invalid');
    expect(j.problems.map((p: { message: string; hint?: string }) => [p.message, p.hint])).toEqual([
      ['date: a date is written YYYY-MM-DD, like 2026-11-24 (received "04/12/2026")', 'write year-month-day: 2026-12-04 if 04 is the day, 2026-04-12 if 04 is the month'],
      ['tags: expected a list (received "potager, hiver")', 'write a list: tags: [potager, hiver]'],
    ]);
    expect(j.reasons[0]).toBe('2 problems to fix before this change can be judged; nothing is recorded until then');
  });

  it('one problem reads "1 problem"', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/potager.md': postText({ author: 'amina', date: '04/12/2026' }) }, { branch: 'post/potager', signer: 'amina' });
    expect((await review(f, 'post/potager')).json.reasons[0]).toBe('1 problem to fix before this change can be judged; nothing is recorded until then');
  });
});
