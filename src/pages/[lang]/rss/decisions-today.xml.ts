/** /<lang>/rss/decisions-today.xml: the decisions recorded on the day of main's latest commit (src/site/feeds.ts). */
import type { APIRoute } from 'astro';
import { languagePaths, type UiLanguage } from '../../../i18n/index.ts';
import { decisionsTodayFeed } from '../../../site/feeds.ts';

export const getStaticPaths = languagePaths;
export const GET: APIRoute = ({ params, site }) => decisionsTodayFeed(params.lang as UiLanguage, site);
