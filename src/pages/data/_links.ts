/**
 * What the open-data endpoints share (src/site/open-data.ts): absolute URLs from commons.yml `url`
 * (under the site's base path), and each record's statement of reasons with the same context the
 * pages give it, so the JSON and the pages say the same.
 */
import type { UiLanguage } from '../../i18n/index.ts';
import { siteData, type DecisionView, type SiteData } from '../../site/commons-data.ts';
import { commitHref, decisionPath, href, siteHref } from '../../site/format.ts';
import type { DataLinks } from '../../site/open-data.ts';
import { statementOfReasons, type StatementOfReasons } from '../../site/statement-of-reasons.ts';

export function dataLinks(data: SiteData): DataLinks {
  const config = data.governance.config;
  const absolute = (sitePath: string) => new URL(sitePath.startsWith('/') ? sitePath : siteHref(sitePath), config.url).href;
  return {
    absolute,
    page: (lang, path) => absolute(href(lang, path)),
    statement: (lang: UiLanguage) => ({
      post: (id) => absolute(data.postAddress(id, lang)),
      decision: (id) => absolute(href(lang, decisionPath(id))),
      proposal: (change) => (data.proposals.some((p) => p.id === change) ? absolute(href(lang, `proposals/${change}`)) : undefined),
      rule: (slug) => {
        const title = data.ruleTitle(slug, lang);
        return title && { href: absolute(href(lang, `rules/${slug}`)), text: title.text, lang: title.lang };
      },
      commit: (commit) => commitHref(config.repository, commit),
      contribute: () => absolute(href(lang, 'contribute')),
    }),
  };
}

/** A record's statement of reasons, as its pages compute it (StatementOfReasons.astro). */
export function statementOf(decision: DecisionView, data: SiteData): StatementOfReasons | undefined {
  return statementOfReasons(decision, {
    policy: data.governance.policy,
    config: data.governance.config,
    reversedBy: data.reversals.reversedBy.get(decision.id),
  });
}

/** A JSON response. */
export function json(text: string): Response {
  return new Response(text, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export { siteData };
