/**
 * Which posts are hidden, from decision records alone (pure).
 *
 * A post is hidden by an accepted `moderation` decision naming it in `moderation.post`, unless a
 * later accepted moderation decision names that decision in `moderation.appeals`: an accepted
 * appeal reverses it. The latest standing decision on a post is the one its tombstone shows.
 */
import type { DecisionRecord } from '../commons/schema/decision.ts';

export interface DecisionView {
  /** "<year>/<nnnn>-<slug>" */
  id: string;
  data: DecisionRecord;
  html: string;
  file: string;
}

export interface TombstoneView {
  postId: string;
  /** The post's title, when its file is still in the commons. */
  title: string | undefined;
  decision: DecisionView;
}

/** @param decisions newest first, as the journal lists them */
export function hiddenPosts(decisions: readonly DecisionView[], posts: readonly { id: string; data: { title: string } }[]): Map<string, TombstoneView> {
  const reversed = new Set(
    decisions.filter((d) => d.data.outcome === 'accepted' && d.data.moderation?.appeals).map((d) => d.data.moderation?.appeals as string),
  );
  const titles = new Map(posts.map((p) => [p.id, p.data.title]));
  const hidden = new Map<string, TombstoneView>();
  for (const decision of [...decisions].reverse()) {
    const moderation = decision.data.moderation;
    if (decision.data.kind !== 'moderation' || decision.data.outcome !== 'accepted' || !moderation || moderation.appeals) continue;
    if (reversed.has(decision.id)) continue;
    hidden.set(moderation.post, { postId: moderation.post, title: titles.get(moderation.post), decision });
  }
  return hidden;
}
