/**
 * /data/decisions/<yyyy>/<nnnn-slug>.json: one decision record as open data, with its statement of
 * reasons when it restricted a post (src/site/open-data.ts). One file per record, each keyed by
 * what it reads (page-keys.ts): the record, the appeal that reversed it or the decision it
 * reversed, and for a statement of reasons the rules' titles, the policy's appeal days, the
 * commons' addresses and the day its appeal link is dated with.
 */
import type { APIRoute } from 'astro';
import { uiLanguages } from '../../../../i18n/index.ts';
import type { DecisionView } from '../../../../site/commons-data.ts';
import { decisionDocument, jsonText } from '../../../../site/open-data.ts';
import { digestOf } from '../../../../site/page-keys.ts';
import type { StatementOfReasons } from '../../../../site/statement-of-reasons.ts';
import { dataLinks, json, siteData, statementOf } from '../../_links.ts';

interface Props {
  decision: DecisionView;
  statement: StatementOfReasons | undefined;
}

export async function getStaticPaths() {
  const data = await siteData();
  const { config, policy } = data.governance;
  return data.decisions.map((decision) => {
    const [year, id] = decision.id.split('/');
    const statement = statementOf(decision, data);
    const reversedBy = data.reversals.reversedBy.get(decision.id);
    const reverses = data.reversals.reverses.get(decision.id);
    const cacheKey = digestOf(
      decision.id, decision.file, decision.data, reversedBy && [reversedBy.id, reversedBy.data.closed], reverses?.id, config.url,
      statement && [
        config.repository, config.branch, config.defaultLanguage, policy.voting.moderation.days,
        statement.contractualGround.rules.map(({ rule }) => uiLanguages.map((lang) => data.ruleTitle(rule, lang))),
      ],
    );
    return { params: { year, id }, props: { decision, statement } satisfies Props, cacheKey };
  });
}

export const GET: APIRoute = async ({ props }) => {
  const { decision, statement } = props as Props;
  const data = await siteData();
  const related = { reversedBy: data.reversals.reversedBy.get(decision.id)?.id, reverses: data.reversals.reverses.get(decision.id)?.id, statement };
  return json(jsonText(decisionDocument(decision, related, dataLinks(data))));
};
