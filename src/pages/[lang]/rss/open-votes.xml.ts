/** /<lang>/rss/open-votes.xml: every change members can act on now (src/site/open-votes-feed.ts). */
import type { APIRoute } from 'astro';
import { languagePaths, type UiLanguage } from '../../../i18n/index.ts';
import { openVotesFeed } from '../../../site/open-votes-feed.ts';

export const getStaticPaths = languagePaths;
export const GET: APIRoute = ({ params, site }) => openVotesFeed(params.lang as UiLanguage, site);
