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
  return /^[A-Za-z0-9._\/-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
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
