/**
 * Git's smart HTTP push protocol, the part the bot needs to move several refs
 * at once (git's `push --atomic`), which isomorphic-git's push, one ref per
 * call, does not offer. Described in git's gitprotocol-http(5) and
 * gitprotocol-pack(5): the client reads the refs the server advertises
 * (`GET info/refs?service=git-receive-pack`), then sends one command
 * `<old> <new> <ref>` per ref, the capabilities it uses after a NUL on the
 * first, and a packfile (`POST git-receive-pack`). With the `atomic`
 * capability the server applies every command or none; with `report-status`
 * it answers `unpack ok` and one `ok <ref>` or `ng <ref> <reason>` per command.
 * The server moves a ref only if it still holds `<old>` when it takes its
 * lock: a compare-and-swap on every ref.
 */

export const ZERO_OID = '0'.repeat(40);

/** What the server advertised: its refs and capabilities. */
export interface Advertisement {
  refs: Map<string, string>;
  capabilities: Set<string>;
}

export interface Command {
  ref: string;
  /** What the ref must still hold (ZERO_OID: it must not exist). */
  old: string;
  next: string;
}

/** The server's answer: whether the pack unpacked, and each ref's fate. */
export interface Report {
  unpack: string;
  refs: Map<string, { ok: true } | { ok: false; reason: string }>;
}

/** Split pkt-lines ("0000" flush lines are dropped); throws on a malformed length. */
export function readPktLines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  const text = new TextDecoder();
  for (let at = 0; at + 4 <= bytes.length; ) {
    const length = Number.parseInt(text.decode(bytes.subarray(at, at + 4)), 16);
    if (!Number.isInteger(length) || (length !== 0 && length < 4)) throw new Error(`malformed pkt-line length at byte ${at}`);
    if (length === 0) {
      at += 4;
      continue;
    }
    lines.push(text.decode(bytes.subarray(at + 4, at + length)).replace(/\n$/, ''));
    at += length;
  }
  return lines;
}

function pktLine(line: string): Uint8Array {
  const body = new TextEncoder().encode(line);
  return new Uint8Array([...new TextEncoder().encode((body.length + 4).toString(16).padStart(4, '0')), ...body]);
}

/** Parse `GET info/refs?service=git-receive-pack` (its "# service=" header, then the refs, the first with capabilities). */
export function parseAdvertisement(bytes: Uint8Array): Advertisement {
  const lines = readPktLines(bytes).filter((l) => !l.startsWith('# service='));
  const refs = new Map<string, string>();
  let capabilities = new Set<string>();
  lines.forEach((line, i) => {
    const [ref, caps] = line.split('\u0000');
    if (i === 0 && caps !== undefined) capabilities = new Set(caps.trim().split(' ').filter(Boolean));
    const match = /^([0-9a-f]{40}) (\S+)$/.exec(ref ?? '');
    // An empty repository advertises "<zero> capabilities^{}": no ref.
    if (match && match[2] !== 'capabilities^{}') refs.set(match[2]!, match[1]!);
  });
  return { refs, capabilities };
}

/** The body of `POST git-receive-pack`: the commands, a flush, the pack. */
export function receivePackRequest(commands: readonly Command[], capabilities: readonly string[], pack: Uint8Array): Uint8Array<ArrayBuffer> {
  const parts = commands.map((c, i) => pktLine(`${c.old} ${c.next} ${c.ref}${i === 0 ? `\u0000${capabilities.join(' ')}` : ''}\n`));
  const flush = new TextEncoder().encode('0000');
  const size = parts.reduce((n, p) => n + p.length, 0) + flush.length + pack.length;
  const body = new Uint8Array(size);
  let at = 0;
  for (const p of [...parts, flush, pack]) {
    body.set(p, at);
    at += p.length;
  }
  return body;
}

/** Parse the report-status answer. */
export function parseReport(bytes: Uint8Array): Report {
  const report: Report = { unpack: '', refs: new Map() };
  for (const line of readPktLines(bytes)) {
    if (line.startsWith('unpack ')) report.unpack = line.slice('unpack '.length);
    else if (line.startsWith('ok ')) report.refs.set(line.slice(3), { ok: true });
    else if (line.startsWith('ng ')) {
      const [ref, ...reason] = line.slice(3).split(' ');
      report.refs.set(ref!, { ok: false, reason: reason.join(' ') });
    }
  }
  return report;
}
