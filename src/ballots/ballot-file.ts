/**
 * The ballot file, `governance/ballots/<change>/<handle>.yml` (docs/formats/ballot.md):
 * read the way the bot reads it, and written by `noclout vote` so that it
 * reads back to exactly what the voter said. A sealed ballot's file holds the
 * armored text, and its plaintext (what is sealed) is written and read here too.
 */
import type { Problem } from '../commons/problem.ts';
import { ballotSchemaFor, sealedPlaintextSchema, type BallotFile, type PublicBallotFile, type SealedPlaintext } from '../commons/schema/ballot.ts';
import { checkSchema } from '../commons/schema-problems.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import { padSealedPlaintext, SEALED_PLAINTEXT_BYTES } from '../commons/sealed-text.ts';

export type BallotRead = { ok: true; value: BallotFile } | { ok: false; problems: Problem[] };

/** Parse and check a ballot's text: every problem, as `noclout check` reports them. */
export function readBallotText(text: string, path: string): BallotRead {
  const yaml = parseYaml(text, { path });
  if (yaml.problems.length) return { ok: false, problems: yaml.problems };
  return checkSchema(ballotSchemaFor(text), yaml.data, { path, kind: 'ballot', positionOf: yaml.positionOf });
}

/**
 * A ballot's text. Free text is written as a double-quoted scalar (JSON's
 * quoting, which YAML 1.2 reads the same), so no reason can open a key of
 * its own or be read as anything but a string.
 * Example: writeBallot({ vote: 'no', rule: 'be-kind', reason: 'Rude: "idiot".' })
 *   → 'vote: no\nrule: be-kind\nreason: "Rude: \\"idiot\\"."\n'
 */
export function writeBallot(ballot: BallotFile): string {
  if ('sealed' in ballot) return writeSealedBallot(ballot.sealed);
  const lines = [`vote: ${ballot.vote}`];
  if (ballot.rule !== undefined) lines.push(`rule: ${ballot.rule}`);
  if (ballot.reason !== undefined) lines.push(`reason: ${JSON.stringify(ballot.reason)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A sealed ballot file: `sealed: |` and the armored text, indented, as a YAML literal block
 * (kept byte for byte, line breaks included).
 */
export function writeSealedBallot(armored: string): string {
  const lines = armored.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  return `sealed: |\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/**
 * What a sealed ballot says, before sealing: it names its voter and its change, so that a
 * ciphertext copied into another file or onto another change does not count for the copier;
 * padded to SEALED_PLAINTEXT_BYTES, so that its size does not say the vote or the reason's length.
 * Throws a RangeError when it is longer than that (check with sealedPlaintextFits first).
 * Example: writeSealedPlaintext({ voter: 'ada', change: 'a-post', vote: 'yes' }) → 'voter: ada\nchange: a-post\nvote: yes\n#' and spaces, 4096 bytes
 */
export function writeSealedPlaintext(plaintext: SealedPlaintext): string {
  const padded = padSealedPlaintext(unpaddedPlaintext(plaintext));
  if (padded === undefined) throw new RangeError(`a sealed ballot's text is at most ${SEALED_PLAINTEXT_BYTES} bytes`);
  return padded;
}

/** Whether a ballot's words leave room to pad its sealed text to SEALED_PLAINTEXT_BYTES. */
export function sealedPlaintextFits(plaintext: SealedPlaintext): boolean {
  return padSealedPlaintext(unpaddedPlaintext(plaintext)) !== undefined;
}

function unpaddedPlaintext(plaintext: SealedPlaintext): string {
  return `voter: ${plaintext.voter}\nchange: ${plaintext.change}\n${writeBallot({ vote: plaintext.vote, ...pick(plaintext) })}`;
}

const pick = (p: SealedPlaintext): Omit<PublicBallotFile, 'vote'> => ({ ...(p.rule !== undefined ? { rule: p.rule } : {}), ...(p.reason !== undefined ? { reason: p.reason } : {}) });

/** Read an opened sealed ballot's plaintext; undefined when it is not one (it does not count). */
export function readSealedPlaintext(text: string): SealedPlaintext | undefined {
  const yaml = parseYaml(text, { path: 'sealed' });
  if (yaml.problems.length) return undefined;
  const checked = sealedPlaintextSchema.safeParse(yaml.data);
  return checked.success ? checked.data : undefined;
}
