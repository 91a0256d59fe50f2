/**
 * Forge ballots: pull-request reviews read as votes (DESIGN.md, Forge
 * ballots). APPROVED is yes, CHANGES_REQUESTED is no. A review counts only
 * when its author's numeric GitHub id is a member's `github.id` in the frozen
 * roster (logins can be renamed and reused, ids cannot) and when it was given
 * on the change's current head commit (a new commit makes earlier reviews
 * stale). Every review that is a ballot is returned, with the reason it
 * cannot count when it cannot; which of a member's ballots is the latest and
 * whether it came after the close is the tally's business.
 *
 * Comments (COMMENTED) and unsubmitted (PENDING) reviews are not ballots.
 * A DISMISSED review has lost its vote on GitHub's side (the API no longer
 * says what it was), so it is listed as not counting, with that reason.
 */
import { createHash } from 'node:crypto';
import { recordText, text, type BotText } from '../commons/texts/index.ts';
import type { BallotEvidence } from '../bot/source.ts';
import type { Vote } from '../commons/schema/ballot.ts';
import type { Member } from '../commons/schema/members.ts';
import type { ApiComment, ApiReview } from '../forge/api-types.ts';

const VOTES: Record<string, Vote> = { APPROVED: 'yes', CHANGES_REQUESTED: 'no' };

export interface ReviewBallotContext {
  /** The change's current head commit. */
  head: string;
  /** The frozen roster the change is judged by. */
  roster: readonly Member[];
}

/** Reviews → ballot evidence, in the order they were submitted. */
export function ballotsFromReviews(reviews: readonly ApiReview[], context: ReviewBallotContext): BallotEvidence[] {
  const byId = new Map<number, Member>();
  for (const member of context.roster) if (member.github) byId.set(member.github.id, member);
  const ballots: BallotEvidence[] = [];
  const time = (r: ApiReview) => Date.parse(r.submitted_at ?? '') || 0;
  const ordered = [...reviews].sort((a, b) => time(a) - time(b) || a.id - b.id);
  for (const review of ordered) {
    const ballot = ballotFromReview(review, byId, context.head);
    if (ballot) ballots.push(ballot);
  }
  return ballots;
}

function ballotFromReview(review: ApiReview, byId: ReadonlyMap<number, Member>, head: string): BallotEvidence | undefined {
  if (review.submitted_at === undefined || review.state === 'PENDING' || review.state === 'COMMENTED') return undefined;
  const vote = VOTES[review.state];
  const member = review.user ? byId.get(review.user.id) : undefined;
  const voter = member ? member.handle : review.user ? `github:${review.user.login} (id ${review.user.id})` : 'github:deleted account';
  const { comment, rule } = readBody(review.body ?? '');
  const evidence: BallotEvidence = {
    voter,
    // A dismissed review's vote is gone; 'abstain' is never counted because it is marked invalid below.
    vote: vote ?? 'abstain',
    castAt: review.submitted_at,
    ...(review.commit_id ? { commit: review.commit_id } : {}),
    ...(comment ? { comment } : {}),
    ...(rule ? { rule } : {}),
  };
  const invalid = whyNot(review, member, head, vote);
  if (invalid) {
    evidence.invalid = recordText(invalid);
    evidence.invalidCode = invalid;
  }
  return evidence;
}

function whyNot(review: ApiReview, member: Member | undefined, head: string, vote: Vote | undefined): BotText | undefined {
  if (!review.user) return text('review-deleted-account', {});
  if (!member) return text('review-not-member', { login: review.user.login, id: review.user.id });
  if (vote === undefined) return review.state === 'DISMISSED' ? text('review-dismissed', {}) : text('review-state', { state: review.state });
  if (review.commit_id !== head) return text('review-stale', { given: review.commit_id ? review.commit_id.slice(0, 12) : '', head: head.slice(0, 12) });
  return undefined;
}

/**
 * A review's text is the voter's own words. A line `rule: <slug>` cites the
 * rule an objection rests on (a `no` on a post that cites a rule escalates it
 * to a moderation vote).
 */
