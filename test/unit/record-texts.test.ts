/**
 * Issue 12, "Every word in the reader's language": every code of the bot's record texts has an
 * English and a French text with the same parameters, the English is exactly what a record stores,
 * and the French follows French typography.
 */
import { describe, expect, it } from 'vitest';
import { BODY_WORDS } from '../../src/commons/texts/body.ts';
import { CATALOGUES, displayFormat, displayText, isKnownText, PARAMS, recordText, type BotText, type TextCode } from '../../src/commons/texts/index.ts';
import type { ParamKind } from '../../src/commons/texts/codes.ts';
import { decide } from '../../src/commons/decide.ts';
import { countBallots } from '../../src/commons/tally.ts';
import type { Policy } from '../../src/commons/schema/policy.ts';
import { ballotsFromReviews } from '../../src/ballots/github.ts';
import type { ApiReview } from '../../src/forge/api-types.ts';
import { policyWith } from '../fixtures/policy.ts';

const policy: Policy = policyWith({ membership: { closeEarly: true } });

const LANGUAGES = ['en', 'fr'] as const;

/** A value of each kind, and a second one, distinct, to see whether a text uses the parameter. */
const SAMPLES: Record<ParamKind, [unknown, unknown]> = {
  text: ['alpha-one', 'beta-two'],
  instant: ['2026-11-13T14:30:00.000Z', '2027-02-03T08:05:00.000Z'],
  number: [3, 7],
  boolean: [true, false],
  list: [['sofia'], ['lea']],
  comparison: ['moreThan', 'atLeast'],
  side: ['yes', 'no'],
  refusal: ['too-large', 'tree'],
  'signature-fault': ['namespace', 'hash'],
  'ballot-fault': ['too-large', 'not-utf8'],
  problems: [
    JSON.stringify([{ path: 'governance/ballots/x/a.yml', line: 1, column: 7, code: 'schema/one-of', params: { where: 'vote', values: '"yes", "no"', received: '"maybe"' } }]),
    JSON.stringify([{ path: 'governance/ballots/x/b.yml', line: 2, column: 1, code: 'schema/unknown-key', params: { where: '', key: 'vot', suggestion: 'vote', allowed: '' } }]),
  ],
};

function sample(code: TextCode, change?: string): BotText {
  const params = Object.fromEntries(Object.entries(PARAMS[code] as Record<string, ParamKind>).map(([name, kind]) => [name, SAMPLES[kind][name === change ? 1 : 0]]));
  return { code, params } as BotText;
}

const CODES = Object.keys(PARAMS) as TextCode[];

