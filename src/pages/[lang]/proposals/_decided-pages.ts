/**
 * Where numbered page n of the decided proposals lives: /<lang>/proposals/decided/<n>/, page 1
 * holding the oldest 50 (the newest are on the Proposals page itself). A separate folder, so a
 * page number never meets a proposal's slug. (A leading underscore: Astro builds no route from
 * this file.)
 */
import type { UiLanguage } from '../../../i18n/index.ts';
import { href } from '../../../site/format.ts';

export function decidedPageHref(lang: UiLanguage, n: number): string {
  return href(lang, `proposals/decided/${n}`);
}
