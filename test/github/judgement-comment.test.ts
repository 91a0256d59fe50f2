import { describe, expect, it } from 'vitest';
import { JUDGEMENT_MARKER, renderJudgementComment } from '../../src/commons/judgement-comment.ts';
import type { Judgement } from '../../src/commons/judgement.ts';
import { commonsConfigSchema } from '../../src/commons/schema/commons-config.ts';
import { enComment } from '../../src/commons/texts/comment.ts';
import { recordText, text as coded, type BotText } from '../../src/commons/texts/index.ts';

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
    expect(renderJudgementComment(judgement())).toContain('**Deadline**: opened 20 November 2026 at 10:00 UTC, closes 27 November 2026 at 10:00 UTC');
    expect(renderJudgementComment(judgement())).toMatch(/The vote is open until 27 November 2026 at 10:00 UTC\. Members vote by approving \(yes\) or requesting changes \(no\)/);
    expect(renderJudgementComment(judgement({ kind: 'post' }))).toMatch(/Open for objections until 27 November 2026 at 10:00 UTC/);
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
    expect(next).toContain('the moderation vote on stopping this post is open until 23 November 2026 at 10:00 UTC');
    expect(next).not.toContain('Open for objections');
  });
});

/** A decided-looking vote: coded reasons, coded ballot statuses, a tally, a problem with no French text. */
function codedJudgement(overrides: Partial<Judgement> = {}): Judgement {
  const rule = { key: 'proposals', quorum: '1/4', thresholdOp: 'moreThan', threshold: '1/2', favour: 'yes', days: 7, closeEarly: false } as const;
  const reasonCodes: BotText[] = [
    coded('vote-open', { closes: '2026-11-27T10:00:00.000Z', ...rule }),
    coded('vote-so-far', { yes: 2, no: 1, abstain: 1, eligible: 5, quorumMet: true, thresholdMet: true, quorum: '2' }),
  ];
  const counted = coded('ballot-counted', {});
  const superseded = coded('ballot-superseded', { by: 'amina' });
  return judgement({
    reasons: [...reasonCodes.map(recordText), 'a reason the bot gives as text only'],
    reasonCodes,
    tally: { eligible: 5, yes: 2, no: 1, abstain: 1, quorumMet: true, thresholdMet: true },
    ballots: [
      { voter: 'amina', vote: 'yes', counted: true, reason: recordText(counted), status: counted, comment: 'oui !' },
      { voter: 'amina', vote: 'no', counted: false, reason: recordText(superseded), status: superseded },
      { voter: 'bruno', vote: 'abstain', counted: true, reason: recordText(counted), status: counted },
      { voter: 'chloé', vote: 'no', counted: true, reason: 'counted', rule: 'be-kind', comment: 'pas gentil' },
    ],
    ...overrides,
  });
}

