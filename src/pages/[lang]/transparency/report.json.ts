/**
 * /<lang>/transparency/report.json: the report's numbers, for programs (docs/site.md, Transparency
 * report). For each period, each measure's count, the decisions and posts it counts (ids, as in
 * the records and the posts' paths), and for a time to decision its median; `page` is where a
 * reader sees the same lists. The same numbers in both languages; only the links differ.
 */
import type { APIRoute } from 'astro';
import { languagePaths, type UiLanguage } from '../../../i18n/index.ts';
import { siteData } from '../../../site/commons-data.ts';
import { digestOf } from '../../../site/page-keys.ts';
import { href } from '../../../site/format.ts';
import { anchorOf } from '../../../site/transparency.ts';
import { listHref, report } from './_report.ts';

/** The format's version: raised when a field changes meaning or goes away (new fields do not raise it). */
const VERSION = 1;

export async function getStaticPaths() {
  const [{ periods }, { keys }] = await Promise.all([report(), siteData()]);
  return languagePaths().map((path) => ({ ...path, cacheKey: digestOf(keys.layout, periods) }));
}

export const GET: APIRoute = async ({ params }) => {
  const lang = params.lang as UiLanguage;
  const { periods } = await report();
  const body = {
    version: VERSION,
    report: href(lang, 'transparency'),
    method: `${href(lang, 'transparency')}#method`,
    periods: periods.map((p) => ({
      period: p.key,
      ...(p.start ? { start: p.start, end: p.end } : {}),
      page: listHref(lang, p.key),
      measures: Object.fromEntries(
        p.measures.map((m) => [
          m.id,
          {
            count: m.entries.length,
            ...(m.medianMs !== undefined ? { medianMs: m.medianMs } : {}),
            list: `${listHref(lang, p.key)}#${anchorOf(m.id)}`,
            decisions: m.entries.flatMap((e) => (e.decision === undefined ? [] : [e.decision])),
            ...(m.id === 'published' || m.id === 'restored' ? { posts: m.entries.flatMap((e) => (e.post === undefined ? [] : [e.post])) } : {}),
          },
        ]),
      ),
    })),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
