/**
 * Which key signs a member's ballot, and so whose ballot it is: the key must
 * be one the roster lists, and the handle is the member who lists it. Found the
 * way git finds it for `gpg.format=ssh` (`--key`, else `user.signingkey`: a
 * key file, its `.pub`, or `key::<public key line>`), else among the keys in
 * ssh-agent and ~/.ssh/*.pub, keeping only the roster's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseSshPublicKey, sameKey } from '../commons/ssh-key.ts';
import type { Member } from '../commons/schema/members.ts';
import type { Git } from './git-binary.ts';
import { fingerprint } from './signed.ts';
import { count } from '../commons/plural.ts';

export interface SigningKey {
  /** What to give git as `user.signingkey`. */
  spec: string;
  /** The public key line. */
  publicLine: string;
  /** The member whose key it is. */
  handle: string;
}

export type SigningKeyFound = { ok: true; key: SigningKey } | { ok: false; message: string };

interface Candidate {
  spec: string;
  publicLine: string;
  from: string;
}

/**
 * The key and handle to vote with. `key` is --key, `handle` is --handle;
 * without --key, git's `user.signingkey` is used, else the one roster key
 * found in ssh-agent or ~/.ssh.
 */
export async function findSigningKey(git: Git, roster: readonly Member[], options: { key?: string; handle?: string; env: Record<string, string | undefined> }): Promise<SigningKeyFound> {
  const configured = options.key ?? (await git(['config', '--get', 'user.signingkey'])).stdout.trim();
  const home = options.env.HOME ?? homedir();
  if (configured) {
    const candidate = fromSpec(configured, home);
    if (!candidate.ok) return candidate;
    return ownerOf(candidate.value, roster, options.handle);
  }
  const candidates = [...agentKeys(options.env), ...homeKeys(home)];
  const owned = candidates.flatMap((c) => {
    const found = ownerOf(c, roster, options.handle);
    return found.ok ? [found.key] : [];
  });
  const distinct = [...new Map(owned.map((k) => [`${k.handle} ${k.publicLine}`, k])).values()];
  if (distinct.length === 1) return { ok: true, key: distinct[0]! };
  if (distinct.length === 0) {
    return { ok: false, message: `no signing key: git config user.signingkey is not set, and none of the ${count(candidates.length, 'key')} in ssh-agent and ${join(home, '.ssh')}/*.pub is listed${options.handle ? ` for ${options.handle}` : ''} in governance/members.yml. Give your key with --key ~/.ssh/id_ed25519, or set it once: git config user.signingkey ~/.ssh/id_ed25519` };
  }
  return { ok: false, message: `several of your keys are members' keys (${distinct.map((k) => `${k.handle}: ${k.spec}`).join(', ')}): say which with --key${options.handle ? '' : ' or --handle'}` };
}

/** The member listing the candidate's key (and matching --handle when given). */
function ownerOf(candidate: Candidate, roster: readonly Member[], handle: string | undefined): SigningKeyFound {
  const parsed = parseSshPublicKey(candidate.publicLine);
  if (!parsed.ok) return { ok: false, message: `the signing key ${candidate.from}: ${parsed.error}` };
  const owners = roster.filter((m) => m.keys.some((line) => {
    const listed = parseSshPublicKey(line);
    return listed.ok && sameKey(listed.key, parsed.key);
  }));
  const who = fingerprint(parsed.key.blob);
  if (owners.length === 0) return { ok: false, message: `the signing key ${candidate.from} (${who}) is listed for no member in governance/members.yml: only a member's key makes a ballot count (to join: noclout join)` };
  const owner = handle === undefined ? (owners.length === 1 ? owners[0] : undefined) : owners.find((m) => m.handle === handle);
  if (!owner) {
    return { ok: false, message: handle === undefined ? `the signing key ${candidate.from} is listed for ${owners.map((m) => m.handle).join(' and ')}: say which with --handle` : `the signing key ${candidate.from} (${who}) is ${owners.map((m) => m.handle).join(' and ')}'s, not ${handle}'s: give ${handle}'s key with --key` };
  }
  return { ok: true, key: { spec: candidate.spec, publicLine: candidate.publicLine, handle: owner.handle } };
}

/** Read a `user.signingkey` value as git does: `key::<line>`, a bare public key line, or a key file (private or .pub). */
function fromSpec(spec: string, home: string): { ok: true; value: Candidate } | { ok: false; message: string } {
  if (spec.startsWith('key::')) return { ok: true, value: { spec, publicLine: spec.slice('key::'.length).trim(), from: 'given as key::' } };
  if (spec.startsWith('ssh-')) return { ok: true, value: { spec: `key::${spec}`, publicLine: spec.trim(), from: 'given as a public key line' } };
  const path = spec.startsWith('~/') ? join(home, spec.slice(2)) : spec;
  if (!existsSync(path)) return { ok: false, message: `the signing key file ${path} does not exist (from ${spec === path ? '' : `"${spec}", `}--key or git config user.signingkey)` };
  const text = readFileSync(path, 'utf8');
  if (text.startsWith('ssh-')) return { ok: true, value: { spec: path, publicLine: text.trim().split('\n')[0]!, from: path } };
  if (existsSync(`${path}.pub`)) return { ok: true, value: { spec: path, publicLine: readFileSync(`${path}.pub`, 'utf8').trim().split('\n')[0]!, from: path } };
  // No .pub beside it: ask ssh-keygen for the public half; an empty passphrase keeps it from prompting.
  const derived = publicHalf(path);
  if (!derived) return { ok: false, message: `cannot read the public key of ${path}: put its .pub file beside it (ssh-keygen -y -f ${path} > ${path}.pub)` };
  return { ok: true, value: { spec: path, publicLine: derived, from: path } };
}

function publicHalf(path: string): string | undefined {
  const out = spawnSync('ssh-keygen', ['-y', '-P', '', '-f', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.status === 0 && out.stdout.startsWith('ssh-') ? out.stdout.trim() : undefined;
}

/** The public keys ssh-agent holds (none without an agent). */
function agentKeys(env: Record<string, string | undefined>): Candidate[] {
  if (!env.SSH_AUTH_SOCK) return [];
  const out = spawnSync('ssh-add', ['-L'], { encoding: 'utf8', env: { ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'] });
  if (out.status !== 0) return [];
  return out.stdout.split('\n').filter((l) => l.startsWith('ssh-')).map((line) => ({ spec: `key::${line.trim()}`, publicLine: line.trim(), from: 'in ssh-agent' }));
}

/** ~/.ssh/*.pub, signing with the private key beside each when it exists. */
function homeKeys(home: string): Candidate[] {
  const dir = join(home, '.ssh');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pub'))
    .flatMap((name) => {
      const pub = join(dir, name);
      const line = readFileSync(pub, 'utf8').trim().split('\n')[0] ?? '';
      if (!line.startsWith('ssh-')) return [];
      const secret = pub.slice(0, -'.pub'.length);
      return [{ spec: existsSync(secret) ? secret : pub, publicLine: line, from: pub }];
    });
}
