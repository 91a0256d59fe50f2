/**
 * Issue 12, "Every word in the reader's language": a reader of the French site never meets an
 * English sentence that NoClout wrote in a decision record, and the reverse. Built over the test
 * commons plus records written by the bot's own code (decide → recordOf → renderRecord) for a
 * decided vote, a rejection, a post stopped by an objection, a moderation and its appeals, with
 * ballots of every status. Bot texts only: authors and voters may write in any language. The
 * fixture's records written before codes still read: their stored English is marked lang="en".
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../../src/commons/schema/policy.ts';
import { checkCitedRules, type CastBallot } from '../../src/commons/tally.ts';
import { BODY_WORDS } from '../../src/commons/texts/body.ts';
import { CATALOGUES, displayFormat, PARAMS, RECORD_FORMAT, type TextCode, type TextLanguage } from '../../src/commons/texts/index.ts';
import type { ParamKind, TextFormat } from '../../src/commons/texts/codes.ts';
import { builtSite, commonsWith } from '../e2e/harness.ts';
import { policyWith } from '../fixtures/policy.ts';
import { at, recordFileOf, type Case } from './reasons-fixture.ts';

const policy: Policy = policyWith({ policy: { threshold: { atLeast: '2/3' } }, membership: { closeEarly: true } });
/** Ballots of every status: superseded, counted, late, not a member, malformed, citing no rule of the commons. */
const everyStatus = (vote: 'yes' | 'no') => (o: string): CastBallot[] =>
  checkCitedRules(
    [
      { voter: 'amina', vote: vote === 'yes' ? 'no' : 'yes', castAt: at(o, 1), comment: 'Premier avis.' },
      { voter: 'amina', vote, castAt: at(o, 2), comment: 'Avis final.' },
      { voter: 'jean-luc', vote, castAt: at(o, 3) },
      { voter: 'sofia', vote: 'abstain', castAt: at(o, 4), rule: 'not-a-rule' },
      { voter: 'zoe', vote, castAt: at(o, 5) },
      { voter: 'lea', vote: 'malformed', castAt: at(o, 6) },
      { voter: 'tomas', vote, castAt: at(o, 24 * 20) },
    ],
    new Set(['respect', 'no-advertising']),
  );

const CASES: Case[] = [
  { number: 3, change: 'weekly-digest', title: 'Un résumé chaque semaine', kind: 'proposal', opened: '2026-10-01T09:00:00.000Z', ballots: everyStatus('yes') },
  { number: 4, change: 'longer-votes', title: 'Des votes plus longs', kind: 'policy', opened: '2026-10-02T09:00:00.000Z', ballots: everyStatus('no') },
  { number: 5, change: 'promo-code', title: 'Code promo', kind: 'post', opened: '2026-10-03T09:00:00.000Z', ballots: (o) => [{ voter: 'lea', vote: 'no', rule: 'no-advertising', castAt: at(o, 2), comment: 'De la publicité.' }, { voter: 'sofia', vote: 'no', rule: 'no-advertising', castAt: at(o, 3) }] },
  {
    number: 6, change: 'hide-special-offer', title: 'Masquer « Offre spéciale »', kind: 'moderation', opened: '2026-10-04T09:00:00.000Z', ballots: everyStatus('yes'),
    moderation: { post: '2026/offre-speciale', reasoning: 'Le billet est une publicité déguisée.' },
  },
  {
    number: 7, change: 'restore-special-offer', title: 'Rétablir « Offre spéciale »', kind: 'moderation', opened: '2026-10-10T09:00:00.000Z', ballots: everyStatus('no'),
    moderation: { post: '2026/offre-speciale', appeals: '2026/0006-hide-special-offer', reasoning: 'Ce n’était pas une publicité.' },
  },
];

const recordFile = (c: Case) => recordFileOf(c, policy);

/**
 * The bot's sentences of a catalogue, as the pages can show them: each text rendered with
 * placeholder parameters, cut at the parameters, keeping the pieces long enough to be a phrase.
 */