describe('the record texts catalogue', () => {
  it('has a text in every language for every code, and no text for a code that does not exist', () => {
    for (const lang of LANGUAGES) expect(Object.keys(CATALOGUES[lang]).sort(), lang).toEqual([...CODES].sort());
  });

  it('uses the same parameters in every language: each parameter changes the sentence in both, or in neither', () => {
    for (const code of CODES) {
      for (const name of Object.keys(PARAMS[code])) {
        const uses = LANGUAGES.map((lang) => displayText(sample(code), lang) !== displayText(sample(code, name), lang));
        expect(uses, `${code}.${name} (en, fr)`).toEqual([true, true]);
      }
    }
  });

  it('writes French with a narrow no-break space before ; : ! ? and inside « », never a plain space', () => {
    for (const code of CODES) {
      const fr = displayText(sample(code), 'fr')!;
      expect(fr, code).not.toMatch(/[ \u00a0][;:!?»]|«[ \u00a0]/);
      expect(fr.replace(/`[^`]*`/g, '').replace(/\b(?:https?|voting\.\w+|posts\.\w+)\b/g, ''), code).not.toMatch(/[^\u202f][;!?]/);
    }
    const words = BODY_WORDS.fr;
    const format = displayFormat('fr');
    const body = [words.summary({ kind: 'post', change: 'x', verb: 'publié', closed: '2026-01-01T00:00:00Z', opened: '2026-01-01T00:00:00Z', size: 2, policy: 'c' }, format), words.tally({ yes: 1, no: 0, abstain: 2, eligible: 5, quorumMet: true, thresholdMet: false }), words.unlisted(3, 100), words.said('a', 'oui', 'r', 'mots'), words.howToAppeal('x')];
    for (const line of body) expect(line).not.toMatch(/[ \u00a0][;:!?»]|«[ \u00a0]/);
    expect(words.tally({ yes: 1, no: 0, abstain: 1, eligible: 1, quorumMet: true, thresholdMet: true })).toBe('1 oui, 0 non, 1 abstention, sur 1 membre. Quorum atteint\u202f; seuil atteint.');
    expect(displayText({ code: 'ballot-not-in-roster', params: { voter: 'x' } }, 'fr')).toBe('«\u202fx\u202f» n’est pas membre de la liste figée à l’ouverture du changement');
  });

  it('formats instants for the locale, in UTC and saying so, on pages; a record keeps the ISO text', () => {
    const late = { code: 'ballot-late', params: { at: '2026-11-13T14:30:00.000Z', closes: '2026-11-13T09:00:00.000Z' } } as const;
    expect(displayText(late, 'fr')).toBe('déposé le 13 novembre 2026 à 14:30\u202fUTC, après la clôture du 13 novembre 2026 à 09:00\u202fUTC');
    expect(displayText(late, 'en')).toBe('cast 13 November 2026 at 14:30 UTC, after the close at 13 November 2026 at 09:00 UTC');
    expect(recordText(late)).toBe('cast 2026-11-13T14:30:00.000Z, after the close at 2026-11-13T09:00:00.000Z');
    expect(displayText({ code: 'weekly-limit', params: { posts: 3, max: 3, after: '2026-10-01T08:00:00.000Z' } }, 'fr')).toContain('après le 1er octobre 2026 à 08:00\u202fUTC');
  });

  it('says counts with the plural of the language: "1 jour", "2 jours", never "1 jours"', () => {
    const rule = { key: 'rules', quorum: '1/2', thresholdOp: 'moreThan', threshold: '1/2', favour: 'yes', closeEarly: false, at: '2026-01-01T00:00:00.000Z', early: false };
    expect(displayText({ code: 'vote-closed', params: { ...rule, days: 1 } }, 'fr')).toContain(', 1 jour');
    expect(displayText({ code: 'vote-closed', params: { ...rule, days: 2 } }, 'fr')).toContain(', 2 jours');
  });

  it('reads no code it does not know, nor a known code with parameters missing, extra or of the wrong kind (the page shows the stored English)', () => {
    expect(isKnownText(sample('ballot-superseded'))).toBe(true);
    expect(displayText({ code: 'ballot-vanished', params: {} }, 'fr')).toBeUndefined();
    expect(displayText({ code: 'ballot-superseded', params: {} }, 'fr')).toBeUndefined();
    expect(displayText({ code: 'ballot-superseded', params: { by: 'x', extra: 'y' } }, 'fr')).toBeUndefined();
    expect(displayText({ code: 'ballot-superseded', params: { by: 3 } }, 'fr')).toBeUndefined();
    expect(displayText({ code: 'toString', params: {} }, 'fr')).toBeUndefined();
  });
});

describe('one source of truth: the English a record stores is the rendering of its code', () => {
  it('every reason of a decision and every ballot status is recordText of its code', () => {
    const roster = new Set(['amina', 'lea', 'sofia']);
    const ballots = [
      { voter: 'sofia', vote: 'no' as const, rule: 'no-advertising', castAt: '2026-11-10T15:00:00.000Z' },
      { voter: 'sofia', vote: 'no' as const, rule: 'no-advertising', castAt: '2026-11-10T16:00:00.000Z' },
      { voter: 'zoe', vote: 'yes' as const, castAt: '2026-11-10T16:00:00.000Z' },
      { voter: 'lea', vote: 'malformed' as const, castAt: '2026-11-10T16:30:00.000Z' },
    ];
    for (const now of ['2026-11-10T18:00:00.000Z', '2026-12-30T00:00:00.000Z']) {
      for (const kind of ['post', 'proposal', 'moderation'] as const) {
        const d = decide({ kind, policy, roster, ballots, opened: '2026-11-10T14:30:00.000Z', now: new Date(now) });
        expect(d.reasons).toEqual(d.reasonCodes.map(recordText));
        for (const b of d.ballots) expect(b.reason).toBe(recordText(b.status as BotText));
      }
    }
    const counted = countBallots(ballots, roster, '2026-11-10T15:30:00.000Z');
    expect(counted.ballots.map((b) => b.status!.code)).toEqual(['ballot-counted', 'ballot-late', 'ballot-not-in-roster', 'ballot-malformed']);
  });
});

describe('the reasons a ballot collector gives are codes too', () => {
  it('each forge review that does not count (deleted account, not a member, dismissed, pending state, stale) carries its code, and its text is the code in English', () => {
    const head = 'a'.repeat(40);
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8V2sWj7i6zPzlBmnw9QtHNjGHk1vSFtVnCXsJb4V3A demo';
    const roster = [{ handle: 'amina', name: 'amina', joined: '2026-01-01', keys: [key], github: { login: 'amina', id: 101 } }];
    const review = (id: number, user: ApiReview['user'], state: string, commit: string | null): ApiReview => ({ id, user, state, commit_id: commit, submitted_at: `2026-11-2${id}T10:00:00Z`, body: '' });
    const amina = { login: 'amina', id: 101 };
    const ballots = ballotsFromReviews([review(1, null, 'APPROVED', head), review(2, { login: 'mallory', id: 666 }, 'APPROVED', head), review(3, amina, 'DISMISSED', head), review(4, amina, 'APPROVED', 'b'.repeat(40)), review(5, amina, 'APPROVED', null)], { head, roster });
    expect(ballots.map((b) => b.invalidCode?.code)).toEqual(['review-deleted-account', 'review-not-member', 'review-dismissed', 'review-stale', 'review-stale']);
    for (const b of ballots) expect(b.invalid).toBe(recordText(b.invalidCode!));
    expect(ballots[4]!.invalid).toBe(`stale: given on an unknown commit, but the change's head is now ${head.slice(0, 12)}; review the current head to vote`);
    expect(displayText(ballots[4]!.invalidCode, 'fr')).toContain('donné sur un commit inconnu');
  });
});
