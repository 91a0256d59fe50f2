/**
 * What can be read from a sealed ballot's armored text without opening it (src/ballots/sealed.ts
 * seals and opens): the round and the chain it is locked to, and whether its structure is that of
 * a tlock age file at all. Pure and dependency-free: `noclout check`, the bot and the site's pages
 * use it without the cryptography.
 */

const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
const AGE_VERSION = 'age-encryption.org/v1';
/** A tlock stanza body on quicknet's scheme: U (compressed G2, 96 bytes), V and W (16 bytes each: the file key). */
const STANZA_BODY_BYTES = 96 + 16 + 16;
const CHAIN_HASH = /^[0-9a-f]{64}$/;
const ROUND = /^[1-9][0-9]{0,14}$/;

/** Base64 (checked beforehand against its alphabet) to a string of bytes; '' when it does not decode. */
function latin1OfBase64(text: string): string {
  try {
    return atob(text);
  } catch {
    return '';
  }
}

/**
 * The size, in bytes, of every sealed ballot's plaintext: it is padded to exactly this before it
 * is sealed (padSealedPlaintext), so that the ciphertext's size says nothing of what it holds.
 * Unpadded, "vote: abstain" seals longer than "vote: yes", and a long reason (often a dissent)
 * shows. A reason of 2,000 characters fits when most are one byte in UTF-8 (English, French);
 * a longer text is refused rather than sealed unpadded. The sealed file (about 6,300 bytes) stays
 * under the 10,000 bytes `noclout check` allows a ballot file.
 */
export const SEALED_PLAINTEXT_BYTES = 4096;

/**
 * Largest armored text accepted, in characters: a padded ballot seals to about 6,100 (age's
 * header, the 16-byte nonce and tag, base64 and its line breaks). The bound stops a ballot file
 * from carrying a payload.
 */
export const MAX_SEALED_CHARS = 8192;

/**
 * A sealed ballot's plaintext padded to SEALED_PLAINTEXT_BYTES with a YAML comment (`#` and
 * spaces on a last line, which every reader skips); undefined when it is longer than that, and
 * so cannot be sealed without its size showing.
 * Example: padSealedPlaintext('voter: ada\nchange: a-post\nvote: yes\n') → that text, then '#' and 4,058 spaces, then '\n'.
 */
export function padSealedPlaintext(text: string): string | undefined {
  const ended = text.endsWith('\n') ? text : `${text}\n`;
  const room = SEALED_PLAINTEXT_BYTES - new TextEncoder().encode(ended).length - 2;
  return room < 0 ? undefined : `${ended}#${' '.repeat(room)}\n`;
}

/** Why an armored text is not a well-formed sealed ballot; stable codes, the caller words them. */
export type SealedIssueCode =
  | 'sealed-too-large'
  | 'sealed-not-armored'
  | 'sealed-armor-line'
  | 'sealed-not-age'
  | 'sealed-stanza-count'
  | 'sealed-not-tlock'
  | 'sealed-stanza-args'
  | 'sealed-stanza-body'
  | 'sealed-no-payload';

/** A structure problem: `line` counts from 1 within the armored text (1 when it concerns all of it). */
export interface SealedIssue {
  code: SealedIssueCode;
  line: number;
  /** What was found, quoted and truncated by the caller. */
  received?: string;
}

/** What can be read from a sealed ballot without opening it. */
export interface SealedHeader {
  round: number;
  chainHash: string;
}

export type ReadSealed = { ok: true; header: SealedHeader } | { ok: false; issue: SealedIssue };

const fail = (code: SealedIssueCode, line = 1, received?: string): ReadSealed => ({
  ok: false,
  issue: received === undefined ? { code, line } : { code, line, received },
});

/**
 * Read the round and chain hash of an armored sealed ballot without opening it, checking its whole
 * structure: age armor (64-column base64 lines), the age v1 header, exactly one stanza, a tlock
 * stanza `<round> <chainHash>` whose body has this scheme's size, a MAC line and a payload. Fails
 * closed: anything else is an issue. Whether the round and chain are the vote's is the caller's
 * check (it knows the vote).
 */
