/**
 * What a change is judged by: the policy, the roster and the rules as they were at the commit the
 * ledger froze when the change was opened (DESIGN.md, Opening, ballots and time). Read the same way
 * by the bot's judgement and by the site's list of changes under vote.
 */
import type { Problem } from '../commons/problem.ts';
import { currentMembers, type Member } from '../commons/schema/members.ts';
import type { Policy } from '../commons/schema/policy.ts';
import { snapshotOf, type SnapshotEntry } from '../commons/snapshot.ts';
import { validateCommons } from '../commons/validate.ts';
import type { Repository } from '../repo/repository.ts';
import { entryAt, readBlobBytes, readTreeLevel, treeOf, type TreeFile } from '../repo/tree.ts';

/**
 * The policy and members of the commit frozen at opening (read once per commit and repository).
 * Commits that hold the same policy.md, members.yml and rules folder (every merge of a queue of
 * posts) share one reading: the ids of those three objects name their content.
 */
export function frozenGovernance(repo: Repository, commit: string): Promise<Frozen> {
  let memo = frozenMemo.get(repo.cache);
  if (!memo) frozenMemo.set(repo.cache, (memo = { commits: new Map(), contents: new Map() }));
  const { commits, contents } = memo;
  let found = commits.get(commit);
  if (!found) {
    found = governanceIds(repo, commit).then((ids) => {
      let read = contents.get(ids.key);
      if (!read) contents.set(ids.key, (read = readGovernance(repo, ids)));
      return read;
    });
    commits.set(commit, found);
  }
  return found;
}

const frozenMemo = new WeakMap<object, { commits: Map<string, Promise<Frozen>>; contents: Map<string, Promise<Frozen>> }>();

/** Where the three are in a commit's tree: a missing one is keyed as missing. */
interface GovernanceIds {
  key: string;
  policy?: TreeFile;
  members?: TreeFile;
  rules?: TreeFile;
}

async function governanceIds(repo: Repository, commit: string): Promise<GovernanceIds> {
  const tree = await treeOf(repo, commit);
  const [policy, members, rules] = await Promise.all(['governance/policy.md', 'governance/members.yml', 'governance/rules'].map((path) => entryAt(repo, tree, path)));
  const key = [policy, members, rules].map((e) => (e ? `${e.type}:${e.mode}:${e.oid}` : '-')).join(' ');
  return { key, ...(policy ? { policy } : {}), ...(members ? { members } : {}), ...(rules ? { rules } : {}) };
}

/** What a change is judged by: the policy, the roster and the rules as they were when it was opened. */
export interface Frozen {
  policy?: Policy;
  /** The roster: members who can author, sign, vote and count for quorum (entries marked `left` are not). */
  members?: Member[];
  /** Every entry of members.yml, former members included: the handles `check` accepts as authors and voters of files on main. */
  listed?: Member[];
  /** Slugs of governance/rules/*.md: an objection must cite one of them. */
  rules: Set<string>;
  /** What is wrong with the policy or roster at that commit, when they cannot be read. */
  problems: Problem[];
}

async function readGovernance(repo: Repository, ids: GovernanceIds): Promise<Frozen> {
  const entries: SnapshotEntry[] = [];
  for (const entry of [ids.policy, ids.members]) {
    // As readText reads them: a regular file or a symlink's target text (the blob), nothing for a folder or a submodule.
    if (entry?.type !== 'blob') continue;
    const text = new TextDecoder().decode(await readBlobBytes(repo, entry.oid, entry.path));
    entries.push({ path: entry.path, mode: 'file', text, size: Buffer.byteLength(text) });
  }
  const { parsed, problems } = validateCommons(snapshotOf(entries));
  const rulesDir = ids.rules;
  const ruleFiles = rulesDir?.type === 'tree' ? await readTreeLevel(repo, rulesDir.oid) : [];
  const out: Frozen = {
    rules: new Set(ruleFiles.filter((f) => f.type === 'blob' && f.path.endsWith('.md')).map((f) => f.path.slice(0, -3))),
    problems: problems.filter((p) => p.path === 'governance/policy.md' || p.path === 'governance/members.yml'),
  };
  if (parsed.policy) out.policy = parsed.policy.data;
  if (parsed.members) {
    out.members = currentMembers(parsed.members);
    out.listed = parsed.members;
  }
  return out;
}
