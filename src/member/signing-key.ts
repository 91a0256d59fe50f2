/**
 * Which of the person's keys signs as a member, and so whose commit it is: the key must be one
 * the roster lists, and the handle is the member who lists it. The key is the one git would sign
 * with (`--key`, else `user.signingkey`); with neither, the one roster key among those found in
 * ssh-agent and ~/.ssh (src/member/ssh-keys.ts). Used by `noclout vote` and `noclout join --for`.
 */
import { count } from '../commons/plural.ts';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint } from '../commons/founding.ts';
import type { Member } from '../commons/schema/members.ts';
import { parseSshPublicKey, sameKey } from '../commons/ssh-key.ts';
import { noclout } from '../commons/suggested-command.ts';
import { gitConfig, type Env, type Git } from './git-program.ts';
import { discoverKeys, KeyError, keyFromSpec, type FoundKey } from './ssh-keys.ts';

/** A key the roster lists, with the member it speaks for. */
export interface SigningKey extends FoundKey {
  handle: string;
}

export type SigningKeyFound = { ok: true; key: SigningKey } | { ok: false; message: string };

export interface SigningKeyOptions {
  /** --key, when given (read from `cwd`). */
  key?: string;
  /** --handle, when given: the key must be this member's. */
  handle?: string;
  env: Env;
  /** Where --key's relative path is read from; `user.signingkey`'s is read from `repo`. */
  cwd: string;
  repo: string;
  /** The options the command offers to choose, named in its messages (join --for has none: its --key is the newcomer's). */
  flags?: { key?: string; handle?: string };
}

/** The members whose `keys:` list the key on `publicLine` (comments aside). */
export function holdersOf(roster: readonly Member[], publicLine: string): Member[] {
  const parsed = parseSshPublicKey(publicLine);
  if (!parsed.ok) return [];
  return roster.filter((m) =>
    m.keys.some((line) => {
      const listed = parseSshPublicKey(line);
      return listed.ok && sameKey(listed.key, parsed.key);
    }),
  );
}

/**
 * The key and handle to sign with: the key git is told to use (--key, else `user.signingkey`),
 * which must be a member's; else the one member key found in ssh-agent or ~/.ssh.
 */
export async function findSigningKey(git: Git, roster: readonly Member[], options: SigningKeyOptions): Promise<SigningKeyFound> {
  const keyFlag = options.flags?.key;
  const handleFlag = options.flags?.handle;
  const configured = options.key === undefined ? await gitConfig(git, 'user.signingkey') : undefined;
  if (options.key !== undefined || configured !== undefined) {
    try {
      const named = options.key !== undefined ? await keyFromSpec(options.key, '--key', options.cwd, options.env) : await keyFromSpec(configured!, 'git config user.signingkey', options.repo, options.env);
      return ownerOf(named, roster, options.handle, handleFlag);
    } catch (error) {
      if (error instanceof KeyError) return { ok: false, message: `the signing key: ${error.message}` };
      throw error;
    }
  }
  const found = await discoverKeys(options.env);
  const owned = found.flatMap((key) => {
    const owner = ownerOf(key, roster, options.handle, handleFlag);
    return owner.ok ? [owner.key] : [];
  });
  if (owned.length === 1) return { ok: true, key: owned[0]! };
  const setOnce = 'git config user.signingkey ~/.ssh/id_ed25519';
  if (owned.length === 0) {
    return { ok: false, message: `no signing key: git config user.signingkey is not set, and none of the ${count(found.length, 'ed25519 key')} in ssh-agent and ${join(options.env.HOME ?? homedir(), '.ssh')}/*.pub is listed${options.handle ? ` for ${options.handle}` : ''} in governance/members.yml. ${keyFlag ? `Give your key with ${keyFlag} ~/.ssh/id_ed25519, or set it once: ${setOnce}` : `Set the key you sign with: ${setOnce}`}` };
  }
  const choose = [keyFlag, options.handle ? undefined : handleFlag].filter(Boolean).join(' or ');
  return { ok: false, message: `several of your keys are members' keys (${owned.map((k) => `${k.handle}: ${k.spec}`).join(', ')}): ${choose ? `say which with ${choose}` : 'set the one to sign with: git config user.signingkey <its key file>'}` };
}

/** The member listing the key (and matching --handle when given). */
function ownerOf(key: FoundKey, roster: readonly Member[], handle: string | undefined, handleFlag: string | undefined): SigningKeyFound {
  const owners = holdersOf(roster, key.publicLine);
  const who = keyFingerprint(key.publicLine);
  if (owners.length === 0) return { ok: false, message: `the signing key from ${key.source} (${who}) is listed for no member in governance/members.yml: only a member's key makes a ballot or a change count (to join: ${noclout('join')})` };
  const owner = handle === undefined ? (owners.length === 1 ? owners[0] : undefined) : owners.find((m) => m.handle === handle);
  if (!owner) {
    const names = owners.map((m) => m.handle).join(' and ');
    return { ok: false, message: handle === undefined ? `the signing key from ${key.source} is listed for ${names}${handleFlag ? `: say which with ${handleFlag}` : ''}` : `the signing key from ${key.source} (${who}) is ${names}'s, not ${handle}'s: give ${handle}'s key with --key` };
  }
  return { ok: true, key: { ...key, handle: owner.handle } };
}