export function readSealed(armored: string): ReadSealed {
  if (armored.length > MAX_SEALED_CHARS) return fail('sealed-too-large', 1, String(armored.length));
  const lines = armored.replace(/\r\n/g, '\n').trim().split('\n');
  if (lines[0] !== ARMOR_BEGIN) return fail('sealed-not-armored', 1, lines[0] ?? '');
  if (lines.length < 3 || lines[lines.length - 1] !== ARMOR_END) {
    return fail('sealed-not-armored', lines.length, lines[lines.length - 1] ?? '');
  }
  const body = lines.slice(1, -1);
  for (const [i, line] of body.entries()) {
    const last = i === body.length - 1;
    // age's armor: full 64-column lines, a shorter last one; base64 with padding only at the end.
    const bad = line.length > 64 || (!last && line.length !== 64) || !/^[A-Za-z0-9+/]*={0,2}$/.test(line) ||
      (!last && line.includes('='));
    if (bad) return fail('sealed-armor-line', i + 2, line);
  }
  const binary = latin1OfBase64(body.join(''));
  return readAgeHeader(binary);
}

/** The age header inside the armor: version, one tlock stanza, the MAC line, then the payload. */
function readAgeHeader(binary: string): ReadSealed {
  const macAt = binary.indexOf('\n--- ');
  if (!binary.startsWith(`${AGE_VERSION}\n`) || macAt < 0) return fail('sealed-not-age', 1, binary.slice(0, 24));
  const header = binary.slice(AGE_VERSION.length + 1, macAt).split('\n');
  const afterMac = binary.indexOf('\n', macAt + 5);
  if (afterMac < 0 || !/^[A-Za-z0-9+/]{43}$/.test(binary.slice(macAt + 5, afterMac))) {
    return fail('sealed-not-age', 1, binary.slice(macAt + 1, macAt + 50));
  }
  const stanzaLines = header.filter((l) => l.startsWith('->'));
  if (stanzaLines.length !== 1 || !header[0]!.startsWith('->')) {
    return fail('sealed-stanza-count', 1, String(stanzaLines.length));
  }
  const [type, ...args] = header[0]!.slice(3).split(' ');
  if (header[0]!.slice(0, 3) !== '-> ' || type !== 'tlock') return fail('sealed-not-tlock', 1, header[0]!.slice(0, 40));
  const [round, chainHash] = args;
  if (args.length !== 2 || !ROUND.test(round ?? '') || !CHAIN_HASH.test(chainHash ?? '')) {
    return fail('sealed-stanza-args', 1, args.join(' ').slice(0, 90));
  }
  // The stanza body: unpadded base64 in 64-column lines, the last one shorter.
  const bodyLines = header.slice(1);
  const wellWrapped = bodyLines.every((l, i) => (i === bodyLines.length - 1 ? l.length < 64 : l.length === 64));
  const bodyText = bodyLines.join('');
  if (!wellWrapped || !/^[A-Za-z0-9+/]*$/.test(bodyText) || latin1OfBase64(bodyText).length !== STANZA_BODY_BYTES) {
    return fail('sealed-stanza-body', 1, String(latin1OfBase64(bodyText).length));
  }
  // The payload: a 16-byte nonce, then at least one STREAM chunk (its 16-byte tag).
  if (binary.length - (afterMac + 1) < 32) return fail('sealed-no-payload', 1);
  return { ok: true, header: { round: Number(round), chainHash: chainHash! } };
}

/**
 * The round a vote closing at `closeMs` seals to: the first round published at or after the
 * close. (drand's own `roundAt` gives the last round at or before a time; a ballot locked to it
 * could be opened up to one period before the close, and one sealed in that last period would be
 * readable at once.)
 */
export function closeRound(closeMs: number, beacon: { genesis: number; period: number }): number {
  const sinceGenesis = closeMs - beacon.genesis * 1000;
  if (sinceGenesis <= 0) return 1;
  return Math.ceil(sinceGenesis / (beacon.period * 1000)) + 1;
}

/** When the beacon publishes `round`, in milliseconds since the epoch. */
export function roundTimeMs(round: number, beacon: { genesis: number; period: number }): number {
  return (beacon.genesis + (round - 1) * beacon.period) * 1000;
}