function sentences(lang: TextLanguage): string[] {
  const pieces = new Set<string>();
  const MARK = '\u0001';
  const formats: TextFormat[] = [RECORD_FORMAT, displayFormat(lang)].map((f) => ({ ...f, instant: () => MARK }));
  const value = (kind: ParamKind, flip: boolean): unknown => ({ text: MARK, instant: MARK, number: 9, boolean: flip, list: [MARK], comparison: flip ? 'moreThan' : 'atLeast', side: flip ? 'yes' : 'no', refusal: flip ? 'too-large' : 'tree', 'signature-fault': flip ? 'namespace' : 'version', 'ballot-fault': flip ? 'too-large' : 'not-utf8', problems: JSON.stringify([{ path: MARK, line: 9, column: 9, code: flip ? 'schema/one-of' : 'schema/unknown-key', params: { where: MARK, values: MARK, received: MARK, key: MARK, suggestion: MARK, allowed: '' } }]) })[kind];
  const add = (text: string) => {
    for (const piece of text.split(/\u0001|\b9\b|`[^`]*`/)) {
      const phrase = piece.replace(/[ \t\r\n]+/g, ' ').trim();
      if (phrase.length >= 16 && phrase.includes(' ')) pieces.add(phrase);
    }
  };
  for (const code of Object.keys(PARAMS) as TextCode[]) {
    for (const flip of [true, false]) {
      const params = Object.fromEntries(Object.entries(PARAMS[code] as Record<string, ParamKind>).map(([name, kind]) => [name, value(kind, flip)]));
      for (const format of formats) add((CATALOGUES[lang][code] as (p: unknown, f: TextFormat) => string)(params, format));
    }
  }
  const words = BODY_WORDS[lang];
  for (const format of formats) add(words.summary({ kind: MARK, change: MARK, verb: MARK, closed: MARK, opened: MARK, size: 9, policy: MARK }, format));
  for (const flip of [true, false]) add(words.tally({ yes: 9, no: 9, abstain: 9, eligible: 9, quorumMet: flip, thresholdMet: !flip }));
  add(words.unlisted(9, 9));
  add(words.howToAppeal(MARK));
  return [...pieces];
}

/** A page's text, leaving out what is inside an element whose `lang` is `skipLang`, and scripts. */
function textOf(html: string, skipLang?: string): string {
  const out: string[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'text') return void out.push(node.value);
    if (node.type !== 'root' && node.type !== 'element') return;
    if (node.type === 'element' && (['script', 'style', 'template'].includes((node as Element).tagName) || (skipLang !== undefined && (node as Element).properties?.lang === skipLang))) return;
    for (const child of node.children) walk(child);
  };
  walk(fromHtml(html));
  return out.join(' ').replace(/[ \t\r\n]+/g, ' ');
}

let pages: Map<string, string>;

beforeAll(async () => {
  const commons = await commonsWith(Object.fromEntries(CASES.map(recordFile)));
  const dist = await builtSite(commons);
  pages = new Map();
  for (const entry of await readdir(dist, { recursive: true })) {
    if (entry.endsWith('.html')) pages.set(`/${entry.split(path.sep).join('/')}`.replace(/index\.html$/, ''), await readFile(path.join(dist, entry), 'utf8'));
  }
}, 600_000);

const ENGLISH = sentences('en');
const FRENCH = sentences('fr');
const coded = CASES.map((c) => `decisions/2026/${String(c.number).padStart(4, '0')}-${c.change}/`);

function found(text: string, catalogue: readonly string[]): string[] {
  return catalogue.filter((sentence) => text.includes(sentence));
}

describe('every word the bot wrote in a record, in the reader\'s language', () => {
  it('the catalogues give phrases to look for, and the coded records are built in both languages', () => {
    expect(ENGLISH).toContain('counted: latest valid ballot of a member');
    expect(FRENCH.length).toBeGreaterThan(30);
    for (const url of coded) for (const lang of ['fr', 'en']) expect(pages.has(`/${lang}/${url}`), `/${lang}/${url}`).toBe(true);
    expect(pages.has('/fr/posts/2026/offre-speciale/')).toBe(true);
  });

  it("no French page of a record written with codes holds a sentence of the bot's English catalogue, anywhere", () => {
    for (const url of coded) {
      const html = pages.get(`/fr/${url}`)!;
      expect(found(textOf(html), ENGLISH), url).toEqual([]);
      // And the French is there: the ballots' statuses and the reasons, from the codes.
      expect(textOf(html), url).toMatch(/compté\u202f: dernier bulletin valide d’un membre|objection \(/);
    }
    const tombstone = textOf(pages.get('/fr/posts/2026/offre-speciale/')!);
    expect(found(tombstone, ENGLISH)).toEqual([]);
    expect(tombstone).toContain('ouvrir une proposition de modération avec');
  });

  it('marks each bot text with the language it is shown in: the page\'s from a code, lang="en" for stored English', () => {
    const fresh = pages.get('/fr/decisions/2026/0003-weekly-digest/')!;
    expect(fresh).toContain('<td lang="fr">compté\u202f: dernier bulletin valide d’un membre</td>');
    expect(fresh).toMatch(/<li lang="fr">le vote a été clos le /);
    expect(fresh).toMatch(/<details class="record"><summary>[^<]*<\/summary><div class="prose" lang="fr">/);
    const legacy = pages.get('/fr/decisions/2026/0002-hide-solar-panel-offer/')!;
    expect(legacy).toContain('<td lang="en">counted: latest valid ballot of a member</td>');
    expect(legacy).toMatch(/<details class="record"><summary>[^<]*<\/summary><div class="prose" lang="en">/);
  });

  it("no French page holds the bot's English outside what is marked lang=\"en\" (records written before codes keep their stored English, marked)", () => {
    for (const [url, html] of pages) {
      if (!url.startsWith('/fr/')) continue;
      expect(found(textOf(html, 'en'), ENGLISH), url).toEqual([]);
    }
  });

  it("no English page holds a sentence of the bot's French catalogue", () => {
    for (const [url, html] of pages) {
      if (!url.startsWith('/en/')) continue;
      expect(found(textOf(html), FRENCH), url).toEqual([]);
    }
  });

  it('the English pages say the same records in English, dates formatted for the locale in UTC', () => {
    const text = textOf(pages.get(`/en/${coded[0]}`)!);
    expect(text).toContain('counted: latest valid ballot of a member');
    expect(text).toMatch(/the vote closed at \d{1,2} \w+ 2026 at \d\d:\d\d UTC under voting\.rules/);
    expect(text).not.toMatch(/closed at 2026-\d\d-\d\dT/);
  });
});
