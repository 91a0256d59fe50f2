/** /<lang>/rss/posts.xml */
import type { APIRoute } from 'astro';
import { languagePaths, type UiLanguage } from '../../../i18n/index.ts';
import { postsFeed } from '../../../site/feeds.ts';

export const getStaticPaths = languagePaths;
export const GET: APIRoute = ({ params, site }) => postsFeed(params.lang as UiLanguage, site);
