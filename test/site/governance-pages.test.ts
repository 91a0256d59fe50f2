/**
 * The governance pages of a real build (decisions, rules, policy, tombstones): an accepted appeal
 * shows as a reversal on both decision pages, the bot's English is marked as English on French
 * pages, the policy prose carries its own language, rule histories speak the UI language, and
 * commit hashes lead to the forge when it is GitHub.
 *
 * Two commons, each a copy of the demo in a real git repository: one where an appeal reversed the
 * demo's moderation and a rule was amended later; one with a forge that is not GitHub and a policy
 * that does not say its language.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRecord, renderRecord } from '../../src/commons/decision-record.ts';
import type { DecisionRecord } from '../../src/commons/schema/decision.ts';
import { commitHref } from '../../src/site/format.ts';
import { appealReversals, hiddenPosts, type DecisionView } from '../../src/site/moderation.ts';
import { appealTextOf, codeSpans, reasonParts } from '../../src/site/record-text.ts';
import { builtSite, commonsWith, DEMO } from '../e2e/harness.ts';

const HIDE = '2026/0002-hide-solar-panel-offer';
const APPEAL = '2026/0003-restore-solar-panel-offer';
const REPOSITORY = 'https://github.com/noclout-demo/commons';
const PAYLOAD = '<img src=x onerror=alert(1)>';

const APPEAL_PROPOSAL = `---
title: "Rétablir le billet « Panneaux solaires à prix réduit »"
author: tomas
date: 2026-11-15
lang: fr
summary: Le billet a été réécrit sans l'offre.
appeals: ${HIDE}
rule: no-advertising
---

Le billet a été réécrit sans l'offre ni le code de réduction.
`;

/** The post the appeal restores, rewritten without the offer. */
const RESTORED_POST = `---
title: "Panneaux solaires : un retour d'expérience"
author: tomas
date: 2026-11-16
lang: fr
---

Deux ans après l'installation, voici ce que les panneaux produisent vraiment.
`;

/** The demo's moderation record, appealed: a sealed record as the bot writes it. */
async function appealRecord(): Promise<string> {
  const parsed = parseRecord(await readFile(path.join(DEMO, `governance/decisions/${HIDE}.md`), 'utf8'), HIDE);
  if (!parsed.ok) throw new Error(`the demo's record does not parse: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const { digest: _digest, ...hidden } = parsed.record;
  return renderRecord({
    ...hidden,
    change: 'restore-solar-panel-offer',
    title: 'Rétablir le billet « Panneaux solaires à prix réduit »',
    author: 'tomas',
    opened: '2026-11-15T10:00:00.000Z',
    closed: '2026-11-18T10:00:00.000Z',
    files: ['content/proposals/restore-solar-panel-offer.md', 'content/posts/2026/panneaux-solaires-a-prix-reduit.md'],
    reasons: ["reasoning of the proposal: Le billet a été réécrit sans l'offre.", ...hidden.reasons],
    moderation: {
      ...hidden.moderation!,
      appeals: HIDE,
      // A record is data: HTML in it must stay text, backticks become <code>.
      appeal: `open a moderation proposal with \`appeals: ${APPEAL}\` and ${PAYLOAD}; a lone \` stays`,
    },
  });
}

/** The demo's moderation record as the bot writes one today: its reasons quote the proposal's reasoning. */
async function quotingRecord(): Promise<string> {
  const parsed = parseRecord(await readFile(path.join(DEMO, `governance/decisions/${HIDE}.md`), 'utf8'), HIDE);
  if (!parsed.ok) throw new Error('the demo record does not parse');
  const { digest: _digest, ...record } = parsed.record;
  return renderRecord({ ...record, reasons: [`reasoning of the proposal: ${QUOTED}`, ...record.reasons] });
}
const QUOTED = 'Une offre commerciale déguisée en billet.';

