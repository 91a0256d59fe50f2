/**
 * SSH public key lines from members.yml ("ssh-ed25519 AAAA… comment").
 * Only ed25519 is accepted: it is what `ssh-keygen -t ed25519` makes, what git
 * signs with, and what we verify with node:crypto alone. Pure: no I/O.
 */
import { schemaWordsEn } from './texts/problems-en.ts';

export interface SshPublicKey {
  type: 'ssh-ed25519';
  /** The 32 raw public key bytes. */
  raw: Uint8Array;
  /** The SSH wire encoding (the base64 part, decoded). */
  blob: Uint8Array;
  comment: string;
}

/** A line that is no ed25519 public key says why: `error` in English, `fault` as the schema words that say it (texts/problems-en.ts), with the `type` written and what else it `found`. */
export type ParsedKey = { ok: true; key: SshPublicKey } | { ok: false; error: string; fault: 'key-not-ed25519' | 'key-not-base64' | 'key-invalid'; type: string; found: '' | 'type' | 'private' | 'other' };

function refused(fault: 'key-not-ed25519' | 'key-not-base64' | 'key-invalid', type = '', found: '' | 'type' | 'private' | 'other' = ''): ParsedKey {
  return { ok: false, error: schemaWordsEn(fault, { value: type, other: found }), fault, type, found };
}

/** Read one `authorized_keys`-style line. */
export function parseSshPublicKey(line: string): ParsedKey {
  const parts = line.trim().split(/\s+/);
  const [type, data, ...comment] = parts;
  if (type !== 'ssh-ed25519') {
    const found = /^(ssh-|ecdsa-|sk-)/.test(type ?? '') ? 'type' : /PRIVATE KEY/.test(line) ? 'private' : 'other';
    return refused('key-not-ed25519', type ?? '', found);
  }
  if (!data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return refused('key-not-base64');
  const blob = new Uint8Array(Buffer.from(data, 'base64'));
  const raw = ed25519Bytes(blob, 32);
  if (!raw) return refused('key-invalid');
  return { ok: true, key: { type: 'ssh-ed25519', raw, blob, comment: comment.join(' ') } };
}

/**
 * The bytes of an SSH wire blob `string "ssh-ed25519", string <size bytes>`: a public key
 * (32 bytes) or a signature (64 bytes). Undefined for anything else.
 */
export function ed25519Bytes(blob: Uint8Array, size: 32 | 64): Uint8Array | undefined {
  const fields = readSshStrings(blob);
  if (!fields || fields.length !== 2 || new TextDecoder().decode(fields[0]) !== 'ssh-ed25519' || fields[1]!.length !== size) return undefined;
  return fields[1];
}

/** Split SSH wire data into its length-prefixed strings; undefined if malformed. */
export function readSshStrings(bytes: Uint8Array): Uint8Array[] | undefined {
  const out: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) return undefined;
    const length = view.getUint32(offset);
    offset += 4;
    if (offset + length > bytes.length) return undefined;
    out.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return out;
}

/** Two key lines name the same key when their wire blobs are equal (comments differ freely). */
export function sameKey(a: SshPublicKey, b: SshPublicKey): boolean {
  return Buffer.from(a.blob).equals(Buffer.from(b.blob));
}
