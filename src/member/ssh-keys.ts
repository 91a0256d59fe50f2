/**
 * Finding a person's SSH keys, the way git's `gpg.format=ssh` signs with them: a value given as
 * `--key` or set as `user.signingkey` (`key::<line>`, a bare key line, a private key file or its
 * .pub), else the keys ssh-agent holds (`ssh-add -L`), then ~/.ssh/*.pub. Only ed25519 keys
 * count: it is the one kind members.yml accepts. Each key comes with the value git's
 * `user.signingkey` needs to sign with it: the private key file when it sits beside the .pub,
 * otherwise the key itself (`key::ssh-ed25519 …`), which git signs with through the agent.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSshPublicKey, sameKey, type SshPublicKey } from '../commons/ssh-key.ts';
import { runProgram, type Env } from './git-program.ts';

export interface FoundKey {
  /** "ssh-ed25519 AAAA… comment" */
  publicLine: string;
  /** What to give git as `user.signingkey` to sign with this key. */
  spec: string;
  /** Where it was found, for messages: "--key", "ssh-agent", "~/.ssh/id_ed25519.pub", "git config user.signingkey ~/k". */
  source: string;
}

/** Why a key could not be used, to tell the person. */
export class KeyError extends Error {
  readonly code = 'key/not-found';
}

const PRIVATE = /-----BEGIN (?:OPENSSH |RSA |EC |DSA )?PRIVATE KEY-----/;

/**
 * A key named by `value`: `key::<line>` or a bare public key line, a .pub file, or a private key
 * file (its .pub beside it, else derived by ssh-keygen). `where` says who named it ("--key",
 * "git config user.signingkey"); a relative path is read from `cwd`. Throws a KeyError.
 */
export async function keyFromSpec(value: string, where: string, cwd: string, env: Env): Promise<FoundKey> {
  const trimmed = value.trim();
  const literal = trimmed.startsWith('key::') ? trimmed.slice('key::'.length).trim() : trimmed;
  if (literal !== trimmed || /^(ssh-|ecdsa-|sk-)/.test(literal)) return checked({ publicLine: literal, spec: `key::${literal}`, source: where });
  const source = `${where} ${trimmed}`;
  const path = resolve(cwd, expandHome(trimmed, env));
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) throw new KeyError(`${source}: neither a key line ("ssh-ed25519 AAAA…") nor a readable file${path === trimmed ? '' : ` (${path})`}`);
  if (PRIVATE.test(text)) {
    const pub = await readFile(`${path}.pub`, 'utf8').catch(() => undefined);
    return checked({ publicLine: pub !== undefined ? firstLine(pub) : await publicHalf(path, env), spec: path, source });
  }
  const publicLine = firstLine(text);
  const privatePath = path.endsWith('.pub') ? path.slice(0, -'.pub'.length) : undefined;
  return checked({ publicLine, spec: privatePath !== undefined && (await isFile(privatePath)) ? privatePath : `key::${publicLine}`, source });
}

/** Every ed25519 key the person holds, each once: the agent's first, then ~/.ssh/*.pub (id_ed25519.pub first, then by name). */
export async function discoverKeys(env: Env): Promise<FoundKey[]> {
  const found: FoundKey[] = [];
  const seen: SshPublicKey[] = [];
  const add = (key: FoundKey) => {
    const parsed = parseSshPublicKey(key.publicLine);
    if (!parsed.ok || seen.some((s) => sameKey(s, parsed.key))) return;
    seen.push(parsed.key);
    found.push(key);
  };
  if (env.SSH_AUTH_SOCK) {
    const agent = await runProgram('ssh-add', ['-L'], { env });
    if (agent.code === 0) for (const line of agent.stdout.split('\n').map((l) => l.trim())) add({ publicLine: line, spec: `key::${line}`, source: 'ssh-agent' });
  }
  const dir = join(env.HOME ?? homedir(), '.ssh');
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.pub')).sort(preferEd25519)) {
    const publicLine = firstLine(await readFile(join(dir, name), 'utf8').catch(() => ''));
    const privatePath = join(dir, name.slice(0, -'.pub'.length));
    add({ publicLine, spec: (await isFile(privatePath)) ? privatePath : `key::${publicLine}`, source: `~/.ssh/${name}` });
  }
  return found;
}

/** The person's own key: `given` (--key) when there is one, else the first one found; a KeyError says how to make one. */
export async function chooseKey(given: string | undefined, cwd: string, env: Env): Promise<FoundKey> {
  if (given !== undefined) return keyFromSpec(given, '--key', cwd, env);
  const [first] = await discoverKeys(env);
  if (!first) throw new KeyError('no ed25519 SSH key found (none in ssh-agent, none in ~/.ssh/*.pub); make one with: ssh-keygen -t ed25519, or give one with --key ~/.ssh/KEY.pub');
  return first;
}

/** The public half of a private key file with no .pub beside it; never prompts (`-P ''`): a key with a passphrase needs its .pub. */
async function publicHalf(path: string, env: Env): Promise<string> {
  const run = await runProgram('ssh-keygen', ['-y', '-P', '', '-f', path], { env });
  if (run.code !== 0) throw new KeyError(`cannot read the public key of ${path}: ${run.stderr.trim() || 'ssh-keygen -y failed'}; put its .pub file beside it (ssh-keygen -y -f ${path} > ${path}.pub), or give the .pub file`);
  return run.stdout.trim();
}

function checked(key: FoundKey): FoundKey {
  const parsed = parseSshPublicKey(key.publicLine);
  if (!parsed.ok) throw new KeyError(`${key.source}: ${parsed.error}`);
  return key;
}

const firstLine = (text: string) => text.trim().split('\n')[0]!.trim();

const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() === true;

function expandHome(path: string, env: Env): string {
  return path === '~' || path.startsWith('~/') ? join(env.HOME ?? homedir(), path.slice(1)) : path;
}

/** id_ed25519.pub first, then the other names in order. */
function preferEd25519(a: string, b: string): number {
  return Number(b === 'id_ed25519.pub') - Number(a === 'id_ed25519.pub') || a.localeCompare(b);
}
