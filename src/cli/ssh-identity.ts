/**
 * Finding a person's SSH key (for `noclout init` and `noclout join`): the key given with --key (a
 * key line or a file), the keys ssh-agent holds (`ssh-add -L`), then ~/.ssh/*.pub. Only ed25519
 * keys count, the one kind members.yml accepts. Each key comes with the value git's
 * `user.signingkey` needs to sign with it: the private key file when it sits beside the .pub,
 * otherwise the key itself (`key::ssh-ed25519 …`), which git signs with through the agent.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSshPublicKey } from '../commons/ssh-key.ts';
import { runProgram } from './git-command.ts';

export interface FoundKey {
  /** "ssh-ed25519 AAAA… comment" */
  line: string;
  /** What `git config user.signingkey` is set to, to sign with this key. */
  signingKey: string;
  /** Where it was found, for messages: "--key", "ssh-agent", "~/.ssh/id_ed25519.pub". */
  source: string;
}

/** Why no key could be used, to tell the person. */
export class KeyError extends Error {
  readonly code = 'key/not-found';
}

const PRIVATE = /-----BEGIN (?:OPENSSH |RSA |EC |DSA )?PRIVATE KEY-----/;

/** A --key value: a public key line, a .pub file, or a private key file (its .pub beside it, or derived by ssh-keygen -y). */
export async function keyFromArgument(value: string, cwd: string, env: Record<string, string | undefined>): Promise<FoundKey> {
  const trimmed = value.trim();
  if (/^(ssh-|ecdsa-|sk-)/.test(trimmed)) return checked({ line: trimmed, signingKey: `key::${trimmed}`, source: '--key' });
  const path = resolve(cwd, expandHome(trimmed, env));
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) throw new KeyError(`--key ${value}: neither a key line ("ssh-ed25519 AAAA…") nor a readable file`);
  if (PRIVATE.test(text)) {
    const pub = await readFile(`${path}.pub`, 'utf8').catch(() => undefined);
    const line = pub?.trim() ?? (await derivePublic(path, env));
    return checked({ line, signingKey: path, source: `--key ${value}` });
  }
  const line = text.trim().split('\n')[0]!.trim();
  const privatePath = path.endsWith('.pub') ? path.slice(0, -4) : undefined;
  const hasPrivate = privatePath !== undefined && (await stat(privatePath).catch(() => undefined))?.isFile() === true;
  return checked({ line, signingKey: hasPrivate ? privatePath : `key::${line}`, source: `--key ${value}` });
}

/** Every ed25519 key the person holds: the agent's first, then ~/.ssh/*.pub (sorted by name). */
export async function discoverKeys(env: Record<string, string | undefined>): Promise<FoundKey[]> {
  const found: FoundKey[] = [];
  if (env.SSH_AUTH_SOCK) {
    const agent = await runProgram('ssh-add', ['-L'], { env: { ...process.env, ...env } });
    if (agent.code === 0) {
      for (const line of agent.stdout.split('\n').map((l) => l.trim())) if (parseSshPublicKey(line).ok) found.push({ line, signingKey: `key::${line}`, source: 'ssh-agent' });
    }
  }
  const dir = join(env.HOME ?? homedir(), '.ssh');
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.pub')).sort(preferEd25519)) {
    const line = (await readFile(join(dir, name), 'utf8').catch(() => '')).trim().split('\n')[0]!.trim();
    if (!parseSshPublicKey(line).ok || found.some((f) => sameBlob(f.line, line))) continue;
    const privatePath = join(dir, name.slice(0, -4));
    const hasPrivate = (await stat(privatePath).catch(() => undefined))?.isFile() === true;
    found.push({ line, signingKey: hasPrivate ? privatePath : `key::${line}`, source: `~/.ssh/${name}` });
  }
  return found;
}

/** The key to use: --key when given, else the first one found; a KeyError says how to make one. */
export async function chooseKey(given: string | undefined, cwd: string, env: Record<string, string | undefined>): Promise<FoundKey> {
  if (given !== undefined) return keyFromArgument(given, cwd, env);
  const [first] = await discoverKeys(env);
  if (!first) {
    throw new KeyError('no ed25519 SSH key found (none in ssh-agent, none in ~/.ssh/*.pub); make one with: ssh-keygen -t ed25519, or give one with --key ~/.ssh/KEY.pub');
  }
  return first;
}

/** The same key, whatever the comments. */
export function sameBlob(a: string, b: string): boolean {
  return a.trim().split(/\s+/)[1] === b.trim().split(/\s+/)[1];
}

/** The key line that a git `user.signingkey` value names (a key:: literal, a literal line, or a key file). */
export async function keyOfSigningKey(value: string, cwd: string, env: Record<string, string | undefined>): Promise<FoundKey | undefined> {
  const literal = value.startsWith('key::') ? value.slice(5) : value;
  try {
    const key = await keyFromArgument(literal, cwd, env);
    return { ...key, signingKey: value, source: 'git config user.signingkey' };
  } catch {
    return undefined;
  }
}

async function derivePublic(path: string, env: Record<string, string | undefined>): Promise<string> {
  const run = await runProgram('ssh-keygen', ['-y', '-f', path], { env: { ...process.env, ...env } });
  if (run.code !== 0) throw new KeyError(`cannot read the public key of ${path}: ${run.stderr.trim() || 'ssh-keygen -y failed'} (give the .pub file instead)`);
  return run.stdout.trim();
}

function checked(key: FoundKey): FoundKey {
  const parsed = parseSshPublicKey(key.line);
  if (!parsed.ok) throw new KeyError(`${key.source}: ${parsed.error}`);
  return key;
}

function expandHome(path: string, env: Record<string, string | undefined>): string {
  return path === '~' || path.startsWith('~/') ? join(env.HOME ?? homedir(), path.slice(1)) : path;
}

/** id_ed25519.pub first, then the other names in order. */
function preferEd25519(a: string, b: string): number {
  return Number(b === 'id_ed25519.pub') - Number(a === 'id_ed25519.pub') || a.localeCompare(b);
}