let pages: Map<string, string>;
let plain: Map<string, string>;
let demo: Map<string, string>;
let commits: string[];
const distOf: { reversed: string } = { reversed: '' };

async function readPages(dist: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const entry of await readdir(dist, { recursive: true })) {
    if (entry.endsWith('.html')) found.set(`/${entry.split(path.sep).join('/')}`.replace(/index\.html$/, ''), await readFile(path.join(dist, entry), 'utf8'));
  }
  return found;
}

beforeAll(async () => {
  const respect = await readFile(path.join(DEMO, 'governance/rules/respect.md'), 'utf8');
  const policy = await readFile(path.join(DEMO, 'governance/policy.md'), 'utf8');
  const config = await readFile(path.join(DEMO, 'governance/commons.yml'), 'utf8');
  const [reversed, other, unchanged] = await Promise.all([
    commonsWith(
      {
        'content/proposals/restore-solar-panel-offer.md': APPEAL_PROPOSAL,
        'content/posts/2026/panneaux-solaires-a-prix-reduit.md': RESTORED_POST,
        [`governance/decisions/${APPEAL}.md`]: await appealRecord(),
      },
      { 'governance/rules/respect.md': `${respect}\nAmended by a later commit.\n` },
    ),
    commonsWith({
      [`governance/decisions/${HIDE}.md`]: await quotingRecord(),
      'governance/policy.md': policy.replace(/^lang: en\n/m, ''),
      'governance/commons.yml': config.replace(/^repository: .*$/m, 'repository: https://git.example.org/noclout/commons'),
    }),
    commonsWith({}),
  ]);
  const { stdout } = await promisify(execFile)('git', ['log', '--format=%H', 'HEAD'], { cwd: reversed });
  commits = stdout.trim().split('\n');
  const [dist, otherDist, demoDist] = await Promise.all([builtSite(reversed), builtSite(other), builtSite(unchanged)]);
  distOf.reversed = dist;
  [pages, plain, demo] = await Promise.all([readPages(dist), readPages(otherDist), readPages(demoDist)]);
}, 180_000);

const page = (site: Map<string, string>, url: string): string => {
  const html = site.get(url);
  if (html === undefined) throw new Error(`${url} was not built`);
  return html;
};

/** The language a reader's screen reader uses for `text`: the `lang` of its nearest marked ancestor. */
function languageOf(html: string, text: string): string | undefined {
  const found: (string | undefined)[] = [];
  const walk = (node: Nodes, lang: string | undefined) => {
    if (node.type === 'text' && node.value.includes(text)) found.push(lang);
    if (node.type !== 'element' && node.type !== 'root') return;
    const own = node.type === 'element' && typeof node.properties.lang === 'string' ? node.properties.lang : lang;
    for (const child of node.children) walk(child, own);
  };
  walk(fromHtml(html), undefined);
  if (found.length === 0) throw new Error(`"${text}" is not on the page`);
  expect(new Set(found).size, `"${text}" appears in several languages`).toBe(1);
  return found[0];
}

/** A decision page without the record's text, which is all the bot's English. */
function beforeRecordText(html: string): string {
  const end = html.indexOf('<details class="record"');
  expect(end).toBeGreaterThan(0);
  return html.slice(0, end);
}

/** Elements matching a test, in document order, in a page or below an element. */
function elements(within: string | Element, test: (element: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (test(child)) out.push(child);
      walk(child);
    }
  };
  walk(typeof within === 'string' ? fromHtml(within) : within);
  return out;
}

/** The text of an element, as a reader sees it. */
function toString(node: Nodes): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' || node.type === 'root' ? node.children.map(toString).join('') : '';
}

