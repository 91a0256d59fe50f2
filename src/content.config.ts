/**
 * Astro content collections, built on the SAME zod schemas as `noclout check` and the bot
 * (src/commons/schema/*.ts), read from the commons named by env NOCLOUT_COMMONS (default: the root commons)
 * with the one front matter reader and the sanitizing Markdown pipeline (src/site/commons-loader.ts).
 */
import { defineCollection } from 'astro:content';
import { decisionSchema } from './commons/schema/decision.ts';
import { postSchema } from './commons/schema/post.ts';
import { proposalSchema } from './commons/schema/proposal.ts';
import { ruleSchema } from './commons/schema/rule.ts';
import { commonsDir } from './site/commons-dir.ts';
import { commonsLoader } from './site/commons-loader.ts';

const commons = commonsDir();

export const collections = {
  posts: defineCollection({ loader: commonsLoader({ commons, folder: 'content/posts' }), schema: postSchema }),
  proposals: defineCollection({ loader: commonsLoader({ commons, folder: 'content/proposals' }), schema: proposalSchema }),
  rules: defineCollection({ loader: commonsLoader({ commons, folder: 'governance/rules', languageSections: true }), schema: ruleSchema }),
  decisions: defineCollection({ loader: commonsLoader({ commons, folder: 'governance/decisions' }), schema: decisionSchema }),
};
