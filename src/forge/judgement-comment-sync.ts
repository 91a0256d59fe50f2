/**
 * Keep one judgement comment per pull request, updated in place. The comment
 * is found by its hidden marker among the bot's own comments only: a
 * contributor who pastes the marker into their own comment gets it ignored,
 * never edited.
 */
import { JUDGEMENT_MARKER } from '../commons/judgement-comment.ts';
import type { ApiComment } from './api-types.ts';
import type { GitHubClient } from './client.ts';

export type CommentAction = 'created' | 'updated' | 'unchanged';

/** The bot's judgement comment among a pull request's comments, if any. */
export function findJudgementComment(comments: readonly ApiComment[], botLogin: string): ApiComment | undefined {
  return comments.find((c) => c.user?.login === botLogin && (c.body ?? '').startsWith(JUDGEMENT_MARKER));
}

export async function upsertJudgementComment(client: GitHubClient, number: number, body: string): Promise<{ action: CommentAction; comment: ApiComment }> {
  const existing = findJudgementComment(await client.listIssueComments(number), client.config.botLogin);
  if (!existing) return { action: 'created', comment: await client.createIssueComment(number, body) };
  if (existing.body === body) return { action: 'unchanged', comment: existing };
  return { action: 'updated', comment: await client.updateIssueComment(existing.id, body) };
}
