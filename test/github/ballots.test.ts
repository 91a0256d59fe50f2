import { describe, expect, it } from 'vitest';
import { ballotsFromReviews, forgeSealedKey, readBody, sealedBlocks, sealedEvidence, sealedFromForge, type KeptForgeBallot } from '../../src/ballots/github.ts';
import type { Member } from '../../src/commons/schema/members.ts';
import type { ApiReview } from '../../src/forge/api-types.ts';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8V2sWj7i6zPzlBmnw9QtHNjGHk1vSFtVnCXsJb4V3A demo';

function member(handle: string, github?: { login: string; id: number }): Member {
  return { handle, name: handle, joined: '2026-01-01', keys: [KEY], ...(github ? { github } : {}) };
}

const roster = [member('amina', { login: 'amina', id: 101 }), member('jean-luc', { login: 'jl', id: 102 }), member('offline')];

let nextId = 1;
function review(user: { login: string; id: number } | null, state: string, commit: string | null, submitted: string, body = ''): ApiReview {
  return { id: nextId++, user, state, commit_id: commit, submitted_at: submitted, body };
}

describe('pull-request reviews as ballots', () => {
  it('reads an approval as yes and a change request as no, by members matched on their numeric id', () => {
    const ballots = ballotsFromReviews(
      [review({ login: 'amina', id: 101 }, 'APPROVED', HEAD, '2026-11-21T10:00:00Z'), review({ login: 'jl', id: 102 }, 'CHANGES_REQUESTED', HEAD, '2026-11-21T11:00:00Z', 'Too long')],
      { head: HEAD, roster },
    );
    expect(ballots).toEqual([
      { voter: 'amina', vote: 'yes', castAt: '2026-11-21T10:00:00Z', commit: HEAD },
      { voter: 'jean-luc', vote: 'no', castAt: '2026-11-21T11:00:00Z', commit: HEAD, comment: 'Too long' },
    ]);
  });

  it('matches by id, not login: a renamed member still counts and a reused login does not', () => {
    const [renamed, impostor] = ballotsFromReviews(
      [review({ login: 'amina-new-name', id: 101 }, 'APPROVED', HEAD, '2026-11-21T10:00:00Z'), review({ login: 'jl', id: 999 }, 'APPROVED', HEAD, '2026-11-21T10:01:00Z')],
      { head: HEAD, roster },
    );
    expect(renamed).toMatchObject({ voter: 'amina' });
    expect(renamed!.invalid).toBeUndefined();
    expect(impostor).toMatchObject({ voter: 'github:jl (id 999)', invalid: expect.stringMatching(/not a member: no entry in members.yml has github.id 999/) });
  });

  it('an outsider\'s approval is listed and does not count', () => {
    const [ballot] = ballotsFromReviews([review({ login: 'mallory', id: 666 }, 'APPROVED', HEAD, '2026-11-21T10:00:00Z')], { head: HEAD, roster });
    expect(ballot).toMatchObject({ voter: 'github:mallory (id 666)', vote: 'yes', invalid: expect.stringContaining('is not a member') });
  });

  it('a review given on an earlier head commit is stale', () => {
    const [ballot] = ballotsFromReviews([review({ login: 'amina', id: 101 }, 'APPROVED', OLD, '2026-11-21T10:00:00Z')], { head: HEAD, roster });
    expect(ballot!.invalid).toBe(`stale: given on ${OLD.slice(0, 12)}, but the change's head is now ${HEAD.slice(0, 12)}; review the current head to vote`);
  });

  it('comments and unsubmitted reviews are not ballots; a dismissed one is listed as not counting', () => {
    const ballots = ballotsFromReviews(
      [
        review({ login: 'amina', id: 101 }, 'COMMENTED', HEAD, '2026-11-21T10:00:00Z', 'nice'),
        { id: 99, user: { login: 'amina', id: 101 }, state: 'PENDING', commit_id: HEAD, body: 'draft' },
        review({ login: 'jl', id: 102 }, 'DISMISSED', HEAD, '2026-11-21T10:02:00Z'),
      ],
      { head: HEAD, roster },
    );
    expect(ballots).toHaveLength(1);
    expect(ballots[0]).toMatchObject({ voter: 'jean-luc', invalid: expect.stringMatching(/dismissed on GitHub/) });
  });

  it('a deleted account\'s review is listed and does not count', () => {
    const [ballot] = ballotsFromReviews([review(null, 'APPROVED', HEAD, '2026-11-21T10:00:00Z')], { head: HEAD, roster });
    expect(ballot).toMatchObject({ voter: 'github:deleted account', invalid: expect.stringMatching(/deleted/) });
  });

  it('returns ballots in submission order so the latest of each member is last', () => {
    const ballots = ballotsFromReviews(
      [review({ login: 'amina', id: 101 }, 'CHANGES_REQUESTED', HEAD, '2026-11-21T12:00:00Z'), review({ login: 'amina', id: 101 }, 'APPROVED', HEAD, '2026-11-21T09:00:00Z')],
      { head: HEAD, roster },
    );
    expect(ballots.map((b) => b.vote)).toEqual(['yes', 'no']);
  });

  it('an objection cites a rule with a `rule:` line', () => {
    const [ballot] = ballotsFromReviews([review({ login: 'jl', id: 102 }, 'CHANGES_REQUESTED', HEAD, '2026-11-21T10:00:00Z', 'This is an advert.\nrule: no-advertising')], { head: HEAD, roster });
    expect(ballot).toMatchObject({ vote: 'no', rule: 'no-advertising', comment: 'This is an advert.' });
    expect(readBody('rule: Not A Slug')).toEqual({ comment: 'rule: Not A Slug' });
  });
});