describe('reversal on appeal, on the decision pages', () => {
  it('says on the moderation decision’s page that an accepted appeal reversed it, and links the appeal', () => {
    for (const [lang, words] of [['fr', /annulée en appel/], ['en', /reversed on appeal/]] as const) {
      const html = page(pages, `/${lang}/decisions/${HIDE}/`);
      const [notice] = elements(html, (e) => e.properties.dataReversedBy === APPEAL);
      expect(notice, lang).toBeDefined();
      expect(toString(notice!)).toMatch(words);
      expect(elements(notice!, (e) => e.tagName === 'a').map((a) => a.properties.href)).toEqual([`/${lang}/decisions/${APPEAL}/`]);
      // The outcome says it too, where a reader looks for it.
      expect(html).toMatch(new RegExp(`<strong>(acceptée|accepted)</strong>, ${words.source}`));
    }
  });

  it('says on the appeal’s page which decision it reversed', () => {
    const html = page(pages, `/fr/decisions/${APPEAL}/`);
    const [reverses] = elements(html, (e) => e.properties.dataReverses === HIDE);
    expect(reverses).toBeDefined();
    expect(elements(reverses!, (e) => e.tagName === 'a').map((a) => a.properties.href)).toEqual([`/fr/decisions/${HIDE}/`]);
    expect(html).not.toContain('data-reversed-by');
  });

  it('marks the reversal in the decisions journal, both ways', () => {
    const html = page(pages, '/en/decisions/');
    expect(elements(html, (e) => e.properties.dataReversedBy === APPEAL)).toHaveLength(1);
    expect(elements(html, (e) => e.properties.dataReverses === HIDE)).toHaveLength(1);
  });

  it('shows the restored post again, since the moderation no longer stands', () => {
    const html = page(pages, '/fr/posts/2026/panneaux-solaires-a-prix-reduit/');
    expect(html).not.toContain('data-tombstone');
    expect(html).toContain('ce que les panneaux produisent vraiment');
  });

  it('keeps the tombstone’s address in the other UI language: it says the post is back, and links it and the appeal', () => {
    const html = page(pages, '/en/posts/2026/panneaux-solaires-a-prix-reduit/');
    expect(html).toContain('data-restored');
    expect(html).not.toContain('data-tombstone');
    expect(html).toContain('An appeal reversed that decision');
    expect(html).toContain('href="/fr/posts/2026/panneaux-solaires-a-prix-reduit/"');
    expect(html).toContain(`href="/en/decisions/${APPEAL}/"`);
    // Not a second copy of the post: its text is only at its one address.
    expect(html).not.toContain('ce que les panneaux produisent vraiment');
    expect(html).not.toContain('data-pagefind-body');
    // Without an appeal there is nothing to point to: a post has its one page only.
    expect(demo.has('/fr/posts/2026/panneaux-solaires-a-prix-reduit/') && !page(demo, '/fr/posts/2026/panneaux-solaires-a-prix-reduit/').includes('data-restored')).toBe(true);
    expect(demo.has('/en/posts/2026/equal-voices/') && !demo.has('/fr/posts/2026/equal-voices/')).toBe(true);
  });

  it('says "reversed on appeal" in the decisions feed', async () => {
    const feed = await readFile(path.join(distOf.reversed, 'en/rss/decisions.xml'), 'utf8');
    const item = feed.split('<item>').find((entry) => entry.includes(`/en/decisions/${HIDE}/`));
    expect(item).toMatch(/<title>[^<]*reversed on appeal\)<\/title>/);
  });

  it('shows the reasoning once on a tombstone: the proposal in full, not again as the record quotes it', () => {
    expect(page(plain, `/en/decisions/${HIDE}/`)).toContain(QUOTED);
    const tombstone = page(plain, '/en/posts/2026/panneaux-solaires-a-prix-reduit/');
    expect(tombstone).toContain('data-tombstone');
    expect(tombstone).not.toContain(QUOTED);
  });

  it('counts the reversal in the transparency report', () => {
    expect(page(pages, '/fr/transparency/')).toContain('<a href="/fr/transparency/all/#appeals-reversed" data-measure="appeals-reversed">1</a>');
    expect(page(plain, '/fr/transparency/')).toContain('<a href="/fr/transparency/all/#appeals-reversed" data-measure="appeals-reversed">0</a>');
  });

  it('says nothing of a reversal where there was none', () => {
    const html = page(plain, `/fr/decisions/${HIDE}/`);
    expect(html).not.toContain('data-reversed-by');
    expect(html).not.toMatch(/annulée en appel/);
  });
});

