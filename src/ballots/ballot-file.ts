/**
 * The ballot file, `governance/ballots/<change>/<handle>.yml` (docs/formats/ballot.md):
 * read the way the bot reads it, and written by `noclout vote` so that it
 * reads back to exactly what the voter said.
 */
import type { Problem } from '../commons/problem.ts';
import { ballotSchema, type BallotFile } from '../commons/schema/ballot.ts';
import { checkSchema } from '../commons/schema-problems.ts';
import { parseYaml } from '../commons/yaml-document.ts';

export type BallotRead = { ok: true; value: BallotFile } | { ok: false; problems: Problem[] };

/** Parse and check a ballot's text: every problem, as `noclout check` reports them. */
export function readBallotText(text: string, path: string): BallotRead {
  const yaml = parseYaml(text, { path });
  if (yaml.problems.length) return { ok: false, problems: yaml.problems };
  return checkSchema(ballotSchema, yaml.data, { path, kind: 'ballot', positionOf: yaml.positionOf });
}

/**
 * A ballot's text. Free text is written as a double-quoted scalar (JSON's
 * quoting, which YAML 1.2 reads the same), so no reason can open a key of
 * its own or be read as anything but a string.
 * Example: writeBallot({ vote: 'no', rule: 'be-kind', reason: 'Rude: "idiot".' })
 *   → 'vote: no\nrule: be-kind\nreason: "Rude: \\"idiot\\"."\n'
 */
export function writeBallot(ballot: BallotFile): string {
  const lines = [`vote: ${ballot.vote}`];
  if (ballot.rule !== undefined) lines.push(`rule: ${ballot.rule}`);
  if (ballot.reason !== undefined) lines.push(`reason: ${JSON.stringify(ballot.reason)}`);
  return `${lines.join('\n')}\n`;
}
