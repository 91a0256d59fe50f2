/**
 * Dated links (issue 14): a post page's "Write a reply" and "Propose a correction" links open a
 * template whose date is a placeholder, so that the page does not change with the day and an
 * incremental build does not render every post page again each morning. When the reader follows
 * such a link (`a[data-dated]`), this fills in the reader's own date and puts the file in that
 * year's folder. Without JavaScript the link opens with the placeholder, which `check` names.
 */
import { DATE_PLACEHOLDER } from '../../commons/template.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The reader's date, as a post's `date` is written. */
function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `href` with the template's placeholder date replaced by `day`, and the folder's year by its year. */
export function datedHref(href: string, day: string): string {
  const url = new URL(href);
  const value = url.searchParams.get('value');
  const line = `\ndate: ${DATE_PLACEHOLDER}\n`;
  if (value === null || !value.includes(line)) return href;
  url.searchParams.set('value', value.replace(line, `\ndate: ${day}\n`));
  url.pathname = url.pathname.replace(/\/content\/posts\/\d{4}$/, `/content/posts/${day.slice(0, 4)}`);
  // As the site writes its links (contribute-links.ts): spaces as %20.
  return `${url.origin}${url.pathname}?${url.searchParams.toString().replace(/\+/g, '%20')}${url.hash}`;
}

function fill(event: Event): void {
  const link = event.target instanceof Element ? event.target.closest('a[data-dated]') : null;
  if (link instanceof HTMLAnchorElement) link.href = datedHref(link.href, today());
}

// Before the browser follows the link: a click, a middle click, or the context menu (open in a new tab, copy).
if (typeof document !== 'undefined') for (const type of ['click', 'auxclick', 'contextmenu']) document.addEventListener(type, fill, true);