describe('language marking on French pages', () => {
  it('marks the bot’s reasons, ballot reasons, appeal text and record text as English', () => {
    const html = page(plain, `/fr/decisions/${HIDE}/`);
    expect(languageOf(html, 'threshold met: accepted')).toBe('en');
    expect(languageOf(html, 'superseded by a later ballot of sofia')).toBe('en');
    expect(languageOf(html, 'Any member, the author included, can appeal')).toBe('en');
    expect(languageOf(html, 'judged by the policy and the roster of 5 members')).toBe('en');
    // UI words around them stay French.
    expect(languageOf(html, 'Comment faire appel')).toBe('fr');
  });

  it('translates vote values (yes, no, abstain) instead of showing the record’s English words', () => {
    // The page's own table, not the one in the record's text (the bot's English, shown as written).
    const html = beforeRecordText(page(plain, `/fr/decisions/${HIDE}/`));
    const ballots = elements(html, (e) => e.tagName === 'tbody').at(-1)!;
    const votes = elements(ballots, (e) => e.tagName === 'tr').map((row) => toString(elements(row, (e) => e.tagName === 'td')[1]!).split(' ')[0]);
    expect(votes).toEqual(['oui', 'oui', 'oui', 'abstention', 'oui', 'non']);
    expect(html).not.toMatch(/<td>(yes|no|abstain)\b/);
  });

  it('keeps a proposal’s quoted reasoning in the proposal’s language inside the bot’s English reasons', () => {
    const html = beforeRecordText(page(pages, `/fr/decisions/${APPEAL}/`));
    expect(languageOf(html, 'reasoning of the proposal:')).toBe('en');
    expect(languageOf(html, "Le billet a été réécrit sans l'offre.")).toBe('fr');
  });

  it('renders the appeal text’s backticks as code and never its HTML', () => {
    const html = page(pages, `/en/decisions/${APPEAL}/`);
    expect(html).toContain(`<code>appeals: ${APPEAL}</code>`);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(PAYLOAD);
    const [appeal] = elements(html, (e) => e.tagName === 'dd' && toString(e).startsWith('open a moderation proposal'));
    expect(appeal!.children.filter((c) => c.type === 'element').map((c) => (c as Element).tagName)).toEqual(['code']);
    expect(toString(appeal!)).toContain(`and ${PAYLOAD}; a lone \` stays`);
  });

  it('marks the bot’s English on a tombstone', () => {
    const html = page(plain, '/fr/posts/2026/panneaux-solaires-a-prix-reduit/');
    expect(html).toContain('data-tombstone');
    expect(languageOf(html, 'threshold met: accepted')).toBe('en');
    expect(languageOf(html, 'Any member, the author included, can appeal')).toBe('en');
    expect(html).toContain('<code>appeals: 2026/0002-hide-solar-panel-offer</code>');
  });

  it('marks the journal’s reasons as English', () => {
    expect(languageOf(page(plain, '/fr/decisions/'), 'quorum met (5/5 voted, needs 1/3)')).toBe('en');
  });
});

describe('the policy prose', () => {
  it('carries the language its front matter gives; a page shows its reader\'s section when the policy has one', () => {
    expect(languageOf(page(pages, '/en/policy/'), 'The numbers above are the only ones the bot enforces.')).toBe('en');
    expect(languageOf(page(pages, '/fr/policy/'), 'Les nombres ci-dessus sont les seuls que le robot applique.')).toBe('fr');
  });

  it('falls back to commons.yml defaultLanguage when the policy does not say', () => {
    expect(languageOf(page(plain, '/en/policy/'), 'The numbers above are the only ones the bot enforces.')).toBe('fr');
  });
});

