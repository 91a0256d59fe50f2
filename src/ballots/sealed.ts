/**
 * Sealed ballots: time-lock encryption to a drand beacon round (tlock). The one module that knows
 * tlock-js, drand's wire format and BLS; everything else handles armored text, round numbers and
 * signatures as plain data.
 *
 * A ballot sealed to round R opens only with the beacon's signature of R, which no one holds until
 * the beacon's threshold network publishes it at the round's time. The signature, once published,
 * is public and verifiable against the beacon's public key, so anyone can open every ballot of the
 * vote offline, from the decision record (docs/voting.md "Sealed ballots").
 *
 * Runs in the browser too (the site's sealing page bundles it): no `node:` imports; tlock-js's
 * Buffer is the `buffer` package's; the randomness comes from the platform's Web Crypto.
 */
import { Buffer } from 'buffer';
import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha2';
import { timelockEncrypt, type ChainClient, type ChainInfo } from 'tlock-js';
import { decodeArmor } from 'tlock-js/age/armor.js';
import { decryptAge } from 'tlock-js/age/age-encrypt-decrypt.js';
import { decryptOnG2 } from 'tlock-js/crypto/ibe.js';
import { readSealed, type SealedIssue } from '../commons/sealed-text.ts';

export { closeRound, roundTimeMs, MAX_SEALED_CHARS, readSealed, type ReadSealed, type SealedHeader, type SealedIssue, type SealedIssueCode } from '../commons/sealed-text.ts';

/**
 * The beacon a commons seals to, as its policy writes it (frozen with the policy at a change's
 * opening). drand's quicknet:
 *   url: https://api.drand.sh
 *   chainHash: 52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971
 *   publicKey: 83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a
 *   genesis: 1692803367
 *   period: 3
 *   scheme: bls-unchained-g1-rfc9380
 */
export interface Beacon {
  /** Base URL; rounds are fetched from `<url>/<chainHash>/public/<round>`. */
  url: string;
  /** 64 lowercase hex digits: names the chain in every sealed ballot's stanza. */
  chainHash: string;
  /** Hex of the chain's BLS public key (a compressed G2 point, 96 bytes, for the scheme below). */
  publicKey: string;
  /** Unix seconds of round 1. */
  genesis: number;
  /** Seconds between rounds. */
  period: number;
  /** Only the unchained, RFC 9380 scheme of quicknet: signatures on G1, keys on G2. */
  scheme: typeof SCHEME;
}

/** The one drand scheme sealed ballots use (quicknet's). */
export const SCHEME = 'bls-unchained-g1-rfc9380';

/** drand quicknet, the beacon documented as the example (docs/voting.md). */
export const QUICKNET: Beacon = {
  url: 'https://api.drand.sh',
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  genesis: 1692803367,
  period: 3,
  scheme: SCHEME,
};

const DST_G1 = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
/** A round's signature: a compressed G1 point. */
const SIGNATURE_HEX = /^[0-9a-f]{96}$/;

/** tlock-js asks a chain client for the chain's description; sealing needs nothing else. */
function offlineClient(beacon: Beacon): ChainClient {
  const info: ChainInfo = {
    public_key: beacon.publicKey,
    period: beacon.period,
    genesis_time: beacon.genesis,
    hash: beacon.chainHash,
    groupHash: beacon.chainHash,
    schemeID: beacon.scheme,
    metadata: { beaconID: 'noclout' },
  };
  const refuse = (): Promise<never> => Promise.reject(new Error('sealing never fetches a round'));
  return {
    options: { disableBeaconVerification: false, noCache: true },
    latest: refuse,
    get: refuse,
    chain: () => ({ baseUrl: beacon.url, info: async () => info }),
  };
}

/**
 * Seal `plaintext` to `round` of `beacon`: the armored age text a sealed ballot carries. Needs no
 * network: the beacon's public key comes from the policy.
 */
export async function seal(plaintext: string, round: number, beacon: Beacon): Promise<string> {
  if (!Number.isSafeInteger(round) || round < 1) throw new Error(`not a round number: ${round}`);
  return timelockEncrypt(round, Buffer.from(plaintext, 'utf8'), offlineClient(beacon));
}

/** Why a sealed ballot did not open; stable codes, the caller words them. */
export type OpenFailure =
  | { code: 'sealed-malformed'; issue: SealedIssue }
  | { code: 'sealed-wrong-chain'; chainHash: string }
  | { code: 'sealed-wrong-round'; round: number }
  | { code: 'sealed-bad-signature' }
  | { code: 'sealed-undecryptable' };

export type Opened = { ok: true; plaintext: string } | { ok: false; failure: OpenFailure };

/**
 * Open a sealed ballot with the beacon's signature of `round`. Checks the structure, that the
 * ballot names this chain and this round (a ballot sealed to a later round would otherwise stay
 * closed, and to an earlier one was readable before the close), and that the signature is the
 * beacon's for that round, then decrypts. The plaintext is untrusted text: the caller parses it.
 */
