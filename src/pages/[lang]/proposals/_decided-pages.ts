/**
 * Where page n of the decided proposals lives: page 1 is the Proposals page itself (under vote,
 * then the newest 50 decided), later pages are /<lang>/proposals/decided/<n>/. A separate folder,
 * so a page number never meets a proposal's slug. (A leading underscore: Astro builds no route
 * from this file.)
 */
import type { UiLanguage } from '../../../i18n/index.ts';
import { href } from '../../../site/format.ts';

export function decidedPageHref(lang: UiLanguage, n: number): string {
  return href(lang, n === 1 ? 'proposals' : `proposals/decided/${n}`);
}
