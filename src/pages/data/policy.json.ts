/** /data/policy.json: the numbers the bot enforces, the policy file's history and the decisions that changed it (src/site/open-data.ts). */
import type { APIRoute } from 'astro';
import { jsonText, policyDocument } from '../../site/open-data.ts';
import { dataLinks, json, siteData } from './_links.ts';

export const GET: APIRoute = async () => {
  const data = await siteData();
  const history = data.history.changes.get('governance/policy.md') ?? [];
  return json(jsonText(policyDocument(data.governance.policy, history, data.decisions, dataLinks(data))));
};
