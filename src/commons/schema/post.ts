/** Front matter of `content/posts/<yyyy>/<slug>.md`. */
import { z } from 'zod';
import { handle, isoDate, language, plainText, postId, tag, title, worded } from './common.ts';

export const postSchema = z.strictObject({
  title,
  author: handle,
  /** The date the author writes; shown as "written", never used for order or deadlines. */
  date: isoDate,
  lang: language,
  tags: z.array(tag).max(10, worded('too-many-tags')).optional(),
  /** The post this one answers, as "<year>/<slug>". */
  replyTo: postId.optional(),
  summary: plainText(300, 'a summary').optional(),
});

export type PostInput = z.input<typeof postSchema>;
export type PostFrontMatter = z.output<typeof postSchema>;
