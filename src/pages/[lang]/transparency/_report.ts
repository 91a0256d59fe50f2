/**
 * The transparency report as its pages show it: computed once per build from the site's data
 * (src/site/transparency.ts does the counting), and each period's lists as plain data, which is
 * also the key of that period's page (a new decision changes its quarter's lists and all time's,
 * not the others'). (A leading underscore: Astro builds no route from this file.)
 */
import { publications } from '../../../commons/publication.ts';
import { t, type UiLanguage } from '../../../i18n/index.ts';
import { siteData } from '../../../site/commons-data.ts';
import { decisionPath, formatDate, href } from '../../../site/format.ts';
import { postAdditions } from '../../../site/git-history.ts';
import { recordLanguages } from '../../../site/record-text.ts';
import { ALL_TIME_LIST_LIMIT, anchorOf, formatNumber, measureByQuarter, transparencyReport, type Measure, type Period, type TransparencyReport } from '../../../site/transparency.ts';

let cached: Promise<TransparencyReport> | undefined;

/** The report of this build. */
export function report(): Promise<TransparencyReport> {
  cached ??= (async () => {
    const { decisions, history } = await siteData();
    return transparencyReport({ decisions, publications: publications(decisions.map((d) => d.data), postAdditions(history)).values() });
  })();
  return cached;
}

/** Where a period's lists live, and the anchor of one measure's list there. */
export function listHref(lang: UiLanguage, period: string, measure?: Measure['id']): string {
  return `${href(lang, `transparency/${period}`)}${measure === undefined ? '' : `#${anchorOf(measure)}`}`;
}

/** A period's name: "All time", "Q4 2026". */
export function periodName(period: Pick<Period, 'key'>, lang: UiLanguage): string {
  const s = t(lang).transparency;
  if (period.key === 'all') return s.allTime;
  const [year, q] = period.key.split('-q').map(Number) as [number, number];
  return s.quarter(year, q);
}

/** A quarter's first and last day, as the page's language writes them. */
export function periodSpan(period: Period, lang: UiLanguage): string | undefined {
  if (!period.start || !period.end) return undefined;
  return t(lang).transparency.span(formatDate(period.start, lang), formatDate(new Date(Date.parse(period.end) - 1).toISOString(), lang));
}

/** A measure's name in the page's language; a rule's row names the rule (its title, in the reader's language when written). */
export interface MeasureName {
  text: string;
  /** For a rule: its title, its language and its page. */
  rule?: { title: string; lang: string | undefined; href: string | undefined };
  /** For a median: the kind of change. */
  kind?: string;
}

export async function measureName(id: Measure['id'], lang: UiLanguage): Promise<MeasureName> {
  const s = t(lang).transparency;
  if (id.startsWith('hidden-rule:')) {
    const slug = id.slice('hidden-rule:'.length);
    const title = (await siteData()).ruleTitle(slug, lang);
    // A rule deleted since has no page: its slug, unlinked.
    return { text: s.hiddenRule, rule: { title: title?.text ?? slug, lang: title?.lang, href: title ? href(lang, `rules/${slug}`) : undefined } };
  }
  if (id.startsWith('time:')) return { text: s.timeKinds[id.slice(5)] ?? id.slice(5), kind: id.slice(5) };
  return { text: s.measures[id] ?? id };
}

/** One line of a list: what is counted, linked to its page. */
export interface ListItem {
  /** Undefined for a post that has no page (its file removed without a decision): its title, unlinked. */
  href: string | undefined;
  title: string;
  /** The title's language, when it is someone's words in a known language. */
  titleLang: string | undefined;
  /** Kind, outcome and day, or what published or restored a post. */
  meta: string;
  at: string;
}

/** One measure's list on a period's page. */
export interface ListSection {
  anchor: string;
  name: MeasureName;
  count: string;
  items: ListItem[];
  /** An all-time list too long for one page: its items are the quarters, each linking to its own list. */
  byQuarter?: true;
}

/** A period's lists, as plain data: what its page shows, and so its page's key. */
export async function periodLists(period: Period, lang: UiLanguage): Promise<ListSection[]> {
  const { decisions, postById, postAddress, proposals, governance, tombstones } = await siteData();
  const s = t(lang);
  const byId = new Map(decisions.map((d) => [d.id, d] as const));
  const languages = recordLanguages({ proposals, posts: postById.values(), defaultLanguage: governance.config.defaultLanguage });
  const item = (entry: Measure['entries'][number], measure: Measure['id']): ListItem => {
    const decision = entry.decision === undefined ? undefined : byId.get(entry.decision);
    const day = formatDate(entry.at, lang);
    if (entry.post !== undefined && (measure === 'published' || measure === 'restored')) {
      const post = postById.get(entry.post);
      const how = measure === 'restored' ? s.transparency.restoredBy(decision?.data.title ?? entry.decision ?? '') : decision ? s.transparency.publishedBy : s.transparency.noRecord;
      const page = postById.has(entry.post) || tombstones.has(entry.post) ? postAddress(entry.post, lang) : undefined;
      const target = measure === 'published' && decision ? href(lang, decisionPath(decision.id)) : page;
      return { href: target, title: post?.data.title ?? decision?.data.title ?? entry.post, titleLang: post?.data.lang ?? (decision ? languages.title(decision) : undefined), meta: `${s.transparency.post} · ${how} · ${day}`, at: entry.at };
    }
    const d = decision!;
    return { href: href(lang, decisionPath(d.id)), title: d.data.title, titleLang: languages.title(d), meta: `${s.kinds[d.data.kind] ?? d.data.kind} · ${s.outcomes[d.data.outcome] ?? d.data.outcome} · ${day}`, at: entry.at };
  };
  const sections: ListSection[] = [];
  const quarters = async (id: Measure['id']): Promise<ListItem[]> =>
    measureByQuarter(await report(), id).map(({ period: quarter, count }) => ({ href: listHref(lang, quarter.key, id), title: periodName(quarter, lang), titleLang: undefined, meta: s.transparency.quarterCount(formatNumber(count, lang)), at: quarter.start ?? '' }));
  for (const measure of period.measures) {
    const long = period.key === 'all' && measure.entries.length > ALL_TIME_LIST_LIMIT;
    const items = long ? await quarters(measure.id) : measure.entries.map((e) => item(e, measure.id));
    sections.push({ anchor: anchorOf(measure.id), name: await measureName(measure.id, lang), count: formatNumber(measure.entries.length, lang), items, ...(long ? { byQuarter: true } : {}) });
  }
  return sections;
}