/** Every sentence of the English comment catalogue, long enough to be English and not a shared word. */
function englishSentences(): string[] {
  const out: string[] = [];
  const decisions = ['accept', 'reject', 'pending', 'invalid', 'manual'] as const;
  for (const value of Object.values(enComment)) {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) out.push(...value);
    else if (typeof value === 'function') {
      for (const d of decisions) out.push(String((value as (...a: unknown[]) => unknown)(d, 'proposal')));
      out.push(String((value as (...a: unknown[]) => unknown)('vote', undefined)), String((value as (...a: unknown[]) => unknown)('objections', undefined)), String((value as (...a: unknown[]) => unknown)('moderation', undefined)));
    }
  }
  // Fragments a sentence is made of: split on parameters and punctuation, keep the ones with words.
  return [...new Set(out.flatMap((s) => s.split(/undefined|proposal|accept|reject|pending|invalid|manual|[`*|()]|\.\s|:\s/)).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 3))];
}

describe('issue 12: the bot speaks the commons\u2019 language', () => {
  it('a French commons gets a French comment: no sentence of the English catalogue, reasons and statuses from their codes', () => {
    const fr = renderJudgementComment(codedJudgement(), { languages: ['fr'] });
    expect(fr.startsWith(`${JUDGEMENT_MARKER}\n### NoClout\u202f: ouvert (proposition)`)).toBe(true);
    for (const sentence of englishSentences()) expect(fr, sentence).not.toContain(sentence);
    expect(fr).toContain('**Pourquoi**');
    expect(fr).toContain('- le vote est ouvert jusqu’au 27 novembre 2026 à 10:00\u202fUTC selon');
    expect(fr).not.toContain('the vote is open');
    expect(fr).toContain('| amina | oui | oui | compté\u202f: dernier bulletin valide d’un membre | oui ! |');
    expect(fr).toContain('| amina | non | non | remplacé par un bulletin ultérieur de amina |  |');
    expect(fr).toContain('| bruno | abstention | oui |');
    expect(fr).toContain('| 5 | 2 | 1 | 1 | atteint | atteint |');
    expect(fr).toContain('invoque la règle `be-kind`\u202f: pas gentil');
    expect(fr).toContain('**Échéance**\u202f: ouvert le 20 novembre 2026 à 10:00\u202fUTC, clôture le 27 novembre 2026 à 10:00\u202fUTC');
    expect(fr).toContain('**Et ensuite**');
    // French typography: a narrow no-break space before every ; : ! ? the bot writes (code spans and the times' 10:00 aside).
    const own = renderJudgementComment(codedJudgement({ reasons: codedJudgement().reasons.slice(0, 2) }), { languages: ['fr'] });
    const botWords = own.replace(JUDGEMENT_MARKER, '').replace(/`[^`]*`/g, '').replace(/oui !/g, '');
    expect(botWords.match(/.{0,20}(?<![\u202f\d])[;:!?].{0,20}/gu)).toBeNull();
    const outsider = coded('ballot-not-in-roster', { voter: 'mallory' });
    const quoted = renderJudgementComment(judgement({ ballots: [{ voter: 'mallory', vote: 'yes', counted: false, reason: recordText(outsider), status: outsider }] }), { languages: ['fr'] });
    expect(quoted).toContain('| mallory | oui | non | «\u202fmallory\u202f» n’est pas membre');
  });

  it('a ballot status whose code does not say what its stored English says keeps the English (never a translation the record does not back)', () => {
    const lying = coded('ballot-counted', {});
    const fr = renderJudgementComment(judgement({ ballots: [{ voter: 'amina', vote: 'yes', counted: false, reason: 'not a member', status: lying }] }), { languages: ['fr'] });
    expect(fr).toContain('| amina | oui | non | not a member |  |');
  });

  it('an English commons gets an English comment, its coded instants formatted with UTC', () => {
    const en = renderJudgementComment(codedJudgement(), { languages: ['en'] });
    expect(en.startsWith(`${JUDGEMENT_MARKER}\n### NoClout: open (proposal)`)).toBe(true);
    expect(en).toContain('- the vote is open until 27 November 2026 at 10:00 UTC under voting.proposals');
    expect(en).toContain('| amina | yes | yes | counted: latest valid ballot of a member | oui ! |');
    expect(en).not.toMatch(/Pourquoi|Bulletins|Échéance/);
    expect(renderJudgementComment(codedJudgement())).toBe(en);
  });

  it('botLanguages [fr, en] gives both: one marker, French first, then English, separated by a rule', () => {
    const both = renderJudgementComment(codedJudgement(), { languages: ['fr', 'en'] });
    expect(both.split(JUDGEMENT_MARKER)).toHaveLength(2);
    expect(both.startsWith(`${JUDGEMENT_MARKER}\n### NoClout\u202f: ouvert`)).toBe(true);
    const [fr, en, ...rest] = both.slice(JUDGEMENT_MARKER.length).split('\n\n---\n\n');
    expect(rest).toEqual([]);
    expect(`${JUDGEMENT_MARKER}${fr}\n`).toBe(renderJudgementComment(codedJudgement(), { languages: ['fr'] }));
    expect(`${JUDGEMENT_MARKER}\n${en}`).toBe(renderJudgementComment(codedJudgement(), { languages: ['en'] }));
  });

  it('control: a problem with no French text still appears, in English, in a French comment', () => {
    const fr = renderJudgementComment(
      judgement({ decision: 'invalid', kind: 'post', problems: [{ path: 'content/posts/2026/hello.md', line: 3, column: 7, rule: 'post-schema', message: 'date: a date is written YYYY-MM-DD', hint: 'write 2026-11-24' }] }),
      { languages: ['fr'] },
    );
    expect(fr).toContain('**Problèmes dans les fichiers** (1)');
    expect(fr).toContain('| `content/posts/2026/hello.md` | 3:7 | date: a date is written YYYY-MM-DD<br>conseil: write 2026-11-24 | `post-schema` |');
    expect(fr).toContain('Corrigez les problèmes listés ci-dessus');
    // And a reason given as text only stays, in English, rather than vanish.
    expect(renderJudgementComment(codedJudgement(), { languages: ['fr'] })).toContain('- a reason the bot gives as text only');
  });

  it('commons.yml botLanguages: each must be one of languages; absent means the default language', () => {
    const base = { name: 'Agora', description: 'x', url: 'https://a.example', repository: 'https://github.com/a/b', languages: ['fr', 'en'], defaultLanguage: 'fr' };
    expect(commonsConfigSchema.safeParse({ ...base, botLanguages: ['fr', 'en'] }).success).toBe(true);
    const bad = commonsConfigSchema.safeParse({ ...base, botLanguages: ['fr', 'de'] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['botLanguages', 1], message: '"de" is not one of languages (fr, en)' });
    expect(commonsConfigSchema.safeParse({ ...base, botLanguages: [] }).success).toBe(false);
  });

  it('the hidden marker is the same in every language, so the sync finds and updates the comment already there', () => {
    expect(JUDGEMENT_MARKER).toBe('<!-- noclout:judgement -->');
    for (const languages of [['fr'], ['en'], ['fr', 'en']] as const) expect(renderJudgementComment(codedJudgement(), { languages }).startsWith(`${JUDGEMENT_MARKER}\n`)).toBe(true);
  });
});

describe('the judgement comment of a sealed vote (issue 13)', () => {
  /** The reason the bot gives while a sealed vote is open: who has voted, the round, never how. */
  const sealedSoFar = { code: 'vote-sealed-so-far', params: { voted: 2, eligible: 5, round: 41234567 } } as unknown as BotText;
  const plainReview = { voter: 'bruno', vote: 'yes' as const, counted: false, reason: recordText(coded('review-not-sealed', {})), status: coded('review-not-sealed', {}) };

  it('says why a plain review is not counted and how to seal, linking the page where members seal, in each language', () => {
    const text = renderJudgementComment(judgement({ reasonCodes: [sealedSoFar], ballots: [plainReview] }), { languages: ['en', 'fr'], siteUrl: 'https://commons.example/' });
    const [en, fr] = text.split('\n\n---\n\n');
    expect(en).toContain('| bruno | yes | no | the vote is sealed: an approval or a change request is public, so it is not a ballot; seal your vote');
    expect(en).toContain('and sealed: nobody can read a ballot before round 41234567 of the beacon, just after the close. An approval or a change request is public, so it is not a ballot here. To vote, seal your ballot on the change\'s page of the site (<https://commons.example/en/proposals/>) and paste the sealed text');
    expect(en).not.toContain('Members vote by approving');
    expect(fr).toContain('le vote est scellé\u202f: une approbation ou une demande de modifications est publique');
    expect(fr).toContain('(<https://commons.example/fr/proposals/>)');
    expect(fr).toContain('avant le tour 41234567 de la balise');
  });

  it('a site under a path keeps its path; an address that is not plain http(s) is left out', () => {
    const under = renderJudgementComment(judgement({ reasonCodes: [sealedSoFar] }), { siteUrl: 'https://org.github.io/commons' });
    expect(under).toContain('(<https://org.github.io/commons/en/proposals/>)');
    const odd = renderJudgementComment(judgement({ reasonCodes: [sealedSoFar] }), { siteUrl: 'javascript:alert(1)' });
    expect(odd).toContain('seal your ballot on the change\'s page of the site and paste');
  });

  it('control: a public vote still says to approve or request changes', () => {
    const text = renderJudgementComment(judgement(), { siteUrl: 'https://commons.example/' });
    expect(text).toContain('Members vote by approving (yes) or requesting changes (no)');
    expect(text).not.toContain('sealed');
  });
});
