/**
 * A decision record carries `digest: sha256:<hex>` over its own text (with the
 * digest line removed). The bot writes it; `noclout check` and `noclout audit`
 * recompute it, so a record edited by hand is reported: records are written by
 * the bot only (DESIGN.md, Decision records). node:crypto's hash is pure
 * computation (no I/O), so it is allowed in commons/.
 */
import { createHash } from 'node:crypto';

const DIGEST_LINE = /^digest: *["']?(sha256:[0-9a-f]{64})?["']? *\r?\n/m;

/** The text the digest covers: the record without its digest line. */
export function digestedText(recordText: string): string {
  return recordText.replace(DIGEST_LINE, '');
}

/** `sha256:<hex>` of the record without its digest line. */
export function recordDigest(recordText: string): string {
  return `sha256:${createHash('sha256').update(digestedText(recordText), 'utf8').digest('hex')}`;
}

/**
 * Insert (or replace) the digest line right after the opening `---`.
 * Example: sealRecord('---\nchange: x\n---\n') → '---\ndigest: sha256:…\nchange: x\n---\n'
 */
export function sealRecord(recordText: string): string {
  const body = digestedText(recordText);
  if (!body.startsWith('---\n')) throw new Error('a decision record starts with front matter');
  return `---\ndigest: ${recordDigest(body)}\n${body.slice(4)}`;
}

/** True when the digest written in the record matches its text. */
export function recordIntact(recordText: string): boolean {
  const written = DIGEST_LINE.exec(recordText)?.[1];
  return written !== undefined && written === recordDigest(recordText);
}
