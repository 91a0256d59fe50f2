/**
 * /data/members.json: the roster, as members.yml writes it (src/site/open-data.ts). Nothing in it is
 * secret: the file is public in the repository, and the SSH keys are public keys, the ones anyone
 * needs to check a ballot's signature.
 */
import type { APIRoute } from 'astro';
import { jsonText, membersDocument } from '../../site/open-data.ts';
import { dataLinks, json, siteData } from './_links.ts';

export const GET: APIRoute = async () => {
  const data = await siteData();
  const history = data.history.changes.get('governance/members.yml') ?? [];
  return json(jsonText(membersDocument(data.governance.members, history, data.decisions, dataLinks(data))));
};