export function readBody(body: string): { comment?: string; rule?: string } {
  const line = /^[ \t]*rule:[ \t]*([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*$/m;
  const match = line.exec(body);
  const comment = (match ? body.replace(line, '') : body).trim().slice(0, 2000);
  return { ...(comment ? { comment } : {}), ...(match ? { rule: match[1]! } : {}) };
}

/**
 * Sealed votes (policy `ballots: sealed`; docs/github.md, Voting sealed). A review is public the
 * moment it is submitted, so in a sealed vote an approval or a change request is never a ballot:
 * each is listed as not counting, saying how to seal. A member's ballot is instead a pull-request
 * comment, or a review's text, holding exactly one armored sealed block (what `noclout vote
 * --sealed` and the site's sealing form print): "-----BEGIN AGE ENCRYPTED FILE-----" … "-----END
 * AGE ENCRYPTED FILE-----". Nobody can read it before the beacon publishes the vote's round.
 *
 * Only members' words are read, matched by numeric id as reviews are; a block from anyone else is
 * listed as not counting. Comments and reviews without a block are discussion, not ballots.
 */
export const SEALED_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
export const SEALED_END = '-----END AGE ENCRYPTED FILE-----';

/** Largest comment read for a block: GitHub caps a comment at 65,536 characters. */
const MAX_BODY = 65_536;

/** One sealed block as found on the pull request, before it is kept, dated or opened. */
export interface ForgeSealedBallot {
  /** Where it was read: an issue comment or a review (its summary text), by GitHub's id. */
  source: 'comment' | 'review';
  id: number;
  /** A member handle, or a readable name for anyone else ("github:octocat (id 7)"). */
  voter: string;
  /** The author's numeric GitHub id; undefined for a deleted account. */
  authorId?: number;
  /**
   * GitHub's clock: a comment's `created_at` and `updated_at` (an edit moves only the second); a
   * review's `submitted_at` for both, since GitHub never says when a review's text was edited.
   */
  createdAt: string;
  updatedAt: string;
  /** The head commit a review was given on (reviews only). */
  commit?: string;
  /** The armored block, line endings and surrounding spaces normalized, ending in a newline. */
  armored: string;
  /** Why it cannot count, found while reading (not a member, deleted account, several blocks). */
  invalid?: BotText;
}

/** What a sealed vote's pull request holds: sealed blocks, and public reviews that are not ballots there. */
export interface ForgeSealedReading {
  sealed: ForgeSealedBallot[];
  /** Approvals and change requests: listed, never counted, with `review-not-sealed`. */
  plain: BallotEvidence[];
}

/**
 * The armored sealed blocks in a comment or review text, each normalized as `seal` writes it
 * (the lines between the markers, trimmed, CRLF made LF, a final newline): a member may paste
 * it inside a Markdown code fence, indented, or from a browser that sends CRLF.
 */
export function sealedBlocks(body: string): string[] {
  const lines = body.slice(0, MAX_BODY).split(/\r?\n/).map((line) => line.trim());
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === SEALED_BEGIN) current = [line];
    else if (current && line === SEALED_END) {
      blocks.push(`${[...current, line].join('\n')}\n`);
      current = undefined;
    } else if (current) current.push(line);
  }
  return blocks;
}

/**
 * Read a sealed vote's pull request: every member's (and anyone's) sealed block in a comment or a
 * review's text, in GitHub's order, and every approval or change request as a ballot that does
 * not count. Comments of `botLogin` (the judgement comment) are never ballots.
 */