describe('sealed votes: what a pull request holds (issue 13)', () => {
  const BLOCK = ['-----BEGIN AGE ENCRYPTED FILE-----', 'YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IHRsb2NrIDEyMyBhYmMK', 'AAAA', '-----END AGE ENCRYPTED FILE-----'];
  const armored = `${BLOCK.join('\n')}\n`;
  let id = 500;
  const comment = (user: { login: string; id: number } | null, body: string, created = '2026-11-21T10:00:00Z', updated = created) => ({ id: id++, user, body, html_url: 'https://github.com/x/y/pull/1#issuecomment-1', created_at: created, updated_at: updated });

  it('finds one block pasted in a code fence, indented, or with CRLF line ends, normalized as sealed', () => {
    expect(sealedBlocks(`My ballot:\n\n\`\`\`\n${BLOCK.join('\n')}\n\`\`\`\n`)).toEqual([armored]);
    expect(sealedBlocks(BLOCK.map((l) => `    ${l}`).join('\r\n'))).toEqual([armored]);
    expect(sealedBlocks('no block here, only `-----BEGIN AGE ENCRYPTED FILE-----` in a sentence')).toEqual([]);
    expect(sealedBlocks(`${BLOCK.slice(0, 3).join('\n')}\n(never closed)`)).toEqual([]);
  });

  it('"a plain review in a sealed vote is not counted": approvals and change requests are listed as not ballots, saying how to seal', () => {
    const reading = sealedFromForge(
      [review({ login: 'amina', id: 101 }, 'APPROVED', HEAD, '2026-11-21T10:00:00Z', 'I like it'), review({ login: 'jl', id: 102 }, 'CHANGES_REQUESTED', HEAD, '2026-11-21T11:00:00Z'), review({ login: 'jl', id: 102 }, 'COMMENTED', HEAD, '2026-11-21T12:00:00Z', 'just a remark')],
      [],
      { roster },
    );
    expect(reading.sealed).toEqual([]);
    expect(reading.plain).toHaveLength(2);
    expect(reading.plain[0]).toMatchObject({ voter: 'amina', vote: 'public', invalidCode: { code: 'review-not-sealed' }, invalid: expect.stringMatching(/^the vote is sealed: an approval or a change request is public, so it is not a ballot; seal your vote/) });
    // Not a member's words: a ballot that does not count keeps none.
    expect(reading.plain[0]).not.toHaveProperty('comment');
    // The public-vote control: the same review counts there.
    expect(ballotsFromReviews([review({ login: 'amina', id: 101 }, 'APPROVED', HEAD, '2026-11-21T10:00:00Z')], { head: HEAD, roster })[0]!.invalid).toBeUndefined();
  });

  it('reads a member\'s sealed comment and a sealed review text, by numeric id, with GitHub\'s clocks', () => {
    const c = comment({ login: 'amina-renamed', id: 101 }, `\`\`\`\n${armored}\`\`\``, '2026-11-21T10:00:00Z', '2026-11-21T10:05:00Z');
    const r = review({ login: 'jl', id: 102 }, 'COMMENTED', HEAD, '2026-11-21T11:00:00Z', armored);
    const { sealed, plain } = sealedFromForge([r], [c], { roster });
    expect(plain).toEqual([]);
    expect(sealed).toEqual([
      { source: 'review', id: r.id, voter: 'jean-luc', authorId: 102, createdAt: '2026-11-21T11:00:00Z', updatedAt: '2026-11-21T11:00:00Z', commit: HEAD, armored },
      { source: 'comment', id: c.id, voter: 'amina', authorId: 101, createdAt: '2026-11-21T10:00:00Z', updatedAt: '2026-11-21T10:05:00Z', armored },
    ]);
  });

  it('an approval carrying a sealed block is read as the sealed block, never as a yes', () => {
    const { sealed, plain } = sealedFromForge([review({ login: 'amina', id: 101 }, 'APPROVED', HEAD, '2026-11-21T10:00:00Z', armored)], [], { roster });
    expect(plain).toEqual([]);
    expect(sealed).toHaveLength(1);
  });

  it('a block from an outsider, a deleted account, or two blocks in one comment is listed as not counting; the bot\'s own comment and plain discussion are not ballots', () => {
    const { sealed } = sealedFromForge(
      [],
      [comment({ login: 'mallory', id: 666 }, armored), comment(null, armored), comment({ login: 'amina', id: 101 }, `${armored}\n${armored}`), comment({ login: 'amina', id: 101 }, 'Thanks!'), comment({ login: 'github-actions[bot]', id: 41898282 }, armored)],
      { roster, botLogin: 'github-actions[bot]' },
    );
    expect(sealed.map((b) => [b.voter, b.invalid?.code])).toEqual([
      ['github:mallory (id 666)', 'review-not-member'],
      ['github:deleted account', 'review-deleted-account'],
      ['amina', 'sealed-several-blocks'],
    ]);
  });
});

