/** /<lang>/rss/decisions.xml */
import type { APIRoute } from 'astro';
import { languagePaths, type UiLanguage } from '../../../i18n/index.ts';
import { decisionsFeed } from '../../../site/feeds.ts';

export const getStaticPaths = languagePaths;
export const GET: APIRoute = ({ params, site }) => decisionsFeed(params.lang as UiLanguage, site);