export function sealedFromForge(reviews: readonly ApiReview[], comments: readonly ApiComment[], context: { roster: readonly Member[]; botLogin?: string }): ForgeSealedReading {
  const byId = new Map<number, Member>();
  for (const member of context.roster) if (member.github) byId.set(member.github.id, member);
  const sealed: ForgeSealedBallot[] = [];
  const plain: BallotEvidence[] = [];
  for (const review of reviews) {
    if (review.submitted_at === undefined || review.state === 'PENDING') continue;
    const found = sealedOf(review.body ?? '', review.user, byId, { source: 'review', id: review.id, createdAt: review.submitted_at, updatedAt: review.submitted_at, ...(review.commit_id ? { commit: review.commit_id } : {}) });
    if (found) sealed.push(found);
    else if (VOTES[review.state]) plain.push(plainReview(review, byId));
  }
  for (const comment of comments) {
    if (context.botLogin !== undefined && comment.user?.login === context.botLogin) continue;
    const found = sealedOf(comment.body ?? '', comment.user, byId, { source: 'comment', id: comment.id, createdAt: comment.created_at, updatedAt: comment.updated_at });
    if (found) sealed.push(found);
  }
  return { sealed, plain };
}

type Where = Pick<ForgeSealedBallot, 'source' | 'id' | 'createdAt' | 'updatedAt' | 'commit'>;

function sealedOf(body: string, user: ApiReview['user'], byId: ReadonlyMap<number, Member>, where: Where): ForgeSealedBallot | undefined {
  const blocks = sealedBlocks(body);
  if (blocks.length === 0) return undefined;
  const member = user ? byId.get(user.id) : undefined;
  const found: ForgeSealedBallot = { ...where, voter: voterName(user, member), armored: blocks[0]!, ...(user ? { authorId: user.id } : {}) };
  const invalid = !user
    ? text('review-deleted-account', {})
    : !member
      ? text('review-not-member', { login: user.login, id: user.id })
      : blocks.length > 1
        ? text('sealed-several-blocks', { blocks: blocks.length })
        : undefined;
  if (invalid) found.invalid = invalid;
  return found;
}

/** A public approval or change request in a sealed vote: listed, never counted, saying how to seal. */
function plainReview(review: ApiReview, byId: ReadonlyMap<number, Member>): BallotEvidence {
  const member = review.user ? byId.get(review.user.id) : undefined;
  const invalidCode = !review.user ? text('review-deleted-account', {}) : !member ? text('review-not-member', { login: review.user.login, id: review.user.id }) : text('review-not-sealed', {});
  // Neither its choice nor its words are repeated (GitHub shows them; the bot does not tally them): only that it was not a ballot.
  return { voter: voterName(review.user, member), vote: 'public', castAt: review.submitted_at!, ...(review.commit_id ? { commit: review.commit_id } : {}), invalid: recordText(invalidCode), invalidCode };
}

function voterName(user: ApiReview['user'], member: Member | undefined): string {
  return member ? member.handle : user ? `github:${user.login} (id ${user.id})` : 'github:deleted account';
}

/**
 * The ledger's key for one version of a sealed text (src/repo/ledger.ts keeps each key's bytes
 * the first time the bot sees it): where it was read, GitHub's id, for a review the commit it was
 * given on, and a digest of the text, so an edited comment is a new version and the old one stays.
 */
export function forgeSealedKey(b: Pick<ForgeSealedBallot, 'source' | 'id' | 'commit' | 'armored'>): string {
  const digest = textDigest(b.armored);
  return b.source === 'comment' ? `gh-comment-${b.id}-${digest}` : `gh-review-${b.id}-${(b.commit ?? '').slice(0, 12) || 'none'}-${digest}`;
}

function textDigest(armored: string): string {
  return createHash('sha256').update(armored).digest('hex').slice(0, 16);
}

/** One sealed version the ledger kept: its key, voter, cast time and text (read back from its blob). */
export interface KeptForgeBallot {
  key: string;
  voter: string;
  cast: string;
  text: string;
}

/** A sealed ballot ready to be kept, opened and counted. */
export interface SealedForgeEvidence {
  voter: string;
  /** When it was cast, from a clock the voter cannot set (see sealedEvidence). */
  castAt: string;
  /** The ledger's key for this version (forgeSealedKey). */
  key: string;
  armored: string;
  /** The review's commit, for a review. */
  commit?: string;
  invalid?: BotText;
}

