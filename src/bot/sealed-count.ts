/**
 * Counting a sealed vote (docs/voting.md, Sealed ballots). While it is open, the bot keeps each
 * sealed ballot's bytes in the ledger the first time it sees it; at the close it takes the beacon's
 * signature of the vote's round, verified against the frozen policy's beacon, and opens every
 * ballot the ledger kept or the change still carries. What is done to a branch or a comment after
 * the round opens changes nothing: the count reads what the ledger kept.
 */
import { readBallotText, readSealedPlaintext } from '../ballots/ballot-file.ts';
import { fetchRound, open, type Beacon, type OpenFailure, type RoundFetch } from '../ballots/sealed.ts';
import { castAfter, MAX_SEALED_VERSIONS, type KeptSealed, type Opening } from '../commons/opening.ts';
import { isSealedBallot } from '../commons/schema/ballot.ts';
import { sealedTextStatus, type SealedVote } from '../commons/sealed-vote.ts';
import type { CastBallot } from '../commons/tally.ts';
import { recordText, text, type BotText } from '../commons/texts/index.ts';
import { hasCommit, isAncestor, readCommitInfo } from '../repo/history.ts';
import { ballotEvidence, changeCommits } from '../ballots/commit-ballots.ts';
import type { Member } from '../commons/schema/members.ts';
import { readSealedBlob, writeSealedBlob } from '../repo/ledger.ts';
import type { Repository } from '../repo/repository.ts';

/** The round's signature as the count uses it: fetched from the beacon, or a record's (audit). */
export interface RoundSignature {
  round: number;
  signature: string;
}

/** Asks the beacon for a round: `fetchRound` over the network unless a test or audit gives another. */
export type RoundSource = (beacon: Beacon, round: number) => Promise<RoundFetch>;

export const networkRounds: RoundSource = (beacon, round) => fetchRound(beacon, round);

const invalid = (b: CastBallot, code: BotText): CastBallot => ({ ...b, invalid: recordText(code), invalidCode: code });

/**
 * What the ledger must keep of this look's sealed ballots: each voter's latest valid one cast
 * before the close, by key, with its bytes (the ballot file's blob, or the text stored as a blob
 * for a forge's comment); earlier ones would be replaced at once (src/commons/opening.ts
 * keepLatest), so a thousand comments posted between two runs write one blob, not a thousand. A
 * ballot already kept keeps its first sight.
 */
export async function sealedToKeep(repo: Repository, evidence: readonly CastBallot[], vote: SealedVote): Promise<Record<string, KeptSealed>> {
  const latest = new Map<string, CastBallot & { sealed: NonNullable<CastBallot['sealed']> }>();
  for (const b of evidence) {
    if (!b.sealed || b.invalid || Date.parse(b.castAt) > Date.parse(vote.closes)) continue;
    const current = latest.get(b.voter);
    if (!current || castAfter([b.sealed.key, { cast: b.castAt }], [current.sealed.key, { cast: current.castAt }])) latest.set(b.voter, { ...b, sealed: b.sealed });
  }
  const keep: Record<string, KeptSealed> = {};
  for (const b of latest.values()) {
    const blob = b.sealed.blob ?? (await writeSealedBlob(repo, b.sealed.text));
    keep[b.sealed.key] = { voter: b.voter, blob, cast: b.castAt };
  }
  return keep;
}

/**
 * The change's sealed ballots plus those the ledger kept that it no longer carries (a force-push
 * or a deleted comment): each read from the bytes the ledger kept, cast when first seen. A kept
 * git-native ballot is stale when a text change of the head is not among its ancestors (or, its
 * commit gone, was first seen after it), as a ballot on the branch would be.
 */
export async function withKeptSealed(
  repo: Repository,
  evidence: readonly CastBallot[],
  opening: Opening,
  vote: SealedVote,
  content: readonly string[],
  roster: readonly Member[],
): Promise<CastBallot[]> {
  const present = new Set(evidence.flatMap((b) => (b.sealed ? [b.sealed.key] : [])));
  const out = [...evidence];
  for (const [key, kept] of Object.entries(opening.sealed ?? {})) {
    if (present.has(key)) continue;
    const commit = /^[0-9a-f]{40}$/.test(key) ? key : undefined;
    const base: CastBallot = { voter: kept.voter, vote: 'sealed', castAt: kept.cast, ...(commit ? { commit } : {}) };
    const bytes = await readSealedBlob(repo, kept.blob);
    const armored = bytes === undefined ? undefined : commit ? sealedOfFile(bytes) : bytes;
    if (armored === undefined) {
      out.push(invalid(base, text('ballot-sealed-malformed', { issue: 'sealed-not-armored' })));
      continue;
    }
    const ballot: CastBallot = { ...base, sealed: { text: armored, key, blob: kept.blob } };
    // Still here (not yet pruned): the commit must be what the ledger says, a ballot its voter signed.
    const disowned = commit ? await notAsKept(repo, commit, kept, opening, vote, roster) : undefined;
    if (disowned) {
      out.push(invalid(ballot, disowned));
      continue;
    }
    const status = sealedTextStatus(armored, vote);
    const stale = commit ? await staleAgainst(repo, commit, kept.cast, content, opening) : undefined;
    out.push(status ? invalid(ballot, status) : stale ? invalid(ballot, text('ballot-stale', { commit: stale.slice(0, 10) })) : ballot);
  }
  return onlyKept(out, opening, vote);
}

