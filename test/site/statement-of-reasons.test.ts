/**
 * Issue 15, "Every moderation record is a full statement of reasons": the EU Digital Services Act
 * (Art. 17(3)) lists what a statement of reasons carries, and NoClout's moderation records and
 * tombstones carry each item, named as such on the page, in English and in French.
 *
 * Records written by the bot's own code (decide → recordOf → renderRecord): a moderation that
 * started from a moderation proposal (the post hidden, a tombstone at its address) and a post that
 * started from a member's objection (a `no` ballot citing a rule; never published). Beside them, the
 * test commons' moderation written before codes, quotes and castAt ("records already written still
 * read"), and a rule change as the control: a record that restricts nothing has no statement.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import { restrictionCase, statementOfReasons, type StatementContext } from '../../src/site/statement-of-reasons.ts';
import { C, idOf, OBJECTION, OLD, policy, PROPOSAL, recordFiles, recordOfCase } from './reasons-fixture.ts';
import { builtSite, commonsWith } from '../e2e/harness.ts';

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

let pages: Map<string, string>;
let dist: string;

beforeAll(async () => {
  dist = await builtSite(await commonsWith(recordFiles()));
  pages = new Map();
  for (const entry of await readdir(dist, { recursive: true })) {
    if (entry.endsWith('.html')) pages.set(`/${entry.split(path.sep).join('/')}`.replace(/index\.html$/, ''), await readFile(path.join(dist, entry), 'utf8'));
  }
}, 600_000);

function elements(root: Nodes, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element' && test(node)) out.push(node);
    if (node.type === 'element' || node.type === 'root') for (const child of node.children) walk(child);
  };
  walk(root);
  return out;
}
const textOf = (node: Nodes): string => (node.type === 'text' ? node.value : node.type === 'element' || node.type === 'root' ? node.children.map(textOf).join('') : '');

/** The statement of reasons on a page: its heading, and each item's name and text by letter. */
function statementOn(url: string): { heading: string; started: string; items: Map<string, { name: string; text: string; links: string[] }> } | undefined {
  const html = pages.get(url);
  expect(html, url).toBeDefined();
  const root: Root = fromHtml(html!);
  const [section] = elements(root, (e) => e.properties.dataStatementOfReasons !== undefined);
  if (!section) return undefined;
  const heading = textOf(elements(section, (e) => e.properties.id === 'statement-of-reasons')[0]!);
  const items = new Map(
    elements(section, (e) => typeof e.properties.dataItem === 'string').map((item) => {
      const [name] = elements(item, (e) => /^h[2-6]$/.test(e.tagName));
      return [String(item.properties.dataItem), { name: textOf(name!), text: textOf(item).replace(/[ \t\r\n]+/g, ' '), links: elements(item, (e) => e.tagName === 'a').map((a) => String(a.properties.href)) }];
    }),
  );
  return { heading, started: String(section.properties.dataStarted), items };
}

/** Every item of Art. 17(3), by its name in the page's language. */
function expectEveryItem(url: string, lang: 'en' | 'fr') {
  const statement = statementOn(url);
  expect(statement, url).toBeDefined();
  const words = t(lang).reasons;
  expect(statement!.heading).toBe(lang === 'fr' ? 'Exposé des motifs' : 'Statement of reasons');
  expect([...statement!.items.keys()]).toEqual([...LETTERS]);
  for (const letter of LETTERS) expect(statement!.items.get(letter)!.name, `${url} (${letter})`).toBe(words.names[letter]);
  return statement!;
}

