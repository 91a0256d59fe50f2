/** /data/rules.json: every rule, its text, its history in git and the decisions that changed or cited it, and the rules deleted since (src/site/open-data.ts). */
import type { APIRoute } from 'astro';
import { jsonText, rulesDocument } from '../../site/open-data.ts';
import { dataLinks, json, siteData } from './_links.ts';

export const GET: APIRoute = async () => {
  const data = await siteData();
  return json(jsonText(rulesDocument(data.rules, data.decisions, dataLinks(data), data.history.changes)));
};