export async function open(
  armored: string,
  at: { round: number; signature: string },
  beacon: Beacon,
): Promise<Opened> {
  const read = readSealed(armored);
  if (!read.ok) return { ok: false, failure: { code: 'sealed-malformed', issue: read.issue } };
  if (read.header.chainHash !== beacon.chainHash) {
    return { ok: false, failure: { code: 'sealed-wrong-chain', chainHash: read.header.chainHash } };
  }
  if (read.header.round !== at.round) return { ok: false, failure: { code: 'sealed-wrong-round', round: read.header.round } };
  if (!verifyRound(beacon, at.round, at.signature)) return { ok: false, failure: { code: 'sealed-bad-signature' } };
  const signature = Buffer.from(at.signature, 'hex');
  try {
    const plaintext = await decryptAge(decodeArmor(armored.replace(/\r\n/g, '\n')), async (stanzas) => {
      const body = stanzas[0]!.body;
      const U = body.subarray(0, 96);
      const V = body.subarray(96, 112);
      const W = body.subarray(112);
      return Buffer.from(await decryptOnG2(signature, { U, V, W }));
    });
    const text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
    return { ok: true, plaintext: text };
  } catch {
    return { ok: false, failure: { code: 'sealed-undecryptable' } };
  }
}

/** The message drand signs for an unchained round: sha256 of the round as 8 big-endian bytes. */
function roundMessage(round: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(round));
  return sha256(bytes);
}

/**
 * Whether `signature` (hex) is the beacon's BLS signature of `round`: what makes a round's
 * signature trustworthy without trusting whoever served it (a bot, a mirror, a record).
 */
export function verifyRound(beacon: Beacon, round: number, signature: string): boolean {
  if (beacon.scheme !== SCHEME || !SIGNATURE_HEX.test(signature) || !Number.isSafeInteger(round) || round < 1) return false;
  // A pairing costs tens of milliseconds; a vote opens every ballot with the same signature.
  const key = `${beacon.publicKey} ${round} ${signature}`;
  const known = verified.get(key);
  if (known !== undefined) return known;
  let ok = false;
  try {
    const message = bls12_381.G1.hashToCurve(roundMessage(round), { DST: DST_G1 });
    ok = bls12_381.shortSignatures.verify(signature, message as never, beacon.publicKey);
  } catch {
    ok = false;
  }
  if (verified.size > 1000) verified.clear();
  verified.set(key, ok);
  return ok;
}

const verified = new Map<string, boolean>();

/** A response's body as text, read up to MAX_ROUND_BYTES and no further, within the fetch's timeout. */
async function boundedText(response: Response, signal: AbortSignal): Promise<{ ok: true; text: string } | { ok: false; reason: 'unreachable' | 'invalid'; detail: string }> {
  const reader = response.body?.getReader();
  if (!reader) return { ok: true, text: '' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_ROUND_BYTES) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'invalid', detail: `a body over ${MAX_ROUND_BYTES} bytes` };
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    return { ok: false, reason: signal.aborted ? 'unreachable' : 'invalid', detail: error instanceof Error ? error.message : String(error) };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}

/** What asking the beacon for a round gave. */
export type RoundFetch =
  | { ok: true; round: number; signature: string }
  | { ok: false; reason: 'unreachable' | 'not-yet' | 'invalid'; detail: string };

/** A drand round's JSON is a few hundred bytes; a beacon answering more is not read further. */
const MAX_ROUND_BYTES = 64 * 1024;

/**
 * Fetch the signature of `round` from `<url>/<chainHash>/public/<round>` and verify it against the
 * beacon's public key; a response that does not verify is `invalid`, never used. `fetch` is passed
 * in (tests point it, and the URL, at a loopback beacon). Never throws, and never waits or reads
 * without bound: the whole exchange, body included, has `timeoutMs` (a timeout is `unreachable`),
 * and a body over MAX_ROUND_BYTES, or one that is not a JSON object, is `invalid`. A beacon that
 * is slow, huge or garbled only leaves the vote waiting; the bot goes on with the other changes.
 */
export async function fetchRound(
  beacon: Beacon,
  round: number,
  io: { fetch: typeof fetch; timeoutMs?: number } = { fetch: globalThis.fetch },
): Promise<RoundFetch> {
  const url = `${beacon.url.replace(/\/+$/, '')}/${beacon.chainHash}/public/${round}`;
  const signal = AbortSignal.timeout(io.timeoutMs ?? 15_000);
  let response: Response;
  try {
    response = await io.fetch(url, { signal });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    // drand answers 425 Too Early (some relays 404) for a round it has not published yet.
    const notYet = response.status === 425 || response.status === 404;
    return { ok: false, reason: notYet ? 'not-yet' : 'unreachable', detail: `HTTP ${response.status}` };
  }
  const body = await boundedText(response, signal);
  if (!body.ok) return { ok: false, reason: body.reason, detail: body.detail };
  let data: unknown;
  try {
    data = JSON.parse(body.text);
  } catch {
    return { ok: false, reason: 'invalid', detail: 'not JSON' };
  }
  const got = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as { round?: unknown; signature?: unknown };
  if (got.round !== round || typeof got.signature !== 'string') {
    return { ok: false, reason: 'invalid', detail: `round ${String(got.round).slice(0, 40)}` };
  }
  if (!verifyRound(beacon, round, got.signature)) return { ok: false, reason: 'invalid', detail: 'signature does not verify' };
  return { ok: true, round, signature: got.signature };
}