describe('a moderation that started from a moderation proposal', () => {
  const url = (lang: string) => `/${lang}/decisions/${idOf(PROPOSAL)}/`;

  it('names every item of Art. 17(3) on the decision page, in English and in French', () => {
    for (const lang of ['en', 'fr'] as const) expect(expectEveryItem(url(lang), lang).started).toBe('moderation-proposal');
    expect(t('fr').reasons.names.f).toContain('possibilités de recours');
  });

  it('(a) says the post was hidden, for this post only, kept in git, until an appeal succeeds', () => {
    const a = statementOn(url('en'))!.items.get('a')!;
    expect(a.text).toContain('the post was hidden');
    expect(a.text).toContain('this post only');
    expect(a.text).toContain('no territorial limit');
    expect(a.text).toContain(`git history still holds its text, at commit ${C(104).slice(0, 10)}`);
    expect(a.text).toContain('until an appeal succeeds');
    expect(a.links).toContain('/en/posts/2026/offre-speciale/');
  });

  it('(b) says it started from a moderation proposal, and who proposed it', () => {
    const b = statementOn(url('en'))!.items.get('b')!;
    expect(b.text).toContain('a moderation proposal');
    expect(b.text).toContain('by amina');
    expect(b.text).toContain('2 yes, 0 no, 0 abstain, of 5 members');
  });

  it('(c) says no automated means detected or decided; (d) no legal ground is relied on', () => {
    const s = statementOn(url('fr'))!;
    expect(s.items.get('c')!.text).toContain('aucun moyen automatisé\u202f: un membre a trouvé le billet');
    expect(s.items.get('c')!.text).toContain('aucun moyen automatisé\u202f: les membres ont décidé, par leur vote');
    expect(s.items.get('d')!.text).toContain('sans objet');
  });

  it('(e) names the rule, its version and the reasoning', () => {
    const e = statementOn(url('en'))!.items.get('e')!;
    expect(e.links).toContain('/en/rules/no-advertising/');
    expect(e.text).toContain(`its text at commit ${C(1).slice(0, 10)}`);
    expect(e.text).toContain('Le billet est une publicité déguisée.');
  });

  it('(f) gives the appeal with a prefilled link, says there is no deadline, and names outside bodies', () => {
    const f = statementOn(url('en'))!.items.get('f')!;
    const link = f.links.find((href) => href.startsWith('https://github.com/noclout-demo/commons/new/main/content/proposals?'));
    expect(link).toBeDefined();
    const query = new URL(link!).searchParams;
    expect(query.get('filename')).toBe('appeal-hide-special-offer.md');
    expect(query.get('value')).toContain(`appeals: ${idOf(PROPOSAL)}`);
    expect(f.text).toContain(`git checkout ${C(104)} -- content/posts/2026/offre-speciale.md`);
    expect(f.text).toContain('none: the policy sets no deadline for an appeal');
    expect(f.text).toContain('out-of-court dispute settlement body, or to the courts');
    expect(statementOn(url('fr'))!.items.get('f')!.text).toContain('règlement extrajudiciaire des litiges');
  });

  it('the tombstone carries the same statement, every item named, in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      const tombstone = `/${lang}/posts/2026/offre-speciale/`;
      expect(pages.get(tombstone)).toContain('data-tombstone');
      const s = expectEveryItem(tombstone, lang);
      expect(s.items.get('f')!.links.some((href) => href.startsWith('https://github.com/'))).toBe(true);
    }
  });
});

describe('a moderation that started from a member’s objection to a post', () => {
  const url = (lang: string) => `/${lang}/decisions/${idOf(OBJECTION)}/`;

  it('names every item of Art. 17(3) on the decision page, in English and in French', () => {
    for (const lang of ['en', 'fr'] as const) expect(expectEveryItem(url(lang), lang).started).toBe('objection');
  });

  it('says the post was never published, who objected under which rule, and in their words', () => {
    const s = statementOn(url('en'))!;
    expect(s.items.get('a')!.text).toContain('the post was not published');
    expect(s.items.get('a')!.text).toContain('2026/promo-code');
    expect(s.items.get('b')!.text).toContain('objection to the post');
    expect(s.items.get('b')!.text).toContain('lea, sofia');
    expect(s.items.get('e')!.links).toContain('/en/rules/no-advertising/');
    expect(s.items.get('e')!.text).toContain('lea: De la publicité pour un magasin.');
  });

  it('offers no appeal it cannot keep: a post never published is submitted again', () => {
    const f = statementOn(url('en'))!.items.get('f')!;
    expect(f.links.some((href) => href.startsWith('https://github.com/'))).toBe(false);
    expect(f.links).toContain('/en/contribute/');
    expect(f.text).toContain('an out-of-court dispute settlement body');
  });
});

describe('a record written before codes, quotes and castAt still reads', () => {
  it('names every item on its decision page and its tombstone, in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      expectEveryItem(`/${lang}/decisions/${OLD}/`, lang);
      expectEveryItem(`/${lang}/posts/2026/panneaux-solaires-a-prix-reduit/`, lang);
    }
  });

  it('shows the appeal the record wrote, in its stored English marked as such', () => {
    const html = pages.get(`/fr/decisions/${OLD}/`)!;
    const [f] = elements(fromHtml(html), (e) => e.properties.dataItem === 'f');
    const english = elements(f!, (e) => e.properties.lang === 'en').map(textOf).join('');
    expect(english).toContain('Any member, the author included, can appeal');
  });
});

describe('control: a record that restricts nothing has no statement of reasons', () => {
  it('a rule change’s page has none', () => {
    for (const lang of ['en', 'fr']) expect(statementOn(`/${lang}/decisions/2026/0001-cite-sources/`)).toBeUndefined();
  });
});

