/**
 * RSS feeds of posts and decisions (newest first), and of the decisions of the day, built with @astrojs/rss. Item links come from
 * `href`/`postHref`, so they carry the site's base (`/commons/fr/posts/…`); @astrojs/rss resolves
 * them against `site` (commons.yml `url`) into full addresses.
 */
import { shownReasons } from './record-text.ts';
import rss from '@astrojs/rss';
import { t, type UiLanguage } from '../i18n/index.ts';
import { siteData, type DecisionView } from './commons-data.ts';
import type { Reversals } from './moderation.ts';
import { descriptionIn, nameIn } from '../commons/schema/commons-config.ts';
import { decisionPath, formatDate, href, postHref } from './format.ts';
import { escapeHtml } from './list-item.ts';
import { latestAddition } from './git-history.ts';

const FEED_SIZE = 50;

export async function postsFeed(lang: UiLanguage, site: URL | undefined): Promise<Response> {
  const { posts, governance, members } = await siteData();
  return rss({
    title: `${nameIn(governance.config, lang)} — ${t(lang).feedPosts}`,
    description: descriptionIn(governance.config, lang),
    site: site ?? governance.config.url,
    // RSS 2.0's <author> is an e-mail address, which members never give: the writer's name goes in
    // Dublin Core's <dc:creator>, which feed readers show as the author.
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/' },
    items: posts.filter((p) => p.published).slice(0, FEED_SIZE).map((post) => ({
      title: post.data.title,
      link: postHref(post),
      pubDate: new Date(post.published as string),
      description: post.data.summary,
      customData: `<dc:creator>${escapeHtml(members.get(post.data.author)?.name ?? post.data.author)}</dc:creator>`,
      categories: post.tags,
    })),
    customData: `<language>${lang}</language>`,
  });
}

export async function decisionsFeed(lang: UiLanguage, site: URL | undefined): Promise<Response> {
  const { decisions, governance, reversals } = await siteData();
  const s = t(lang);
  return rss({
    title: `${nameIn(governance.config, lang)} — ${s.feedDecisions}`,
    description: s.decisions.intro,
    site: site ?? governance.config.url,
    items: decisions.slice(0, FEED_SIZE).map((d) => decisionItem(d, lang, reversals, d.data.closed)),
    customData: `<language>${lang}</language>`,
  });
}

function decisionItem(d: DecisionView, lang: UiLanguage, reversals: Reversals, date: string) {
  const s = t(lang);
  return {
    // A moderation an appeal reversed says so, as its page does.
    title: `${d.data.title} (${s.kinds[d.data.kind] ?? d.data.kind}, ${s.outcomes[d.data.outcome] ?? d.data.outcome}${reversals.reversedBy.has(d.id) ? `, ${s.decisions.reversed}` : ''})`,
    link: href(lang, decisionPath(d.id)),
    pubDate: new Date(date),
    description: shownReasons(d.data, lang).map((r) => (r.quoted === undefined ? r.text : `${r.text} ${r.quoted}`)).join(' · '),
  };
}

/**
 * The decisions of the day (/<lang>/rss/decisions-today.xml): the records whose file reached main
 * (first-parent history) on the UTC day of main's latest commit, newest first. "Today" is that
 * day, not the build's clock: a build of the same commit gives the same feed (the site is
 * reproducible and incremental), and the first commit of a new day starts it again. One small file
 * per language, rendered again with every change, like every page keyed by the whole site.
 */
export async function decisionsTodayFeed(lang: UiLanguage, site: URL | undefined): Promise<Response> {
  const { decisions, governance, reversals, history } = await siteData();
  const s = t(lang);
  const day = history.headTime?.slice(0, 10);
  const published = (d: DecisionView) => latestAddition(history, d.file);
  const today = day === undefined ? [] : decisions.flatMap((d) => {
    const at = published(d);
    return at?.slice(0, 10) === day ? [{ d, at }] : [];
  });
  today.sort((a, b) => (a.at === b.at ? (a.d.id < b.d.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  const shownDay = day === undefined ? undefined : formatDate(day, lang);
  return rss({
    title: `${nameIn(governance.config, lang)} — ${shownDay === undefined ? s.actionFeeds.decisionsToday : s.actionFeeds.todayTitle(shownDay)}`,
    description: shownDay === undefined ? s.actionFeeds.todayNone : s.actionFeeds.todayDescription(shownDay),
    site: site ?? governance.config.url,
    items: today.map(({ d, at }) => decisionItem(d, lang, reversals, at)),
    customData: `<language>${lang}</language>`,
  });
}
