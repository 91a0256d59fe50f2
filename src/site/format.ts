/** Dates and paths as pages print them. */
import type { UiLanguage } from '../i18n/index.ts';

// Building an Intl.DateTimeFormat costs far more than using one: tens of thousands of pages share these.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const formatter = (cache: Map<string, Intl.DateTimeFormat>, lang: string, options: Intl.DateTimeFormatOptions) => {
  let format = cache.get(lang);
  if (!format) cache.set(lang, (format = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })));
  return format;
};

const days = new Map<string, string>();

/** A day in the reader's UI language, in UTC so every build prints the same text. */
export function formatDate(iso: string, lang: UiLanguage): string {
  const key = lang + iso;
  let text = days.get(key);
  if (text === undefined) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
    days.set(key, (text = frenchFirst(formatter(dayFormats, lang, { dateStyle: 'long' }), date, lang)));
  }
  return text;
}

/** A time with hour and minute (UTC), for decisions and deadlines. */
export function formatTime(iso: string, lang: UiLanguage): string {
  return `${frenchFirst(formatter(timeFormats, lang, { dateStyle: 'long', timeStyle: 'short' }), new Date(iso), lang)}${lang === 'fr' ? '\u202f' : ' '}UTC`;
}

/** French writes the first day of a month as an ordinal, « 1er octobre », as the bot's texts do (displayFormat). */
function frenchFirst(format: Intl.DateTimeFormat, date: Date, lang: UiLanguage): string {
  if (lang !== 'fr' || date.getUTCDate() !== 1) return format.format(date);
  return format.formatToParts(date).map((p) => (p.type === 'day' ? '1er' : p.value)).join('');
}

/** Set by astro.config.mjs (`vite.define`) to the site's base; absent outside Astro's build. */
declare const __NOCLOUT_BASE__: string | undefined;

/**
 * The path the site is served under, with a trailing slash: `/` for a site at the root of its
 * host, `/commons/` for a GitHub Pages project site. astro.config.mjs derives it from the pathname
 * of commons.yml's `url`, gives it to Astro as `base` and to this module as `__NOCLOUT_BASE__`.
 *
 * Not `import.meta.env.BASE_URL`: in server code Astro 7 lets a `BASE_URL` variable of the build's
 * environment replace it (its env plugin treats every variable as a private env value), and vitest
 * sets `BASE_URL=/` for the builds the tests start: those pages lost their base. Outside the build
 * (vitest, plain Node) the base is the root.
 */
export const siteBase: string = baseWithSlash(typeof __NOCLOUT_BASE__ === 'string' ? __NOCLOUT_BASE__ : '/');

function baseWithSlash(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Astro's `base` for a site whose public address is `url` (commons.yml `url`): its pathname
 * without the trailing slash, or undefined at the root of a host.
 *
 * @example basePathOf('https://org.github.io/commons/') → '/commons'; basePathOf('https://example.org/') → undefined
 */
export function basePathOf(url: string): string | undefined {
  const trimmed = new URL(url).pathname.replace(/\/+$/, '');
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Site-absolute URL of anything the site built (a file or a folder), under the site's base: every
 * internal link goes through here, so a site served under a path has no link that leaves it.
 * `base` is for tests.
 *
 * @example siteHref('favicon.svg') → '/favicon.svg', or '/commons/favicon.svg' under /commons/
 */
export function siteHref(path: string, base: string = siteBase): string {
  return `${baseWithSlash(base)}${path.replace(/^\/+/, '')}`;
}

/** Site-absolute URL of a page in a UI language: href('fr', 'posts/2026/x') → /fr/posts/2026/x/ (under the base). */
export function href(lang: UiLanguage, path = '', base: string = siteBase): string {
  const clean = path.replace(/^\/+|\/+$/g, '');
  return siteHref(clean === '' ? `${lang}/` : `${lang}/${clean}/`, base);
}

/** A feed of a UI language: feedHref('fr', 'posts') → /fr/rss/posts.xml (under the base). */
export function feedHref(lang: UiLanguage, feed: 'posts' | 'decisions' | 'open-votes' | 'decisions-today'): string {
  return siteHref(`${lang}/rss/${feed}.xml`);
}

export function postPath(id: string): string {
  return `posts/${id}`;
}

/**
 * The one address of a post: its page is built in one UI language only, the post's own (see
 * `uiLanguageFor`), so every list links there whatever its interface language. A post with a
 * page in each UI language would double the site's pages for the same text (and split its links).
 */
export function postHref(post: { id: string; page: UiLanguage }): string {
  return href(post.page, postPath(post.id));
}

export function decisionPath(id: string): string {
  return `decisions/${id}`;
}

export function shortCommit(commit: string): string {
  return commit.slice(0, 10);
}

/**
 * Where a reader sees what a commit changed: `<repository>/commit/<sha>` when commons.yml
 * `repository` is a GitHub repository (`https://github.com/<owner>/<name>`, with or without
 * `.git`), else undefined: the hash is then shown without a link, since other forges spell the
 * address differently and a guessed link would lead nowhere.
 *
 * @example commitHref('https://github.com/org/commons', 'ab12…') → 'https://github.com/org/commons/commit/ab12…'
 */
export function commitHref(repository: string, commit: string): string | undefined {
  const repo = /^https:\/\/github\.com\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+?(?:\.git)?\/?$/.exec(repository);
  if (!repo || !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commit)) return undefined;
  return `${repository.replace(/\/+$/, '').replace(/\.git$/, '')}/commit/${commit}`;
}
