/** /data/schema/v1/<kind>.json: the JSON Schema (draft 2020-12) of each kind of open-data file (src/site/open-data.ts). */
import type { APIRoute } from 'astro';
import { DATA_KINDS, jsonSchemaOf, jsonText, type DataKind } from '../../../../site/open-data.ts';
import { digestOf } from '../../../../site/page-keys.ts';
import { dataLinks, json, siteData } from '../../_links.ts';

export async function getStaticPaths() {
  const { governance } = await siteData();
  // A schema is the code's (a change of code is a full build) and names its own address: keyed by that alone.
  return DATA_KINDS.map((kind) => ({ params: { kind }, cacheKey: digestOf('schema', kind, governance.config.url) }));
}

export const GET: APIRoute = async ({ params }) => {
  const data = await siteData();
  return json(jsonText(jsonSchemaOf(params.kind as DataKind, dataLinks(data).absolute)));
};
