/** /data/index.json: the commons, where every open-data file is, and every decision (src/site/open-data.ts). */
import type { APIRoute } from 'astro';
import { indexDocument, jsonText } from '../../site/open-data.ts';
import { restrictionCase } from '../../site/statement-of-reasons.ts';
import { dataLinks, json, siteData } from './_links.ts';

export const GET: APIRoute = async () => {
  const data = await siteData();
  const decisions = data.decisions.map((d) => ({ id: d.id, data: d.data, restricts: restrictionCase(d.data) !== undefined }));
  return json(jsonText(indexDocument(data.governance.config, decisions, dataLinks(data))));
};
