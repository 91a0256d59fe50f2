/**
 * /data/decisions/<yyyy>/<nnnn-slug>.json: one decision record as open data, with its statement of
 * reasons when it restricted a post (src/site/open-data.ts). One file per record, each keyed by
 * what it reads (page-keys.ts): the record, the appeal that reversed it or the decision it
 * reversed, and for a statement of reasons what it reads besides the record (site-statement.ts).
 */
import type { APIRoute } from 'astro';
import type { DecisionView } from '../../../../site/commons-data.ts';
import { decisionDocument, jsonText } from '../../../../site/open-data.ts';
import { digestOf } from '../../../../site/page-keys.ts';
import type { StatementOfReasons } from '../../../../site/statement-of-reasons.ts';
import { statementInputs, statementOf } from '../../../../site/site-statement.ts';
import { dataLinks, json, siteData } from '../../_links.ts';

interface Props {
  decision: DecisionView;
  statement: StatementOfReasons | undefined;
}

export async function getStaticPaths() {
  const data = await siteData();
  const { config } = data.governance;
  return data.decisions.map((decision) => {
    const [year, id] = decision.id.split('/');
    const statement = statementOf(decision, data);
    const reversedBy = data.reversals.reversedBy.get(decision.id);
    const reverses = data.reversals.reverses.get(decision.id);
    const cacheKey = digestOf(
      decision.id, decision.file, decision.data, reversedBy && [reversedBy.id, reversedBy.data.closed], reverses?.id, config.url,
      statement && statementInputs(decision, statement, data),
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
