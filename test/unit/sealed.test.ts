/**
 * Sealed ballots' cryptography (issue 13): seal to a round, read the round without opening, open
 * only with the beacon's signature of that round, verify a round's signature. The beacon is a
 * test beacon on loopback with its own BLS key; nothing here touches the network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  QUICKNET,
  closeRound,
  fetchRound,
  open,
  readSealed,
  roundTimeMs,
  seal,
  verifyRound,
} from '../../src/ballots/sealed.ts';
import { startBeacon, type TestBeacon } from '../support/drand-beacon.ts';
import { readSealedPlaintext, writeSealedPlaintext } from '../../src/ballots/ballot-file.ts';
import { MAX_SEALED_CHARS, padSealedPlaintext, SEALED_PLAINTEXT_BYTES } from '../../src/commons/sealed-text.ts';
import { ballotPlaintext } from '../../src/site/seal/seal-ballot.ts';
import { KNOWN_BEACONS } from '../../src/commons/schema/policy.ts';

let test: TestBeacon;
const ROUND = 1000;
const BALLOT = 'voter: ada\nchange: a-post\nvote: yes\nreason: Clear and kind.\n';

beforeAll(async () => {
  test = await startBeacon();
});
afterAll(() => test.stop());

describe('sealing and opening', () => {
  it('a ballot sealed to a round opens with the beacon’s signature of that round', async () => {
    const armored = await seal(BALLOT, ROUND, test.beacon);
    expect(armored).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
    expect(armored).not.toContain('ada');
    const opened = await open(armored, { round: ROUND, signature: test.sign(ROUND) }, test.beacon);
    expect(opened).toEqual({ ok: true, plaintext: BALLOT });
  });

  it('a wrong signature does not open it (another key’s signature of the same round)', async () => {
    const other = await startBeacon({ genesis: test.beacon.genesis, period: test.beacon.period });
    try {
      const armored = await seal(BALLOT, ROUND, test.beacon);
      const opened = await open(armored, { round: ROUND, signature: other.sign(ROUND) }, test.beacon);
      expect(opened).toEqual({ ok: false, failure: { code: 'sealed-bad-signature' } });
      // Even past the verification, the decryption itself refuses a signature that is not the key.
      const forged = await open(armored, { round: ROUND, signature: other.sign(ROUND) }, { ...test.beacon, publicKey: other.beacon.publicKey });
      expect(forged).toEqual({ ok: false, failure: { code: 'sealed-undecryptable' } });
    } finally {
      await other.stop();
    }
  });

  it('the signature of another round does not open it', async () => {
    const armored = await seal(BALLOT, ROUND, test.beacon);
    const early = await open(armored, { round: ROUND - 1, signature: test.sign(ROUND - 1) }, test.beacon);
    expect(early).toEqual({ ok: false, failure: { code: 'sealed-wrong-round', round: ROUND } });
    const mislabelled = await open(armored, { round: ROUND, signature: test.sign(ROUND - 1) }, test.beacon);
    expect(mislabelled).toEqual({ ok: false, failure: { code: 'sealed-bad-signature' } });
  });

  it('a ballot sealed to another chain is refused before any decryption', async () => {
    const armored = await seal(BALLOT, ROUND, QUICKNET);
    const opened = await open(armored, { round: ROUND, signature: test.sign(ROUND) }, test.beacon);
    expect(opened).toEqual({ ok: false, failure: { code: 'sealed-wrong-chain', chainHash: QUICKNET.chainHash } });
  });

  it('a tampered ciphertext does not open', async () => {
    const armored = await seal(BALLOT, ROUND, test.beacon);
    const lines = armored.split('\n');
    // Flip one base64 character of the payload (the armor's last data line).
    const at = lines.length - 3;
    const line = lines[at]!;
    lines[at] = (line[0] === 'A' ? 'B' : 'A') + line.slice(1);
    const opened = await open(lines.join('\n'), { round: ROUND, signature: test.sign(ROUND) }, test.beacon);
    expect(opened.ok).toBe(false);
  });
});

describe('verifying a round', () => {
  it('the beacon’s signature of a round verifies against its public key', () => {
    expect(verifyRound(test.beacon, ROUND, test.sign(ROUND))).toBe(true);
  });

  it('a signature of another round does not verify', () => {
    expect(verifyRound(test.beacon, ROUND, test.sign(ROUND + 1))).toBe(false);
  });

  it('garbage, uppercase or truncated signatures do not verify', () => {
    const sig = test.sign(ROUND);
    expect(verifyRound(test.beacon, ROUND, sig.toUpperCase())).toBe(false);
    expect(verifyRound(test.beacon, ROUND, sig.slice(2))).toBe(false);
    expect(verifyRound(test.beacon, ROUND, 'ff'.repeat(48))).toBe(false);
  });
});

describe('reading a sealed ballot without opening it', () => {
  it('gives the round and the chain hash', async () => {
    const armored = await seal(BALLOT, ROUND, test.beacon);
    expect(readSealed(armored)).toEqual({ ok: true, header: { round: ROUND, chainHash: test.beacon.chainHash } });
  });

  it('names what is wrong with a text that is not a sealed ballot', async () => {
    const armored = await seal(BALLOT, ROUND, test.beacon);
    expect(readSealed('vote: yes')).toMatchObject({ ok: false, issue: { code: 'sealed-not-armored', line: 1 } });
    expect(readSealed(armored.replace('-----END AGE ENCRYPTED FILE-----', ''))).toMatchObject({
      ok: false,
      issue: { code: 'sealed-not-armored' },
    });
    const lines = armored.split('\n');
    lines[2] = `${lines[2]}xyz`;
    expect(readSealed(lines.join('\n'))).toMatchObject({ ok: false, issue: { code: 'sealed-armor-line', line: 3 } });
    expect(readSealed('x'.repeat(MAX_SEALED_CHARS + 1))).toMatchObject({ ok: false, issue: { code: 'sealed-too-large' } });
  });

  it('refuses an age file with two stanzas, or a stanza that is not tlock', async () => {
    const armored = await seal(BALLOT, ROUND, test.beacon);
    const binary = Buffer.from(armored.split('\n').slice(1, -2).join(''), 'base64').toString('latin1');
    const rearmor = (text: string): string => {
      const b64 = Buffer.from(text, 'latin1').toString('base64');
      const chunks = b64.match(/.{1,64}/g)!;
      const tail = chunks[chunks.length - 1]!.length === 64 ? '\n' : '';
      return `-----BEGIN AGE ENCRYPTED FILE-----\n${chunks.join('\n')}\n${tail}-----END AGE ENCRYPTED FILE-----\n`;
    };
    expect(readSealed(rearmor(binary))).toMatchObject({ ok: true });
    const [version, stanza, ...rest] = binary.split('\n');
    const twice = [version, stanza, ...rest.slice(0, 3), stanza, ...rest].join('\n');
    expect(readSealed(rearmor(twice))).toMatchObject({ ok: false, issue: { code: 'sealed-stanza-count' } });
    const x25519 = binary.replace(/^-> tlock/m, '-> X25519');
    expect(readSealed(rearmor(x25519))).toMatchObject({ ok: false, issue: { code: 'sealed-not-tlock' } });
    const badRound = binary.replace(`-> tlock ${ROUND} `, '-> tlock 01000 ');
    expect(readSealed(rearmor(badRound))).toMatchObject({ ok: false, issue: { code: 'sealed-stanza-args' } });
  });
});

describe('the round of a vote', () => {
  it('is the first round published at or after the close', () => {
    const beacon = { genesis: 1000, period: 3 };
    expect(roundTimeMs(1, beacon)).toBe(1_000_000);
    expect(closeRound(1_000_000, beacon)).toBe(1);
    expect(closeRound(1_000_001, beacon)).toBe(2);
    expect(closeRound(1_003_000, beacon)).toBe(2);
    expect(closeRound(1_003_001, beacon)).toBe(3);
    for (const close of [1_000_500, 1_234_567, 9_999_999]) {
      const round = closeRound(close, beacon);
      expect(roundTimeMs(round, beacon)).toBeGreaterThanOrEqual(close);
      expect(roundTimeMs(round - 1, beacon)).toBeLessThan(close);
    }
  });
});

describe('fetching a round from the beacon', () => {
  it('returns a verified signature for a published round', async () => {
    test.now = test.timeOf(ROUND);
    expect(await fetchRound(test.beacon, ROUND)).toEqual({ ok: true, round: ROUND, signature: test.sign(ROUND) });
  });

  it('the beacon refuses a round in its future, so nothing opens early', async () => {
    test.now = test.timeOf(ROUND) - 1;
    expect(await fetchRound(test.beacon, ROUND)).toMatchObject({ ok: false, reason: 'not-yet' });
  });

  it('a beacon that is down is unreachable', async () => {
    test.down = true;
    try {
      expect(await fetchRound(test.beacon, ROUND)).toMatchObject({ ok: false, reason: 'unreachable' });
    } finally {
      test.down = false;
    }
  });

  it('a server answering with a signature that does not verify is refused', async () => {
    const impostor = await startBeacon({ genesis: test.beacon.genesis, now: test.timeOf(ROUND) });
    try {
      const result = await fetchRound({ ...test.beacon, url: impostor.beacon.url, chainHash: impostor.beacon.chainHash }, ROUND);
      expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    } finally {
      await impostor.stop();
    }
  });
});

describe('in the browser', () => {
  it('the module imports nothing from node:', () => {
    const source = readFileSync(new URL('../../src/ballots/sealed.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from ['"]node:/);
    expect(source).toMatch(/from 'buffer'/);
  });
});

describe('issue 13 review: a sealed ballot\'s size says nothing of what it holds', () => {
  const sizes = async (texts: readonly string[]) => new Set(await Promise.all(texts.map(async (t) => (await seal(t, ROUND, QUICKNET)).length)));
  const votes = ['yes', 'no', 'abstain'] as const;

  it('yes, no and abstain, without a reason, with a short one or a long one, seal to one size, from the command line\'s writer and the site\'s form', async () => {
    const reasons = [undefined, 'Ok.', 'Too strict for short notes, and nobody reads the sources anyway. '.repeat(25), 'é'.repeat(1900)];
    const cli = votes.flatMap((vote) => reasons.map((reason) => writeSealedPlaintext({ voter: 'ada', change: 'a-post', vote, ...(reason ? { reason } : {}) })));
    const site = votes.flatMap((vote) => reasons.map((reason) => ballotPlaintext('a-post', { voter: 'ada', vote, ...(reason ? { reason } : {}) })));
    for (const text of [...cli, ...site]) expect(new TextEncoder().encode(text).length).toBe(SEALED_PLAINTEXT_BYTES);
    const sized = await sizes([...cli, ...site]);
    expect(sized.size).toBe(1);
    expect([...sized][0]).toBeLessThanOrEqual(MAX_SEALED_CHARS);
    // Padded, it still reads as the ballot it is.
    expect(readSealedPlaintext(cli[2]!)).toEqual({ voter: 'ada', change: 'a-post', vote: 'yes', reason: reasons[2] });
    expect(readSealedPlaintext(site[9]!)).toMatchObject({ voter: 'ada', change: 'a-post', vote: 'abstain' });
  });

  it('control: unpadded, "abstain" seals longer than "yes", which is what the padding hides', async () => {
    const unpadded = votes.map((vote) => `voter: ada\nchange: a-post\nvote: ${vote}\n`);
    expect((await sizes(unpadded)).size).toBeGreaterThan(1);
  });

  it('a text too long to pad is refused, never sealed unpadded', () => {
    expect(padSealedPlaintext('x'.repeat(SEALED_PLAINTEXT_BYTES))).toBeUndefined();
    expect(() => writeSealedPlaintext({ voter: 'ada', change: 'a-post', vote: 'no', reason: '\u0001'.repeat(2000) })).toThrow(RangeError);
  });
});

describe('issue 13 review: a hostile or broken beacon never stops the bot', () => {
  /** A loopback server answering every request with `answer`; its address stands in for the beacon's. */
  async function server(answer: (res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
    const sockets = new Set<Socket>();
    const s = createServer((_req, res) => answer(res));
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const { port } = s.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        s.close(() => done());
      }),
    };
  }
  const json = (body: string) => (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  };

  it('JSON that is not an object (null, a number, an array) is invalid, not a crash', async () => {
    for (const body of ['null', '42', '[1,2]', '"x"', '{"round":"1000","signature":7}']) {
      const bad = await server(json(body));
      try {
        expect(await fetchRound({ ...test.beacon, url: bad.url }, ROUND), body).toMatchObject({ ok: false, reason: 'invalid' });
      } finally {
        await bad.close();
      }
    }
  });

  it('a huge body is cut off at a bound, never read whole', async () => {
    let sent = 0;
    const huge = await server((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const more = () => {
        while (sent < 512 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.write('{"round":1000,"signature":"');
      more();
    });
    try {
      const result = await fetchRound({ ...test.beacon, url: huge.url }, ROUND);
      expect(result).toMatchObject({ ok: false, reason: 'invalid' });
      expect(sent).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await huge.close();
    }
  });

  it('a beacon that sends its headers, then nothing, times out: unreachable', async () => {
    const slow = await server((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"round":');
    });
    try {
      const started = Date.now();
      const result = await fetchRound({ ...test.beacon, url: slow.url }, ROUND, { fetch: globalThis.fetch, timeoutMs: 300 });
      expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await slow.close();
    }
  });

  it('control: the same servers answering a good round are believed', async () => {
    test.now = test.timeOf(ROUND);
    const good = await server(json(JSON.stringify({ round: ROUND, signature: test.sign(ROUND), randomness: 'ab' })));
    try {
      expect(await fetchRound({ ...test.beacon, url: good.url }, ROUND)).toEqual({ ok: true, round: ROUND, signature: test.sign(ROUND) });
    } finally {
      await good.close();
    }
  });
});

describe('issue 13 review: the documented beacon', () => {
  it('QUICKNET (the browser\'s copy, without zod) is the policy check\'s known quicknet', () => {
    const { name: _name, ...known } = KNOWN_BEACONS[0]!;
    expect(known).toEqual({ chainHash: QUICKNET.chainHash, publicKey: QUICKNET.publicKey, genesis: QUICKNET.genesis, period: QUICKNET.period });
  });
});
