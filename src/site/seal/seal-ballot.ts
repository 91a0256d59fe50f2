/**
 * What the sealing form of an open sealed vote works with (issue 13; docs/github.md, Voting
 * sealed): the ballot's plaintext, the comment and the command a member is shown. Pure and
 * dependency-light, so the page's script and the tests share it; the sealing itself is the
 * commons' own `seal` (src/ballots/sealed.ts), run in the member's browser.
 */
import { stringify } from 'yaml';
import type { Beacon } from '../../ballots/sealed.ts';
import type { Vote } from '../../commons/schema/ballot.ts';
import { padSealedPlaintext } from '../../commons/sealed-text.ts';

/** What the page hands its script, as one data attribute: the vote, its round, the frozen policy's beacon. */
export interface SealSetup {
  change: string;
  round: number;
  beacon: Beacon;
  /** Where members vote: the pull request (comment) or the branch (command line). */
  place: 'pull-request' | 'branch';
}

export interface BallotChoice {
  voter: string;
  vote: Vote;
  reason?: string;
}

/** A handle as governance/members.yml writes it (the slug of commons/schema/common.ts). */
export const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The sealed ballot's plaintext (docs/voting.md, Sealed ballots): YAML naming the voter and the
 * change, so that a copy of someone else's sealed text, or of one cast on another change, does
 * not count when opened. Padded to SEALED_PLAINTEXT_BYTES, so that the sealed text's size does
 * not say the vote or the reason's length; a RangeError when it cannot be (the form shows it).
 */
export function ballotPlaintext(change: string, choice: BallotChoice): string {
  const reason = choice.reason?.trim();
  const padded = padSealedPlaintext(stringify({ voter: choice.voter, change, vote: choice.vote, ...(reason ? { reason: reason.slice(0, 2000) } : {}) }));
  if (padded === undefined) throw new RangeError('the reason is too long to seal: shorten it');
  return padded;
}

/** The comment to paste on the pull request: the sealed text in a code fence, so GitHub shows it as typed. */
export function sealedComment(armored: string): string {
  return `\`\`\`\n${armored.endsWith('\n') ? armored : `${armored}\n`}\`\`\`\n`;
}

/** The command-line way to cast the same vote, sealed, on the change's branch. */
export function sealedVoteCommand(change: string, vote: Vote): string {
  return `noclout vote ${change} ${vote} --sealed`;
}

/** The git-native ballot file's content (`governance/ballots/<change>/<handle>.yml`): the one key `sealed`. */
export function sealedBallotFile(armored: string): string {
  const lines = armored.replace(/\r\n/g, '\n').trimEnd().split('\n');
  return `sealed: |\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}
