/**
 * Commit history through isomorphic-git: the commits a change adds on top of
 * its base, parsed with their signing payload (the commit text without its
 * signature) so that src/ballots can verify who signed them.
 */
import { BadObjectError } from './bad-object.ts';
import { MissingObjectError, reading } from './missing.ts';
import { MAX_COMMIT_BYTES, objectHeader, readObjectWithin } from './objects.ts';
import { git, gitArgs, type Repository } from './repository.ts';

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  message: string;
  /** Name and email as the committer wrote them: shown, never trusted. */
  author: { name: string; email: string };
  /** Committer timestamp in seconds, written by whoever made the commit: orders walks only. */
  time: number;
  /**
   * The committer's name, email and the author's timestamp: written freely, so
   * never trusted; a rebase or cherry-pick keeps the author and sets a new
   * committer, which is how a rewritten ballot is told from a mistaken one.
   */
  committer: { name: string; email: string };
  authorTime: number;
  /** The armored signature, when the commit is signed. */
  signature?: string;
  /**
   * The bytes that were signed: the raw commit object without its signature
   * headers, byte for byte. Never decoded: a commit written with
   * `i18n.commitEncoding=ISO-8859-1` is not UTF-8, and decoding it would
   * change the bytes git signed.
   */
  payload: Uint8Array;
}

/** Read and parse one commit (once per repository: a commit id never changes meaning). */
/** Whether this repository holds the commit `oid` (a clone may lack an unfetched or pruned one). */
export async function hasCommit(repo: Repository, oid: string): Promise<boolean> {
  try {
    return (await objectHeader(repo, oid)).type === 'commit'; // from its header: the commit is not read
  } catch {
    return false;
  }
}

export function readCommitInfo(repo: Repository, oid: string): Promise<CommitInfo> {
  let memo = commitMemo.get(repo.cache);
  if (!memo) commitMemo.set(repo.cache, (memo = new Map()));
  let found = memo.get(oid);
  if (!found) {
    found = readCommitUncached(repo, oid);
    memo.set(oid, found);
    // The commits read last are kept (a walk revisits those near its tips): memory does not grow with the history.
    if (memo.size > COMMITS_KEPT) memo.delete(memo.keys().next().value!);
    found.catch(() => memo.delete(oid));
  }
  return found;
}

const commitMemo = new WeakMap<object, Map<string, Promise<CommitInfo>>>();
const COMMITS_KEPT = 32_768;

async function readCommitUncached(repo: Repository, oid: string): Promise<CommitInfo> {
  // Size-checked first (src/repo/objects.ts): a commit of 600 MB is refused before isomorphic-git inflates it.
  const object = await readObjectWithin(repo, oid, 'commit', MAX_COMMIT_BYTES);
  const commit = parseCommit(oid, object);
  const { payload, signature } = splitSignature(object);
  const info: CommitInfo = {
    oid,
    tree: commit.tree,
    parents: commit.parent,
    message: commit.message,
    author: { name: commit.author.name, email: commit.author.email },
    time: commit.committer.timestamp,
    committer: { name: commit.committer.name, email: commit.committer.email },
    authorTime: commit.author.timestamp,
    payload,
  };
  if (signature) info.signature = signature;
  return info;
}

/**
 * A commit's fields, read from its bytes exactly as isomorphic-git's
 * readCommit reads them (GitCommit.parse), without a second read of the
 * object through it (issue 14): `tree` is the first header and the `parent`
 * lines follow it directly; of any other header the first one counts; the
 * message is what follows the first empty line, without carriage returns,
 * leading empty lines or trailing newlines but one. A commit that has no
 * tree, author or committer git can read is refused as a BadObjectError.
 */
export function parseCommit(oid: string, raw: Uint8Array): { tree: string; parent: string[]; message: string; author: CommitPerson; committer: CommitPerson } {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const blank = text.indexOf('\n\n');
  const lines: string[] = [];
  for (const line of text.slice(0, blank).split('\n')) {
    if (line[0] === ' ' && lines.length) lines[lines.length - 1] += `\n${line.slice(1)}`;
    else lines.push(line);
  }
  const keyOf = (h: string) => h.slice(0, h.indexOf(' '));
  const valueOf = (h: string) => h.slice(h.indexOf(' ') + 1);
  const bad = (found: string) => new BadObjectError(oid, 'commit', [{ rule: 'object/corrupt', name: '', found: `commit ${oid.slice(0, 10)} is damaged: git could not read it (${found})`, expected: 'an object git can read (`git fsck` names damaged objects)', code: 'object/corrupt', params: { kind: 'commit', oid: oid.slice(0, 10), damage: 'unreadable', detail: found, header: '', content: '' } }]);
  if (!lines.length || keyOf(lines[0]!) !== 'tree') throw new BadObjectError(oid, 'commit', [{ rule: 'object/corrupt', name: '', found: `commit ${oid.slice(0, 10)} does not start with a "tree" line`, expected: 'a commit as git writes it', fsck: 'missingTree', code: 'object/commit-without-tree', params: { oid: oid.slice(0, 10) } }]);
  const tree = valueOf(lines[0]!);
  const parent: string[] = [];
  let index = 1;
  for (; index < lines.length && keyOf(lines[index]!) === 'parent'; index++) parent.push(valueOf(lines[index]!));
  const first = new Map<string, string>();
  for (; index < lines.length; index++) if (!first.has(keyOf(lines[index]!))) first.set(keyOf(lines[index]!), valueOf(lines[index]!));
  const person = (key: string): CommitPerson => {
    const m = /^(.*) <(.*)> (.*) (.*)$/.exec(first.get(key) ?? '');
    if (!m || !/(\+|-)(\d\d)(\d\d)/.test(m[4]!)) throw bad(`its ${key} line is not "name <email> time zone"`);
    return { name: m[1]!, email: m[2]!, timestamp: Number(m[3]) };
  };
  const message = `${text.slice(blank + 2).replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '')}\n`;
  return { tree, parent, message, author: person('author'), committer: person('committer') };
}

