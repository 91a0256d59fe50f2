import { describe, expect, it } from 'vitest';
import { JUDGEMENT_MARKER, renderJudgementComment } from '../../src/commons/judgement-comment.ts';
import type { Judgement } from '../../src/commons/judgement.ts';

const HEAD = '1234567890abcdef1234567890abcdef12345678';
const BASE = 'fedcba0987654321fedcba0987654321fedcba09';

function judgement(overrides: Partial<Judgement> = {}): Judgement {
  return {
    head: '#12',
    commit: HEAD,
    base: BASE,
    kind: 'proposal',
    decision: 'pending',
    reasons: ['the vote is open: 2 of 5 members voted'],
    problems: [],
    ballots: [],
    opened: '2026-11-20T10:00:00.000Z',
    closes: '2026-11-27T10:00:00.000Z',
    ...overrides,
  };
}

describe('the judgement comment', () => {
  it('starts with the hidden marker and names the decision, the kind and the commits', () => {
    const text = renderJudgementComment(judgement());
    expect(text.startsWith(`${JUDGEMENT_MARKER}\n### NoClout: open (proposal)`)).toBe(true);
    expect(text).toContain('Judged commit `1234567890ab` against `main` at `fedcba098765`.');
    expect(text).toContain('- the vote is open: 2 of 5 members voted');
  });

  it('lists each problem with its file, line and rule', () => {
    const text = renderJudgementComment(
      judgement({
        decision: 'invalid',
        kind: 'post',
        problems: [{ path: 'content/posts/2026/hello.md', line: 3, column: 7, rule: 'post-schema', message: 'date: a date is written YYYY-MM-DD', hint: 'write 2026-11-24' }],
      }),
    );
    expect(text).toContain('| `content/posts/2026/hello.md` | 3:7 | date: a date is written YYYY-MM-DD<br>hint: write 2026-11-24 | `post-schema` |');
    expect(text).toMatch(/Fix the problems listed above and push to the same branch/);
  });

  it('shows the tally and every ballot with why it counts or not', () => {
    const text = renderJudgementComment(
      judgement({
        tally: { eligible: 5, yes: 2, no: 1, abstain: 0, quorumMet: true, thresholdMet: true },
        ballots: [
          { voter: 'amina', vote: 'yes', counted: true, reason: 'approved on the current head' },
          { voter: 'github:mallory (id 666)', vote: 'yes', counted: false, reason: 'not a member' },
          { voter: 'jean-luc', vote: 'no', counted: true, reason: 'counted', rule: 'no-advertising', comment: 'an advert' },
        ],
      }),
    );
    expect(text).toContain('| 5 | 2 | 1 | 0 | met | met |');
    expect(text).toContain('| amina | yes | yes | approved on the current head |  |');
    expect(text).toContain('| github:mallory (id 666) | yes | no | not a member |  |');
    expect(text).toContain('| jean-luc | no | yes | counted | cites rule `no-advertising`: an advert |');
  });

  it('gives the deadline and what happens next for an open vote and an open post', () => {
    expect(renderJudgementComment(judgement())).toMatch(/\*\*Deadline\*\*: opened 2026-11-20T10:00:00Z, closes 2026-11-27T10:00:00Z/);
    expect(renderJudgementComment(judgement())).toMatch(/The vote is open until 2026-11-27T10:00:00Z\. Members vote by approving \(yes\) or requesting changes \(no\)/);
    expect(renderJudgementComment(judgement({ kind: 'post' }))).toMatch(/Open for objections until 2026-11-27T10:00:00Z/);
  });

  it('links the decision record once merged or rejected', () => {
    const url = 'https://github.com/commons/agora/blob/main/governance/decisions/2026/0004-hello.md';
    expect(renderJudgementComment({ ...judgement({ decision: 'accept' }), merged: true }, { recordUrl: url })).toContain(`Merged, with its decision record. The decision record: ${url}`);
    expect(renderJudgementComment(judgement({ decision: 'reject' }), { recordUrl: url })).toMatch(/this pull request is closed\. The decision record: .*0004-hello\.md To try again/);
    const manual = renderJudgementComment(judgement({ decision: 'manual', kind: 'platform' }));
    expect(manual).toMatch(/people review and merge it by hand/);
    expect(manual).not.toMatch(/Ballots/);
  });

  it('escapes what voters and contributors wrote: no broken table, no fake marker, no mentions', () => {
    const text = renderJudgementComment(
      judgement({
        ballots: [{ voter: 'amina', vote: 'no', counted: true, reason: 'counted', comment: `bad | row\n${JUDGEMENT_MARKER}\n@everyone [click](https://evil.example)` }],
      }),
    );
    const row = text.split('\n').find((line) => line.startsWith('| amina'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(text.indexOf('<!--')).toBe(0);
    expect(text.lastIndexOf('<!--')).toBe(0);
    expect(row).toContain('@\u200beveryone');
    // No link (its brackets are escaped) and no autolink (its scheme's colon is).
    expect(row).toContain('\\[click\\](https\\://evil.example)');
  });

  it('tells how to object to a post, and how to vote on anything else, when nobody has yet', () => {
    expect(renderJudgementComment(judgement({ kind: 'post' }))).toContain('A member objects by requesting changes with a line `rule: <slug>`');
    expect(renderJudgementComment(judgement())).toContain('Members vote by approving (yes) or requesting changes (no) on the current head commit.');
    expect(renderJudgementComment(judgement({ kind: 'post', decision: 'accept' }))).toContain('**Ballots**: none.\n');
  });

  it('renders the same judgement to the same text, so an unchanged comment is not edited', () => {
    expect(renderJudgementComment(judgement())).toBe(renderJudgementComment(judgement()));
  });

  it('a post under an objection says a moderation vote is open, not that it is still open for objections', () => {
    const text = renderJudgementComment(
      judgement({
        kind: 'post',
        reasons: ['objection (bruno cites rule "be-kind"): the post goes to a vote open until 2026-11-23T10:00:00.000Z under voting.moderation'],
        ballots: [{ voter: 'bruno', vote: 'no', counted: true, reason: 'counted: latest valid ballot of a member', rule: 'be-kind' }],
        tally: { eligible: 5, yes: 0, no: 1, abstain: 0, quorumMet: false, thresholdMet: true },
        closes: '2026-11-23T10:00:00.000Z',
      }),
    );
    const next = text.slice(text.indexOf('**What happens next**'));
    expect(next).toContain('the moderation vote on stopping this post is open until 2026-11-23T10:00:00Z');
    expect(next).not.toContain('Open for objections');
  });
});
