/**
 * The parts of GitHub's REST answers the bot reads, parsed with zod so that an
 * answer of an unexpected shape is an error instead of `undefined` deep inside
 * a tally. Unknown fields are ignored: GitHub adds fields often.
 */
import { z } from 'zod';

const sha = z.string().regex(/^[0-9a-f]{40}$/);

export const apiUserSchema = z.object({
  login: z.string(),
  /** Numeric and permanent: logins can be renamed and later taken by someone else. */
  id: z.number().int(),
  type: z.string().optional(),
});

export const apiPullSchema = z.object({
  number: z.number().int().positive(),
  state: z.enum(['open', 'closed']),
  title: z.string(),
  /** Null when the account was deleted. */
  user: apiUserSchema.nullable(),
  head: z.object({ sha, ref: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
  base: z.object({ sha, ref: z.string() }),
  /** Set by GitHub when the pull request was opened; nobody can change it. */
  created_at: z.string(),
  html_url: z.string(),
  draft: z.boolean().optional(),
  merged_at: z.string().nullable().optional(),
});

export const apiReviewSchema = z.object({
  id: z.number().int(),
  user: apiUserSchema.nullable(),
  body: z.string().nullable().optional(),
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: z.string(),
  /** The head commit the review was given on (null for some very old reviews). */
  commit_id: z.string().nullable(),
  /** Absent while a review is PENDING (not submitted). */
  submitted_at: z.string().optional(),
  html_url: z.string().optional(),
});

export const apiCommentSchema = z.object({
  id: z.number().int(),
  body: z.string().nullable().optional(),
  user: apiUserSchema.nullable(),
  html_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

export type ApiUser = z.output<typeof apiUserSchema>;
export type ApiPull = z.output<typeof apiPullSchema>;
export type ApiReview = z.output<typeof apiReviewSchema>;
export type ApiComment = z.output<typeof apiCommentSchema>;
