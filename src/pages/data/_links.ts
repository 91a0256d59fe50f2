/**
 * What the open-data endpoints share (src/site/open-data.ts): absolute URLs from commons.yml `url`
 * (under the site's base path), and each record's statement of reasons with the same context the
 * pages give it, so the JSON and the pages say the same.
 */
import type { UiLanguage } from '../../i18n/index.ts';
import { siteData, type SiteData } from '../../site/commons-data.ts';
import { href, siteHref } from '../../site/format.ts';
import type { DataLinks } from '../../site/open-data.ts';
import { statementLinks } from '../../site/site-statement.ts';

export function dataLinks(data: SiteData): DataLinks {
  const config = data.governance.config;
  const absolute = (sitePath: string) => new URL(sitePath.startsWith('/') ? sitePath : siteHref(sitePath), config.url).href;
  return {
    absolute,
    page: (lang, path) => absolute(href(lang, path)),
    statement: (lang: UiLanguage) => statementLinks(data, lang, absolute),
  };
}

/** A JSON response. */
export function json(text: string): Response {
  return new Response(text, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export { siteData };