/**
 * A member's sealed ballot is the one the ledger keeps, their latest (src/commons/opening.ts
 * keepLatest): any other valid version of theirs cast before the close is an earlier one
 * (superseded) or one past MAX_SEALED_VERSIONS, never kept (`ballot-sealed-too-many`). So the
 * count does not depend on what the forge or the branch still shows: if the kept ballot does not
 * open, an earlier one does not come back in its place.
 */
function onlyKept(ballots: readonly CastBallot[], opening: Opening, vote: SealedVote): CastBallot[] {
  const kept = new Map<string, [string, KeptSealed]>();
  for (const entry of Object.entries(opening.sealed ?? {})) {
    const current = kept.get(entry[1].voter);
    if (!current || castAfter(entry, current)) kept.set(entry[1].voter, entry);
  }
  return ballots.map((b) => {
    const mine = kept.get(b.voter);
    if (!b.sealed || b.invalid || !mine || b.sealed.key === mine[0] || Date.parse(b.castAt) > Date.parse(vote.closes)) return b;
    return castAfter([b.sealed.key, { cast: b.castAt }], mine) ? invalid(b, text('ballot-sealed-too-many', { max: MAX_SEALED_VERSIONS })) : invalid(b, text('ballot-superseded', { by: b.voter }));
  });
}

/**
 * Why a kept ballot commit that is still in the repository is not the ballot the ledger says: not
 * a valid sealed ballot of that voter on this change, with that blob. Undefined when it is, or
 * when the commit is gone (pruned after a force-push): the ledger's entry, written by the bot
 * when it verified the ballot, is then the evidence, as its opening times are.
 */
async function notAsKept(repo: Repository, commit: string, kept: KeptSealed, opening: Opening, vote: SealedVote, roster: readonly Member[]): Promise<BotText | undefined> {
  if (!(await hasCommit(repo, commit).catch(() => false))) return undefined;
  const commits = await changeCommits(repo, [await readCommitInfo(repo, commit)]);
  const [found] = await ballotEvidence(repo, commits, opening.change, roster, opening.seen, new Date(kept.cast), vote);
  if (!found) return text('ballot-other-change', { change: '?' });
  if (found.invalidCode) return found.invalidCode;
  if (found.invalid || found.voter !== kept.voter || found.sealed?.blob !== kept.blob) return text('ballot-someone-else', { signer: '?', owner: kept.voter });
  return undefined;
}

function sealedOfFile(bytes: string): string | undefined {
  const read = readBallotText(bytes, 'sealed');
  return read.ok && isSealedBallot(read.value) ? read.value.sealed : undefined;
}

/** The first text change of the head the kept ballot was not cast on, if any. */
async function staleAgainst(repo: Repository, commit: string, cast: string, content: readonly string[], opening: Opening): Promise<string | undefined> {
  const here = await hasCommit(repo, commit).catch(() => false);
  for (const c of content) {
    if (here) {
      if (c !== commit && !(await isAncestor(repo, c, commit).catch(() => false))) return c;
    } else if (Date.parse(opening.seen[c] ?? cast) > Date.parse(cast)) return c;
  }
  return undefined;
}

/** Why a ballot did not open, as its status. */
function failureStatus(failure: OpenFailure, vote: SealedVote): BotText {
  switch (failure.code) {
    case 'sealed-malformed':
      return text('ballot-sealed-malformed', { issue: failure.issue.code });
    case 'sealed-wrong-chain':
      return text('ballot-sealed-wrong-chain', { chainHash: failure.chainHash });
    case 'sealed-wrong-round':
      return text('ballot-sealed-wrong-round', { round: failure.round, expected: vote.round });
    default:
      return text('ballot-sealed-undecryptable', {});
  }
}

/**
 * Open every valid sealed ballot with the round's signature: each becomes the vote it says, or is
 * listed as not counted with why (it did not open, it is not a ballot, or it names another voter
 * or another change: a copied ciphertext counts for nobody but its own voter, on its own change).
 */
export async function openSealed(evidence: readonly CastBallot[], at: RoundSignature, vote: SealedVote, change: string): Promise<CastBallot[]> {
  const out: CastBallot[] = [];
  for (const b of evidence) {
    if (b.vote !== 'sealed' || b.invalid || !b.sealed) {
      out.push(b);
      continue;
    }
    const opened = await open(b.sealed.text, at, vote.beacon);
    if (!opened.ok) {
      out.push(invalid(b, failureStatus(opened.failure, vote)));
      continue;
    }
    const said = readSealedPlaintext(opened.plaintext);
    if (!said) {
      out.push(invalid(b, text('ballot-sealed-plaintext', {})));
      continue;
    }
    if (said.voter !== b.voter || said.change !== change) {
      out.push(invalid(b, text('ballot-sealed-copied', { voter: said.voter, change: said.change })));
      continue;
    }
    const ballot: CastBallot = { ...b, vote: said.vote };
    if (said.reason !== undefined) ballot.comment = said.reason;
    if (said.rule !== undefined) ballot.rule = said.rule;
    out.push(ballot);
  }
  return out;
}
