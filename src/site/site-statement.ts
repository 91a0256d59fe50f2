/**
 * A record's statement of reasons (statement-of-reasons.ts) with what the site gives it: the
 * context it is computed in, the links it shows, and what it reads besides its record. One place,
 * so that a decision's page, a tombstone and the record's open data say the same, and so that the
 * pages keyed by it (a tombstone, the record's JSON) are rendered again when any of it changes.
 */
import { uiLanguages, type UiLanguage } from '../i18n/index.ts';
import type { DecisionView, SiteData } from './commons-data.ts';
import { commitHref, decisionPath, href } from './format.ts';
import { statementOfReasons, type StatementLinks, type StatementOfReasons } from './statement-of-reasons.ts';

/** The statement of `decision`, with the current policy and the appeal that may have reversed it. */
export function statementOf(decision: DecisionView, data: SiteData): StatementOfReasons | undefined {
  return statementOfReasons(decision, {
    policy: data.governance.policy,
    config: data.governance.config,
    reversedBy: data.reversals.reversedBy.get(decision.id),
  });
}

/** Where the statement's links go in `lang`; `at` makes a site path absolute (the open data) or leaves it (a page). */
export function statementLinks(data: SiteData, lang: UiLanguage, at: (sitePath: string) => string = (sitePath) => sitePath): StatementLinks {
  const config = data.governance.config;
  return {
    post: (id) => at(data.postAddress(id, lang)),
    decision: (id) => at(href(lang, decisionPath(id))),
    proposal: (change) => (data.proposals.some((p) => p.id === change) ? at(href(lang, `proposals/${change}`)) : undefined),
    rule: (slug) => {
      const title = data.ruleTitle(slug, lang);
      return title && { href: at(href(lang, `rules/${slug}`)), text: title.text, lang: title.lang };
    },
    commit: (commit) => commitHref(config.repository, commit),
    contribute: () => at(href(lang, 'contribute')),
  };
}

/**
 * What `statement` reads besides its record, as plain data for a page key (page-keys.ts): the
 * commons' repository, branch and language (its links), the policy's days for an appeal's vote,
 * the appeal that reversed it, and the cited rules' titles in every UI language.
 */
export function statementInputs(decision: DecisionView, statement: StatementOfReasons, data: SiteData): unknown {
  const { config, policy } = data.governance;
  const reversedBy = data.reversals.reversedBy.get(decision.id);
  return [
    config.repository, config.branch, config.defaultLanguage, policy.voting.moderation.days, reversedBy && [reversedBy.id, reversedBy.data.closed],
    statement.contractualGround.rules.map(({ rule }) => uiLanguages.map((lang) => data.ruleTitle(rule, lang))),
  ];
}