export interface SealedEvidenceContext {
  /** The bot's clock: a review's text first seen now is cast now. */
  now: string;
  /** The change's current head commit. */
  head: string;
  /** When the bot first saw each commit of the change (the ledger's `seen`). */
  firstSeen: Readonly<Record<string, string>>;
}

const KEY = /^gh-(comment|review)-(\d+)-(?:([0-9a-f]{12}|none)-)?([0-9a-f]{16})$/;

/**
 * Every sealed ballot version the count considers: each one the ledger kept (even if GitHub shows
 * it no more: a comment deleted or edited once ballots can be read changes nothing the bot had
 * seen), those read now and not yet kept, and the blocks that cannot count, listed. Dated by a
 * clock the voter cannot set: a comment version by GitHub's `updated_at` (one created or edited
 * after the close is after the close); a review's text by the bot's first sight of it, because
 * GitHub never says when a review was edited, and a review edited once ballots can be read must
 * not pass for one given before the close. A kept version keeps the time it was kept with. A
 * comment cast before the bot first saw a later head is stale, as is a review of another head.
 */
export function sealedEvidence(read: readonly ForgeSealedBallot[], kept: readonly KeptForgeBallot[], context: SealedEvidenceContext): SealedForgeEvidence[] {
  const out = new Map<string, SealedForgeEvidence>();
  for (const k of kept) {
    const match = KEY.exec(k.key);
    if (!match) continue;
    const evidence = withStaleness({ voter: k.voter, castAt: k.cast, key: k.key, armored: k.text }, match[1] as 'comment' | 'review', match[3], context);
    // The key names the digest of the text kept: bytes swapped under it (by whoever can push the ledger) are not the ballot seen.
    if (textDigest(k.text) !== match[4]) evidence.invalid = text('ballot-sealed-not-as-kept', {});
    out.set(k.key, evidence);
  }
  const listed: SealedForgeEvidence[] = [];
  for (const b of read) {
    const key = forgeSealedKey(b);
    if (b.invalid) {
      listed.push({ voter: b.voter, castAt: b.source === 'comment' ? b.updatedAt : context.now, key, armored: b.armored, invalid: b.invalid });
      continue;
    }
    const known = out.get(key);
    // Still on GitHub as the key names it: the text the bot saw, whatever bytes the ledger was given since (cast when first kept).
    if (known?.invalid?.code === 'ballot-sealed-not-as-kept') out.set(key, withStaleness({ voter: known.voter, castAt: known.castAt, key, armored: b.armored, ...(b.commit ? { commit: b.commit } : {}) }, b.source, b.commit?.slice(0, 12), context));
    if (known) continue;
    const castAt = b.source === 'comment' ? b.updatedAt : context.now;
    out.set(key, withStaleness({ voter: b.voter, castAt, key, armored: b.armored, ...(b.commit ? { commit: b.commit } : {}) }, b.source, b.commit?.slice(0, 12), context));
  }
  return [...out.values(), ...listed].sort((a, b) => Date.parse(a.castAt) - Date.parse(b.castAt) || (a.key < b.key ? -1 : 1));
}

function withStaleness(e: SealedForgeEvidence, source: 'comment' | 'review', reviewed: string | undefined, context: SealedEvidenceContext): SealedForgeEvidence {
  const head = context.head.slice(0, 12);
  if (source === 'review') {
    if (reviewed !== head) e.invalid = text('review-stale', { given: reviewed && reviewed !== 'none' ? reviewed : '', head });
    return e;
  }
  // The opening's commits were all first seen at the opening; a head first seen later changed the text then.
  const opened = Math.min(...Object.values(context.firstSeen).map((at) => Date.parse(at)));
  const headSeen = Date.parse(context.firstSeen[context.head] ?? '');
  if (headSeen > opened && Date.parse(e.castAt) < headSeen) e.invalid = text('ballot-stale', { commit: head });
  return e;
}