describe('sealed votes: what the bot keeps and how it dates each ballot (issue 13)', () => {
  const block = (n: number) => `-----BEGIN AGE ENCRYPTED FILE-----\nYWdl${'A'.repeat(n)}\n-----END AGE ENCRYPTED FILE-----\n`;
  const amina = { login: 'amina', id: 101 };
  const opened = '2026-11-21T09:00:00Z';
  const at = (now: string) => ({ now, head: HEAD, firstSeen: { [HEAD]: opened } });
  const comment = (id: number, body: string, created: string, updated = created) => ({ id, user: amina, body, html_url: `https://github.com/x/y/pull/1#issuecomment-${id}`, created_at: created, updated_at: updated });
  const read = (comments: ReturnType<typeof comment>[], reviews: ApiReview[] = []) => sealedFromForge(reviews, comments, { roster }).sealed;
  /** What the ledger keeps of evidence the first time it sees it: key, voter, cast time, text. */
  const keep = (evidence: readonly { key: string; voter: string; castAt: string; armored: string; invalid?: unknown }[]): KeptForgeBallot[] => evidence.filter((e) => !e.invalid).map((e) => ({ key: e.key, voter: e.voter, cast: e.castAt, text: e.armored }));

  it('keys each version of a text apart: an edit is a new version, the same text the same key', () => {
    const [a] = read([comment(1, block(1), '2026-11-21T10:00:00Z')]);
    const [b] = read([comment(1, block(2), '2026-11-21T10:00:00Z', '2026-11-21T11:00:00Z')]);
    expect(forgeSealedKey(a!)).toMatch(/^gh-comment-1-[0-9a-f]{16}$/);
    expect(forgeSealedKey(a!)).not.toBe(forgeSealedKey(b!));
    expect(forgeSealedKey({ ...a!, id: 1 })).toBe(forgeSealedKey(a!));
    const [r] = sealedFromForge([review(amina, 'COMMENTED', HEAD, '2026-11-21T10:00:00Z', block(1))], [], { roster }).sealed;
    expect(forgeSealedKey(r!)).toMatch(new RegExp(`^gh-review-\\d+-${HEAD.slice(0, 12)}-[0-9a-f]{16}$`));
  });

  it('"a comment deleted after the round opens still counts if the bot had kept it"', () => {
    const kept = keep(sealedEvidence(read([comment(1, block(1), '2026-11-21T10:00:00Z')]), [], at('2026-11-21T10:01:00Z')));
    const evidence = sealedEvidence([], kept, at('2026-11-30T00:00:00Z'));
    expect(evidence).toEqual([{ voter: 'amina', castAt: '2026-11-21T10:00:00Z', key: kept[0]!.key, armored: block(1) }]);
    // The control: never kept, a deleted comment is simply not there.
    expect(sealedEvidence([], [], at('2026-11-30T00:00:00Z'))).toEqual([]);
  });

  it('a comment edited later is a new ballot dated by GitHub\'s updated_at; the version the bot kept stays in the count', () => {
    const kept = keep(sealedEvidence(read([comment(1, block(1), '2026-11-21T10:00:00Z')]), [], at('2026-11-21T10:01:00Z')));
    const evidence = sealedEvidence(read([comment(1, block(2), '2026-11-21T10:00:00Z', '2026-11-29T12:00:00Z')]), kept, at('2026-11-29T12:01:00Z'));
    expect(evidence.map((e) => [e.armored, e.castAt])).toEqual([
      [block(1), '2026-11-21T10:00:00Z'],
      [block(2), '2026-11-29T12:00:00Z'],
    ]);
  });

  it('a review\'s text is dated by the bot\'s first sight of it, never by submitted_at: GitHub does not date review edits', () => {
    const original = review(amina, 'COMMENTED', HEAD, '2026-11-21T10:00:00Z', block(1));
    const kept = keep(sealedEvidence(sealedFromForge([original], [], { roster }).sealed, [], at('2026-11-21T10:02:00Z')));
    expect(kept[0]!.cast).toBe('2026-11-21T10:02:00Z');
    const edited = { ...original, body: block(2) };
    const evidence = sealedEvidence(sealedFromForge([edited], [], { roster }).sealed, kept, at('2026-11-29T12:00:00Z'));
    expect(evidence.map((e) => [e.armored, e.castAt])).toEqual([
      [block(1), '2026-11-21T10:02:00Z'],
      [block(2), '2026-11-29T12:00:00Z'],
    ]);
  });

  it('a sealed comment cast before the bot first saw a new head is stale; the opening\'s own head makes nothing stale', () => {
    const NEW = 'c'.repeat(40);
    const kept = keep(sealedEvidence(read([comment(1, block(1), '2026-11-21T10:00:00Z')]), [], at('2026-11-21T10:01:00Z')));
    expect(sealedEvidence([], kept, at('2026-11-23T00:00:00Z'))[0]!.invalid).toBeUndefined();
    const moved = sealedEvidence([], kept, { now: '2026-11-23T00:00:00Z', head: NEW, firstSeen: { [HEAD]: opened, [NEW]: '2026-11-22T00:00:00Z' } });
    expect(moved[0]!.invalid).toEqual({ code: 'ballot-stale', params: { commit: NEW.slice(0, 12) } });
  });

  it('a sealed review of an earlier head is stale, kept or read', () => {
    const [r] = sealedFromForge([review(amina, 'COMMENTED', OLD, '2026-11-21T10:00:00Z', block(1))], [], { roster }).sealed;
    expect(sealedEvidence([r!], [], at('2026-11-21T10:01:00Z'))[0]!.invalid).toMatchObject({ code: 'review-stale' });
  });
});
