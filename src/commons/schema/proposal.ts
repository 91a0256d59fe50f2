/**
 * Front matter of `content/proposals/<slug>.md`. A proposal that changes rules
 * names them in `rules`; a moderation proposal names the post it hides in
 * `moderates`, the rule it cites in `rule`, and explains why in its body; an
 * appeal names the decision it contests in `appeals`.
 */
import { z } from 'zod';
import { handle, isoDate, language, plainText, postId, slug, title, worded } from './common.ts';

export const proposalSchema = z.strictObject({
  title,
  author: handle,
  date: isoDate,
  lang: language.optional(),
  summary: plainText(300, 'a summary').optional(),
  rules: z.array(slug).max(20).optional(),
  moderates: postId.optional(),
  rule: slug.optional(),
  appeals: z.string().regex(/^\d{4}\/\d{4}-[a-z0-9-]+$/, worded('appeal-id')).optional(),
});

export type ProposalFrontMatter = z.output<typeof proposalSchema>;