describe('rule histories', () => {
  const statuses = (html: string) => elements(html, (e) => e.properties.dataStatus !== undefined).map((e) => toString(e));

  it('name git statuses in French on /fr/ and in English on /en/', () => {
    expect(statuses(page(pages, '/fr/rules/respect/'))).toEqual(['modifiée', 'ajoutée']);
    expect(statuses(page(pages, '/en/rules/respect/'))).toEqual(['modified', 'added']);
  });

  it('link each commit to the repository on GitHub', () => {
    const html = page(pages, '/fr/rules/respect/');
    const history = html.slice(html.indexOf('id="history"'));
    const links = elements(history, (e) => e.tagName === 'a' && String(e.properties.href).includes('/commit/')).map((a) => a.properties.href);
    expect(links).toEqual(commits.map((sha) => `${REPOSITORY}/commit/${sha}`));
  });

  it('show the hash without a link when the forge is not GitHub', () => {
    const html = page(plain, '/fr/rules/respect/');
    expect(html).not.toContain('/commit/');
    expect(html).toMatch(/<code class="hash">[0-9a-f]{10}<\/code>/);
  });
});

describe('rule version hashes', () => {
  it('link to the commit on decision pages and tombstones', () => {
    const record = page(plain, `/fr/decisions/${HIDE}/`).replace(/^[\s\S]*?<h2>Modération<\/h2>/, '');
    const tombstone = page(plain, '/en/posts/2026/panneaux-solaires-a-prix-reduit/');
    const version = '3640cfd027cc82de6ffaec8fb13b866cf4896cc2';
    expect(page(pages, `/fr/decisions/${HIDE}/`)).toContain(`href="${REPOSITORY}/commit/${version}"`);
    // In the commons whose forge is not GitHub: plain hashes.
    expect(record).not.toContain('/commit/');
    expect(tombstone).not.toContain('/commit/');
    expect(tombstone).toContain(`<code class="hash">${version.slice(0, 10)}</code>`);
  });

  it('link to the commit on a tombstone when the forge is GitHub', () => {
    const html = page(demo, '/fr/posts/2026/panneaux-solaires-a-prix-reduit/');
    expect(html).toContain(`href="${REPOSITORY}/commit/3640cfd027cc82de6ffaec8fb13b866cf4896cc2"`);
  });
});

describe('commitHref', () => {
  const sha = 'ab'.repeat(20);
  it('links a commit of a GitHub repository, with or without .git or a trailing slash', () => {
    for (const repo of [REPOSITORY, `${REPOSITORY}.git`, `${REPOSITORY}/`]) expect(commitHref(repo, sha)).toBe(`${REPOSITORY}/commit/${sha}`);
  });
  it('gives no link for another forge, a path below a repository, or something that is not a commit id', () => {
    expect(commitHref('https://git.example.org/noclout/commons', sha)).toBeUndefined();
    expect(commitHref('https://github.com/noclout-demo', sha)).toBeUndefined();
    expect(commitHref(`${REPOSITORY}/tree/main`, sha)).toBeUndefined();
    expect(commitHref('http://github.com/noclout-demo/commons', sha)).toBeUndefined();
    expect(commitHref(REPOSITORY, 'main')).toBeUndefined();
  });
});

