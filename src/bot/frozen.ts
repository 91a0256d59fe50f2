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
import { entryAt, readText, readTreeLevel, treeOf } from '../repo/tree.ts';

/** The policy and members of the commit frozen at opening (read once per commit and repository). */
export function frozenGovernance(repo: Repository, commit: string): Promise<Frozen> {
  let memo = frozenMemo.get(repo.cache);
  if (!memo) frozenMemo.set(repo.cache, (memo = new Map()));
  let found = memo.get(commit);
  if (!found) memo.set(commit, (found = readGovernance(repo, commit)));
  return found;
}

const frozenMemo = new WeakMap<object, Map<string, Promise<Frozen>>>();

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

async function readGovernance(repo: Repository, commit: string): Promise<Frozen> {
  const tree = await treeOf(repo, commit);
  const entries: SnapshotEntry[] = [];
  for (const path of ['governance/policy.md', 'governance/members.yml']) {
    const text = await readText(repo, tree, path);
    if (text !== undefined) entries.push({ path, mode: 'file', text, size: Buffer.byteLength(text) });
  }
  const { parsed, problems } = validateCommons(snapshotOf(entries));
  const rulesDir = await entryAt(repo, tree, 'governance/rules');
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
