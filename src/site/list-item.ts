/**
 * One post as an item of a list, as HTML. A post shows up in many lists (the feed, three
 * shuffles, the rounds, its author, each of its tags) in both UI languages: over 150,000 items
 * for 10,000 posts. Rendering each through Astro components cost more than the post pages
 * themselves; the item is the same string every time, so it is built once per post, language and
 * heading level and reused. Every value from the commons is escaped here (`escapeHtml`).
 */
import { t, type UiLanguage } from '../i18n/index.ts';
import type { PostView } from './commons-data.ts';
import { formatDate, href, postHref } from './format.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value as HTML: & < > " ' escaped, like Astro's own expressions. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const items = new Map<string, string>();

/**
 * The inside of a list item for `post` (title, author, day, language, tags, summary). With `entry`,
 * its parts carry microformats2 classes for an h-entry in an h-feed (docs/fediverse.md); a list
 * that is no feed (a post's replies) leaves them out, so its authors are no stray h-cards.
 */
export function postItemHtml(post: PostView, lang: UiLanguage, level: 2 | 3, entry = false): string {
  const key = `${lang}${level}${entry ? 'e' : ''}${post.id}`;
  let html = items.get(key);
  if (html !== undefined) return html;
  const s = t(lang);
  const e = escapeHtml;
  const heading = `h${level}`;
  const mf = (classes: string) => (entry ? ` class="${classes}"` : '');
  const published = post.published ? `<time${mf('dt-published')} datetime="${e(post.published)}">${e(formatDate(post.published, lang))}</time>` : e(s.notInGit);
  // Each tag with its comma in one `.tag` box, which moves to the next line whole (site.css).
  const tags = post.tags.length > 0 ? ` · ${post.tags.map((tag, i) => `<span class="tag"><a href="${e(href(lang, `tags/${tag}`))}">#${e(tag)}</a>${entry ? `<data class="p-category" value="${e(tag)}"></data>` : ''}${i < post.tags.length - 1 ? ',' : ''}</span>`).join(' ')}` : '';
  html =
    `<${heading} lang="${e(post.data.lang)}"><a href="${e(postHref(post))}"${mf('u-url p-name')}>${e(post.data.title)}</a></${heading}>` +
    `<p class="meta">${e(s.by)} <a href="${e(href(lang, `authors/${post.data.author}`))}"${mf('p-author h-card')}>${e(post.data.author)}</a> · ${published} · <span title="${e(s.language)}">${e(post.data.lang)}</span>${tags}</p>` +
    (post.data.summary ? `<p lang="${e(post.data.lang)}"${mf('p-summary')}>${e(post.data.summary)}</p>` : '');
  items.set(key, html);
  return html;
}

/** The items of a list, round markers included ("Next round" before the first post of each round after the first); each an h-entry with `entry`. */
export function postListHtml(posts: readonly { post: PostView; round?: number }[], lang: UiLanguage, level: 2 | 3, entry = false): string {
  const s = t(lang);
  let lastRound: number | undefined;
  let html = '';
  for (const { post, round } of posts) {
    // Rounds are not numbered: the last round's number would be the most any one author wrote.
    const marker = round !== undefined && round !== lastRound ? `<p class="round">${escapeHtml(round === 1 ? s.roundFirst : s.roundNext)}</p>` : '';
    lastRound = round;
    html += `<li${entry ? ' class="h-entry"' : ''}>${marker}${postItemHtml(post, lang, level, entry)}</li>`;
  }
  return html;
}