describe('record text', () => {
  it("puts the decision's own id in the bot's appeal text, where the bot wrote a placeholder", () => {
    const written = "open a moderation proposal with `appeals: <this decision's year/number-slug>` that restores content/posts/2026/x.md";
    expect(appealTextOf(written, '2026/0006-hide-x')).toBe('open a moderation proposal with `appeals: 2026/0006-hide-x` that restores content/posts/2026/x.md');
    expect(appealTextOf('no placeholder here', '2026/0006-hide-x')).toBe('no placeholder here');
  });

  it('cuts the bot’s text at backticks, leaving a lone backtick as text', () => {
    expect(codeSpans('say `appeals: x` then `y` and ` alone')).toEqual([
      { code: false, text: 'say ' },
      { code: true, text: 'appeals: x' },
      { code: false, text: ' then ' },
      { code: true, text: 'y' },
      { code: false, text: ' and ` alone' },
    ]);
  });
  it('separates a proposal’s quoted reasoning from the bot’s words', () => {
    expect(reasonParts('reasoning of the proposal: Parce que.')).toEqual({ bot: 'reasoning of the proposal:', quoted: 'Parce que.' });
    expect(reasonParts('3 yes, 1 no')).toEqual({ bot: '3 yes, 1 no', quoted: undefined });
  });
});

describe('appealReversals', () => {
  const C = 'a'.repeat(40);
  let n = 0;
  const decision = (id: string, outcome: 'accepted' | 'rejected', appeals?: string, kind: DecisionRecord['kind'] = 'moderation'): DecisionView => {
    n += 1;
    return {
      id, html: '', file: '',
      data: {
        change: id.split('-').slice(1).join('-'), title: id, kind, outcome, head: C, base: C, opened: '2026-01-01T00:00:00Z', closed: `2026-01-${String(n).padStart(2, '0')}T00:00:00Z`,
        policyCommit: C, rule: { objectionHours: 24, maxPerAuthorPerWeek: 3 }, roster: { size: 5, commit: C }, files: [], ballots: [], reasons: ['r'], digest: `sha256:${'0'.repeat(64)}`,
        moderation: { post: '2026/ad', rule: 'no-advertising', ruleVersion: C, appeal: 'appeal', ...(appeals ? { appeals } : {}) },
      },
    };
  };
  const newestFirst = (...list: DecisionView[]) => list.reverse();

  it('pairs an accepted appeal with the moderation it reversed, both ways, and hiding agrees', () => {
    const list = newestFirst(decision('2026/0001-hide', 'accepted'), decision('2026/0002-appeal', 'accepted', '2026/0001-hide'));
    const { reversedBy, reverses } = appealReversals(list);
    expect(reversedBy.get('2026/0001-hide')?.id).toBe('2026/0002-appeal');
    expect(reverses.get('2026/0002-appeal')?.id).toBe('2026/0001-hide');
    expect(hiddenPosts(list, []).size).toBe(0);
  });

  it('reverses nothing with a rejected appeal, an appeal of a rejected moderation, or an appeal older than the decision it names', () => {
    expect(appealReversals(newestFirst(decision('2026/0001-hide', 'accepted'), decision('2026/0002-appeal', 'rejected', '2026/0001-hide'))).reversedBy.size).toBe(0);
    expect(appealReversals(newestFirst(decision('2026/0001-hide', 'rejected'), decision('2026/0002-appeal', 'accepted', '2026/0001-hide'))).reverses.size).toBe(0);
    const early = newestFirst(decision('2026/0001-appeal', 'accepted', '2026/0002-hide'), decision('2026/0002-hide', 'accepted'));
    expect(appealReversals(early).reversedBy.size).toBe(0);
    expect([...hiddenPosts(early, []).keys()]).toEqual(['2026/ad']);
  });

  it('credits the first accepted appeal when two name the same decision', () => {
    const list = newestFirst(decision('2026/0001-hide', 'accepted'), decision('2026/0002-appeal', 'accepted', '2026/0001-hide'), decision('2026/0003-again', 'accepted', '2026/0001-hide'));
    const { reversedBy, reverses } = appealReversals(list);
    expect(reversedBy.get('2026/0001-hide')?.id).toBe('2026/0002-appeal');
    expect([...reverses.keys()]).toEqual(['2026/0002-appeal']);
  });
});
