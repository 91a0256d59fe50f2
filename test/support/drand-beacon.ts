/**
 * A drand beacon for tests, on 127.0.0.1: its own BLS key made here, the unchained RFC 9380
 * scheme of quicknet (signatures on G1, key on G2), and a clock the test moves. It serves drand's
 * HTTP API — `/<chainHash>/info`, `/<chainHash>/public/<round>`, `/<chainHash>/public/latest` —
 * and answers 425 Too Early for a round in the future of its clock, exactly as a real node would:
 * the secret that opens a sealed ballot does not exist outside this object before its time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha2';
import { SCHEME, type Beacon } from '../../src/ballots/sealed.ts';

const DST_G1 = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

export interface TestBeacon {
  /** The policy's `beacon:` block for this beacon (url points at the loopback server). */
  beacon: Beacon;
  /** The beacon's clock, in milliseconds since the epoch. */
  now: number;
  /** Down: every request fails as a refused connection would (the socket is destroyed). */
  down: boolean;
  /** Hostile: every request is answered 200 with this body instead (`null`, a huge or endless one…). */
  garbage: string | undefined;
  /** Requests served, for tests that check the bot asked (or did not). */
  requests: string[];
  /** The round's signature, as the beacon would publish it (hex); for tests that build records. */
  sign(round: number): string;
  /** The first round at or after `ms`, and when a round is published. */
  roundAt(ms: number): number;
  timeOf(round: number): number;
  stop(): Promise<void>;
}

function roundMessage(round: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(round));
  return sha256(bytes);
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * Start a beacon. `genesis` (unix seconds) and `period` default to quicknet's shape; `now` starts
 * at the genesis unless given.
 */
export async function startBeacon(options: { genesis?: number; period?: number; now?: number } = {}): Promise<TestBeacon> {
  const genesis = options.genesis ?? 1_692_803_367;
  const period = options.period ?? 3;
  const secretKey = bls12_381.utils.randomSecretKey();
  const publicKey = bls12_381.shortSignatures.getPublicKey(secretKey).toHex(true);
  // drand's chain hash digests the chain's parameters; any 32 bytes naming this chain will do.
  const chainHash = hex(sha256(new TextEncoder().encode(`${publicKey}|${genesis}|${period}|${SCHEME}`)));

  const sign = (round: number): string =>
    bls12_381.shortSignatures.sign(bls12_381.G1.hashToCurve(roundMessage(round), { DST: DST_G1 }) as never, secretKey).toHex(true);
  const timeOf = (round: number): number => (genesis + (round - 1) * period) * 1000;
  const latestAt = (ms: number): number => Math.floor((ms - genesis * 1000) / (period * 1000)) + 1;

  const state = {
    now: options.now ?? genesis * 1000,
    down: false,
    garbage: undefined as string | undefined,
    requests: [] as string[],
  };

  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    state.requests.push(path);
    if (state.down) {
      request.socket.destroy();
      return;
    }
    if (state.garbage !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(state.garbage);
      return;
    }
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const [, hash, what, which] = path.split('/');
    if (hash !== chainHash) return send(404, { error: 'unknown chain' });
    if (what === 'info' && which === undefined) {
      return send(200, {
        public_key: publicKey,
        period,
        genesis_time: genesis,
        hash: chainHash,
        groupHash: chainHash,
        schemeID: SCHEME,
        metadata: { beaconID: 'noclout-test' },
      });
    }
    if (what !== 'public' || which === undefined) return send(404, { error: 'not found' });
    const latest = latestAt(state.now);
    const round = which === 'latest' ? latest : /^[1-9][0-9]*$/.test(which) ? Number(which) : NaN;
    if (!Number.isSafeInteger(round) || round < 1) return send(400, { error: 'bad round' });
    if (round > latest) return send(425, { error: 'round in the future' });
    const signature = sign(round);
    return send(200, { round, randomness: hex(sha256(Buffer.from(signature, 'hex'))), signature });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    beacon: { url: `http://127.0.0.1:${port}`, chainHash, publicKey, genesis, period, scheme: SCHEME },
    get now() {
      return state.now;
    },
    set now(ms: number) {
      state.now = ms;
    },
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    get garbage() {
      return state.garbage;
    },
    set garbage(value: string | undefined) {
      state.garbage = value;
    },
    requests: state.requests,
    sign,
    roundAt: (ms) => Math.max(1, Math.ceil((ms - genesis * 1000) / (period * 1000)) + 1),
    timeOf,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
