/**
 * Which posts are hidden, and which moderation decisions were reversed, from decision records
 * alone (pure).
 *
 * A post is hidden by an accepted `moderation` decision naming it in `moderation.post`, unless a
 * later accepted moderation decision names that decision in `moderation.appeals`: an accepted
 * appeal reverses it (DESIGN.md, Kinds of change; docs/site.md, Moderation). `appealReversals`
 * is the one place that rule is written; hiding and every page that says "reversed" use it.
 */
import { hidesPost } from '../commons/decision-record.ts';
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

/** Accepted appeals and the moderation decisions they reversed, both ways. */
export interface Reversals {
  /** id of a reversed moderation decision → the accepted appeal that reversed it */
  reversedBy: ReadonlyMap<string, DecisionView>;
  /** id of an accepted appeal → the moderation decision it reversed */
  reverses: ReadonlyMap<string, DecisionView>;
}

/** A decision that hides a post while it stands: an accepted moderation that is not itself an appeal. */
function hides(decision: DecisionView): boolean {
  return hidesPost(decision.data);
}

/**
 * Which accepted appeals reversed which moderation decisions. An appeal reverses a decision that
 * hid a post and closed before it (an appeal cannot reach back past the decision it names); when
 * two accepted appeals name the same decision, the first one to close reversed it.
 *
 * @param decisions newest first, as the journal lists them
 */
export function appealReversals(decisions: readonly DecisionView[]): Reversals {
  const reversedBy = new Map<string, DecisionView>();
  const reverses = new Map<string, DecisionView>();
  // Oldest first: a decision is seen before any appeal that can reverse it.
  const standing = new Map<string, DecisionView>();
  for (const decision of [...decisions].reverse()) {
    const target = decision.data.moderation?.appeals;
    if (decision.data.kind === 'moderation' && decision.data.outcome === 'accepted' && target !== undefined) {
      const appealed = standing.get(target);
      if (appealed && !reversedBy.has(target)) {
        reversedBy.set(target, decision);
        reverses.set(decision.id, appealed);
      }
    }
    if (hides(decision)) standing.set(decision.id, decision);
  }
  return { reversedBy, reverses };
}

/**
 * The posts hidden by a standing moderation decision, each with the latest such decision (the one
 * its tombstone shows).
 *
 * @param decisions newest first, as the journal lists them
 * @param reversals `appealReversals(decisions)`, when the caller already has it
 */
export function hiddenPosts(
  decisions: readonly DecisionView[],
  posts: readonly { id: string; data: { title: string } }[],
  reversals: Reversals = appealReversals(decisions),
): Map<string, TombstoneView> {
  const titles = new Map(posts.map((p) => [p.id, p.data.title]));
  const hidden = new Map<string, TombstoneView>();
  for (const decision of [...decisions].reverse()) {
    const post = decision.data.moderation?.post;
    if (post === undefined || !hides(decision) || reversals.reversedBy.has(decision.id)) continue;
    hidden.set(post, { postId: post, title: titles.get(post), decision });
  }
  return hidden;
}