interface CommitPerson {
  name: string;
  email: string;
  timestamp: number;
}

/**
 * The signed payload is the raw commit without its signature headers, cut
 * from the object's bytes exactly as git's `parse_buffer_signed_by_header`
 * does: in the header (up to the first empty line), a `gpgsig ` line and its
 * space-indented continuation lines are the signature; any other `gpgsig…`
 * header (`gpgsig-sha256`, the other hash's signature) and its continuation
 * lines are dropped from the payload too; every other byte is kept as it is.
 * Computed here from the raw object: isomorphic-git's own `payload` only
 * knows PGP armor and garbles an SSH-signed commit, and any decoding would
 * alter a commit that is not UTF-8.
 */
export function splitSignature(raw: Uint8Array): { payload: Uint8Array; signature?: string } {
  const kept: Uint8Array[] = [];
  const signature: Uint8Array[] = [];
  let inSignature = false;
  let otherSignature = false;
  let line = 0;
  while (line < raw.length) {
    const newline = raw.indexOf(NEWLINE, line);
    const next = newline < 0 ? raw.length : newline + 1;
    const bytes = raw.subarray(line, next);
    if (bytes[0] === NEWLINE) {
      // The empty line ends the header: the message is kept whole.
      kept.push(raw.subarray(line));
      break;
    }
    if (inSignature && bytes[0] === SPACE) signature.push(bytes.subarray(1));
    else if (startsWith(bytes, GPGSIG_SPACE)) {
      signature.push(bytes.subarray(GPGSIG_SPACE.length));
      inSignature = true;
      otherSignature = false;
    } else {
      inSignature = false;
      if (startsWith(bytes, GPGSIG)) otherSignature = true;
      else if (otherSignature && bytes[0] !== SPACE) otherSignature = false;
      if (!otherSignature) kept.push(bytes);
    }
    line = next;
  }
  const payload = Buffer.concat(kept);
  return signature.length ? { payload, signature: Buffer.concat(signature).toString('latin1') } : { payload };
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
const GPGSIG = Buffer.from('gpgsig');
const GPGSIG_SPACE = Buffer.from('gpgsig ');

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Commits reachable from `head` but not from `base`, parents before children.
 * Painted like git's own walk (`git rev-list base..head`): both tips are walked
 * newest first and the walk stops when only base-side commits remain. Commit
 * dates only order the walk; they never decide anything (the bot's own commits
 * keep main's dates increasing, see commit.ts).
 */
export async function commitsBetween(repo: Repository, base: string, head: string): Promise<CommitInfo[]> {
  return (await walk(repo, base, head)).range;
}

/**
 * The best common ancestor of base and head, found by the same walk: the one
 * base-side commit the head-side commits stand on (isomorphic-git's own
 * findMergeBase walks far deeper on long histories; it is only asked when a
 * branch has merged main in and stands on several).
 */
export async function mergeBaseOf(repo: Repository, base: string, head: string): Promise<string | undefined> {
  const { boundary } = await walk(repo, base, head);
  if (boundary.length <= 1) return boundary[0];
  const [best] = await reading(repo, head, 'commit', () => git.findMergeBase({ ...gitArgs(repo), oids: [base, head] }));
  return best;
}

interface Walk {
  /** Reachable from head, not from base, parents first. */
  range: CommitInfo[];
  /** Commits reachable from both that a head-side commit (or head itself) stands on. */
  boundary: string[];
}

function walk(repo: Repository, base: string, head: string): Promise<Walk> {
  let memo = walks.get(repo.cache);
  if (!memo) walks.set(repo.cache, (memo = new Map()));
  const key = `${base}..${head}`;
  let found = memo.get(key);
  if (!found) {
    memo.set(key, (found = paint(repo, base, head)));
    if (memo.size > WALKS_KEPT) memo.delete(memo.keys().next().value!);
  }
  return found;
}

/** Walks already done, per repository cache (objects never change, so neither do walks). */
const walks = new WeakMap<object, Map<string, Promise<Walk>>>();
const WALKS_KEPT = 4_096;

async function paint(repo: Repository, base: string, head: string): Promise<Walk> {
  const HEAD = 1;
  const BASE = 2;
  // One node per commit, its flags and priority read by the queue's sort as fields (no map lookups in the comparator).
  interface Node {
    oid: string;
    flags: number;
    /** The commit's date, but never later than the child that reached it, so a backdated child cannot make the walk visit its parent out of order. */
    priority: number;
    info: CommitInfo;
  }
  const nodes = new Map<string, Node>();
  const queue: Node[] = [];
  const push = async (oid: string, flag: number, limit: number) => {
    let node = nodes.get(oid);
    const before = node?.flags ?? 0;
    if ((before | flag) === before) return;
    if (!node) {
      node = { oid, flags: 0, priority: Infinity, info: await readCommitInfo(repo, oid) };
      nodes.set(oid, node);
    }
    node.flags = before | flag;
    node.priority = Math.min(node.priority, node.info.time, limit);
    queue.push(node);
  };
  await push(base, BASE, Infinity);
  await push(head, HEAD, Infinity);
  const interesting = () => queue.some((node) => node.flags === HEAD);
  // Like git, walk a few more commits once only base-side ones remain ("slop"), for commits dated in the same second.
  let slop = 8;
  while (queue.length && (interesting() || slop-- > 0)) {
    // Newest last; on a tie, base-side commits go first so their mark spreads before a head-side commit is taken as new.
    queue.sort((a, b) => a.priority - b.priority || (a.flags & BASE) - (b.flags & BASE));
    const node = queue.pop()!;
    for (const parent of node.info.parents) {
      try {
        await push(parent, node.flags, node.priority);
      } catch (error) {
        throw error instanceof MissingObjectError && error.oid === parent ? error.within({ step: 'parent', commit: node.oid }, repo) : error;
      }
    }
  }
  const flagOf = (oid: string) => nodes.get(oid)?.flags;
  const range = topological([...nodes.values()].filter((n) => n.flags === HEAD).map((n) => n.info));
  const boundary = flagOf(head) === (HEAD | BASE) ? [head] : [...new Set(range.flatMap((c) => c.parents).filter((p) => flagOf(p) === (HEAD | BASE)))];
  return { range, boundary };
}

/**
 * True when `ancestor` is `oid` or one of its ancestors: nothing is reachable
 * from `ancestor` that `oid` does not reach. Uses the painted walk, which stops
 * near the two tips, where isomorphic-git's isDescendent walks all history
 * when the answer is no.
 */
export async function isAncestor(repo: Repository, ancestor: string, oid: string): Promise<boolean> {
  if (ancestor === oid) return true;
  return (await walk(repo, oid, ancestor)).range.length === 0;
}

/**
 * Commits `oid` surely reaches, itself included: one walk of its whole
 * history, kept per repository. Audit asks whether each of thousands of
 * records' merges is on main; one painted walk per record read main's
 * history back to each merge again. A commit this repository lacks (a
 * shallow clone's edge, a damaged copy) ends the walk there, so a commit
 * missing from the set is not known to be unreachable: ask isAncestor, which
 * says why it cannot tell.
 */
export function surelyReachable(repo: Repository, oid: string): Promise<ReadonlySet<string>> {
  let memo = reachable.get(repo.cache);
  if (!memo) reachable.set(repo.cache, (memo = new Map()));
  let found = memo.get(oid);
  if (!found) memo.set(oid, (found = walkAll(repo, oid)));
  return found;
}

const reachable = new WeakMap<object, Map<string, Promise<ReadonlySet<string>>>>();

async function walkAll(repo: Repository, oid: string): Promise<ReadonlySet<string>> {
  const seen = new Set<string>([oid]);
  const stack = [oid];
  while (stack.length) {
    const commit = stack.pop()!;
    let parents: string[];
    try {
      parents = (await readCommitInfo(repo, commit)).parents;
    } catch (error) {
      // Unreadable: not counted as reached, so that asking isAncestor about it reports what is wrong.
      if (error instanceof MissingObjectError || error instanceof BadObjectError) {
        seen.delete(commit);
        continue;
      }
      throw error;
    }
    for (const parent of parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      stack.push(parent);
    }
  }
  return seen;
}

/** Parents before children; ties keep the walk's order. */
function topological(commits: CommitInfo[]): CommitInfo[] {
  const byOid = new Map(commits.map((c) => [c.oid, c]));
  const out: CommitInfo[] = [];
  const done = new Set<string>();
  const visit = (c: CommitInfo) => {
    if (done.has(c.oid)) return;
    done.add(c.oid);
    for (const p of c.parents) {
      const parent = byOid.get(p);
      if (parent) visit(parent);
    }
    out.push(c);
  };
  for (const c of [...commits].reverse()) visit(c);
  return out;
}
