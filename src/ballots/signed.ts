/**
 * SSH signatures on commits (git's `gpg.format=ssh`), verified with node:crypto
 * alone. The signature is OpenSSH's SSHSIG blob (PROTOCOL.sshsig): the signer's
 * public key, the namespace ("git" for commits), the hash algorithm and the
 * signature over "SSHSIG" ‖ namespace ‖ reserved ‖ hash ‖ H(message). Only
 * ed25519 is accepted, the one kind members.yml accepts.
 *
 * The key inside the blob is only a claim: a signature counts for a member when
 * it verifies AND its key is one listed for that member in the frozen roster.
 */
import { recordText, text, type BotText } from '../commons/texts/index.ts';
import { signatureFaultText, type SignatureFault } from '../commons/texts/problems-en.ts';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { ed25519Bytes, parseSshPublicKey, readSshStrings } from '../commons/ssh-key.ts';
import type { Member } from '../commons/schema/members.ts';

/** A signature that does not verify says why (`reason`, English), and as a catalogue fault with what it names (texts/problems-en.ts). */
export type SignatureCheck = { ok: true; keyBlob: Uint8Array } | { ok: false; reason: string; fault: SignatureFault; found: string; expected: string };

function refused(fault: SignatureFault, found = '', expected = ''): SignatureCheck {
  return { ok: false, reason: signatureFaultText({ fault, found, expected }), fault, found, expected };
}

const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';

/** Verify an armored SSH signature over `message` for `namespace`. */
export function verifySshSignature(message: string | Uint8Array, armored: string, namespace = 'git'): SignatureCheck {
  const text = armored.trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END)) return refused('not-ssh');
  const blob = new Uint8Array(Buffer.from(text.slice(BEGIN.length, -END.length).replace(/\s+/g, ''), 'base64'));
  const magic = new TextDecoder().decode(blob.subarray(0, 6));
  if (magic !== 'SSHSIG' || blob.length < 10) return refused('no-magic');
  const version = new DataView(blob.buffer, blob.byteOffset + 6, 4).getUint32(0);
  if (version !== 1) return refused('version', String(version));
  const fields = readSshStrings(blob.subarray(10));
  if (!fields || fields.length !== 5) return refused('malformed');
  const [publicKey, ns, reserved, hashName, signature] = fields as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const decoder = new TextDecoder();
  if (decoder.decode(ns) !== namespace) return refused('namespace', decoder.decode(ns), namespace);
  const hash = decoder.decode(hashName);
  if (hash !== 'sha512' && hash !== 'sha256') return refused('hash', hash);
  const keyBytes = ed25519Bytes(publicKey, 32);
  if (!keyBytes) return refused('key-not-ed25519');
  const signatureBytes = ed25519Bytes(signature, 64);
  if (!signatureBytes) return refused('signature-not-ed25519');
  const digest = createHash(hash).update(message).digest();
  const signed = Buffer.concat([Buffer.from('SSHSIG'), sshString(ns), sshString(reserved), sshString(hashName), sshString(digest)]);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(keyBytes).toString('base64url') }, format: 'jwk' });
  if (!verify(null, signed, key, signatureBytes)) return refused('does-not-verify');
  return { ok: true, keyBlob: publicKey };
}

function sshString(bytes: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Who signed a commit, among the roster: a member handle, or why nobody, in English (`reason`) and as its code (src/commons/texts/). */
export type Signer = { ok: true; handle: string } | { ok: false; reason: string; code: BotText };

/** The member whose listed key made a commit's signature. */
export function commitSigner(payload: string | Uint8Array, signature: string | undefined, roster: readonly Member[]): Signer {
  if (!signature) return coded(text('ballot-unsigned', {}));
  const check = verifySshSignature(payload, signature, 'git');
  if (!check.ok) return coded(text('ballot-bad-signature', { fault: check.fault, found: check.found, expected: check.expected }));
  const blob = Buffer.from(check.keyBlob);
  for (const member of roster) {
    for (const line of member.keys) {
      const parsed = parseSshPublicKey(line);
      if (parsed.ok && blob.equals(Buffer.from(parsed.key.blob))) return { ok: true, handle: member.handle };
    }
  }
  return coded(text('ballot-unknown-key', { key: fingerprint(check.keyBlob) }));
}

function coded(code: BotText): Signer {
  return { ok: false, reason: recordText(code), code };
}

/** OpenSSH's fingerprint of a key: "SHA256:" + unpadded base64 of sha256(blob). */
export function fingerprint(keyBlob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
