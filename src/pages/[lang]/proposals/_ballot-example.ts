/**
 * The ballot a proposal's page shows, and the commands that cast it (docs/formats/ballot.md). The
 * example must stay a ballot the bot accepts: a test parses it with the real `ballotSchema`, and
 * runs the commands against a real branch the bot then judges. (A leading underscore: Astro
 * builds no route from this file.)
 */

/** The smallest ballot that says something: a vote, and the optional reason published with the record. */
export const BALLOT_EXAMPLE = 'vote: yes\nreason: Clear, and narrow enough.\n';

/** `governance/ballots/<change>/<handle>.yml` */
export function ballotPath(change: string, handle: string): string {
  return `governance/ballots/${change}/${handle}.yml`;
}

/**
 * A shell word for `value`, single-quoted when it holds anything but safe characters. Branch
 * names come from contributors and git allows `;`, `$`, backquotes and quotes in them: a command
 * a member copies from the page must never run part of a branch name.
 */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9._\/-]+$/.test(value)) return value;
  // A character that hides or reorders the rest of the line on screen is written as its code
  // point, in bash's and zsh's $'…' quoting, which runs it as the real character.
  if (HIDDEN.test(value)) return `$'${value.replace(/[\\']/g, '\\$&').replace(HIDDEN_ALL, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)}'`;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Characters git allows in a branch name that a page would hide or act on: C1 controls, zero-width and bidirectional marks, embeddings, overrides and isolates, BOM. */
const HIDDEN = /[\u0080-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');

/** A branch name as the page shows it: those characters written as <U+202E>, so one branch never looks like another. */
export function shownBranch(value: string): string {
  return value.replace(HIDDEN_ALL, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * Commands that cast the example ballot on `branch`: one file, one commit signed with the
 * member's SSH key (git's gpg.format=ssh), pushed to the change's branch. `handle=` is the one
 * line a member edits.
 */
export function ballotCommands(change: string, branch: string): string {
  const file = `"${ballotPath(change, '$handle')}"`;
  const b = shellWord(branch);
  return [
    'handle=your-handle   # your handle in governance/members.yml',
    `git fetch origin ${b} && git switch ${b}`,
    `mkdir -p governance/ballots/${change}`,
    `printf '${BALLOT_EXAMPLE.replaceAll('\n', '\\n')}' > ${file}`,
    `git add ${file}`,
    `git -c gpg.format=ssh -c user.signingkey="$HOME/.ssh/id_ed25519.pub" commit -S -m "Ballot on ${change}" -- ${file}`,
    `git push origin ${b}`,
  ].join('\n');
}