describe('statementOfReasons (pure)', () => {
  const context: StatementContext = {
    policy,
    config: { name: 'x', description: 'x', site: 'https://example.org', repository: 'https://github.com/o/r', languages: ['en'], defaultLanguage: 'en', branch: 'main' } as unknown as StatementContext['config'],
    reversedBy: undefined,
  };
  const moderation = recordOfCase(PROPOSAL);
  const objection = recordOfCase(OBJECTION);

  it('restricts for a hiding moderation and a post stopped by an objection, and nothing else', () => {
    expect(restrictionCase(moderation)?.started).toBe('moderation-proposal');
    expect(restrictionCase(objection)).toEqual({ started: 'objection', post: '2026/promo-code' });
    expect(restrictionCase({ ...moderation, outcome: 'rejected' })).toBeUndefined();
    expect(restrictionCase({ ...moderation, moderation: { ...moderation.moderation!, appeals: idOf(PROPOSAL) } })).toBeUndefined();
    expect(restrictionCase({ ...objection, outcome: 'accepted' })).toBeUndefined();
    expect(restrictionCase({ ...objection, kind: 'proposal' })).toBeUndefined();
  });

  it('says no automated means, never a legal ground, and no deadline', () => {
    const s = statementOfReasons({ id: idOf(PROPOSAL), data: moderation }, context)!;
    expect(s.automatedMeans).toEqual({ detection: false, decision: false });
    expect(s.legalGround).toEqual({ applicable: false });
    expect(s.redress.deadline).toBeNull();
    expect(s.redress.appealDays).toBe(3);
  });

  it('an old record without the objection ballots’ rules or words says "not recorded", never invents them', () => {
    const bare = { ...objection, ballots: [], reasonCodes: undefined };
    const s = statementOfReasons({ id: idOf(OBJECTION), data: bare }, context)!;
    expect(s.facts.objectors).toBeUndefined();
    expect(s.contractualGround).toEqual({ rules: [], reasoning: undefined });
  });

  it('an old record with codes but no listed ballots takes the objectors and rules from its coded reasons', () => {
    const s = statementOfReasons({ id: idOf(OBJECTION), data: { ...objection, ballots: [] } }, context)!;
    expect(s.facts.objectors).toEqual(['lea', 'sofia']);
    expect(s.contractualGround.rules).toEqual([{ rule: 'no-advertising', version: C(1) }]);
  });

  it('a moderation reversed on appeal says when it ended, and offers no new appeal', () => {
    const s = statementOfReasons({ id: idOf(PROPOSAL), data: moderation }, { ...context, reversedBy: { id: '2026/0009-restore', data: { closed: '2026-11-01T00:00:00.000Z' } } })!;
    expect(s.restriction.endedBy).toEqual({ decision: '2026/0009-restore', closed: '2026-11-01T00:00:00.000Z' });
    expect(s.redress.appeal).toBeUndefined();
  });
});

describe('the statement of reasons in the open data (/data/decisions/…json)', () => {
  const statementIn = async (id: string) => JSON.parse(await readFile(path.join(dist, 'data/decisions', `${id}.json`), 'utf8')).statementOfReasons;

  it('carries every item, by its Art. 17(3) name in English and in French, for a proposal, an objection and an old record', async () => {
    for (const [id, started] of [[idOf(PROPOSAL), 'moderation-proposal'], [idOf(OBJECTION), 'objection'], [OLD, 'moderation-proposal']] as const) {
      const statement = await statementIn(id);
      expect(statement.started, id).toBe(started);
      for (const lang of ['en', 'fr'] as const) {
        expect(statement.text[lang].heading).toBe(t(lang).reasons.heading);
        expect(statement.text[lang].items.map((item: { letter: string; name: string }) => [item.letter, item.name])).toEqual(LETTERS.map((letter) => [letter, t(lang).reasons.names[letter]]));
      }
    }
  });

  it('says the same as the pages: the facts as data, and the appeal link', async () => {
    const proposal = await statementIn(idOf(PROPOSAL));
    expect(proposal.automatedMeans).toEqual({ detection: false, decision: false });
    expect(proposal.legalGround).toEqual({ applicable: false });
    expect(proposal.facts.proposer).toBe('amina');
    expect(proposal.contractualGround.reasoning).toEqual([{ by: 'amina', words: 'Le billet est une publicité déguisée.' }]);
    expect(proposal.redress.deadline).toBeNull();
    expect(new URL(proposal.redress.appeal.link).searchParams.get('value')).toContain(`appeals: ${idOf(PROPOSAL)}`);
    const objection = await statementIn(idOf(OBJECTION));
    expect(objection.facts.objectors).toEqual(['lea', 'sofia']);
    expect(objection.redress.appeal).toBeNull();
    expect(objection.text.fr.items[0].lines.join(' ')).toContain('le billet n’a pas été publié');
    // The old record holds no quoted reasoning: null, not an invented one.
    expect((await statementIn(OLD)).contractualGround.reasoning).toBeNull();
  });

  it('control: a record that restricts nothing carries null', async () => {
    expect(await statementIn('2026/0001-cite-sources')).toBeNull();
  });
});
