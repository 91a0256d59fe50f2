/**
 * What every bot command needs: the repository, the base branch and its tip,
 * and the change source (git-native here).
 */
import { resolve } from 'node:path';
import { branchNameProblem } from '../commons/ref-name.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import { openRepository, RepoError, resolveCommit, type Repository } from '../repo/repository.ts';
import { readText, treeOf } from '../repo/tree.ts';
import { GitSource } from './git-source.ts';
import type { ChangeSource } from './source.ts';

export interface BotContext {
  repo: Repository;
  baseBranch: string;
  base: string;
  source: ChangeSource;
}

/** Open the repository (RepoError when it cannot be: a usage error for the CLI); the base branch is --base, else governance/commons.yml's `branch`, else main. */
export async function botContext(common: { repo: string; now: Date }, baseOption: string | undefined): Promise<BotContext> {
  const repo = openRepository(resolve(common.repo));
  const baseBranch = baseOption ?? (await configuredBranch(repo)) ?? 'main';
  // The bot writes refs/heads/<base>: a name git refuses (`..`, a leading `-`, `.lock`) could reach outside refs/heads/.
  const bad = branchNameProblem(baseBranch);
  if (bad !== undefined) throw new RepoError('repo/bad-branch', `${baseOption === undefined ? 'governance/commons.yml: branch' : '--base'}: ${JSON.stringify(baseBranch.slice(0, 80))} is not a branch name git accepts: ${bad}`, { name: baseBranch.slice(0, 80), from: baseOption === undefined ? 'governance/commons.yml: branch' : '--base' });
  let base: string;
  try {
    base = await resolveCommit(repo, `refs/heads/${baseBranch}`);
  } catch {
    throw new RepoError('repo/no-base', `--base: no branch "${baseBranch}" in ${common.repo}`, { branch: baseBranch, repo: common.repo });
  }
  return { repo, baseBranch, base, source: new GitSource(repo, baseBranch, common.now) };
}

async function configuredBranch(repo: Repository): Promise<string | undefined> {
  try {
    const main = await resolveCommit(repo, 'refs/heads/main');
    const text = await readText(repo, await treeOf(repo, main), 'governance/commons.yml');
    const branch = text === undefined ? undefined : (parseYaml(text, { path: 'governance/commons.yml' }).data as { branch?: unknown } | undefined)?.branch;
    return typeof branch === 'string' ? branch : undefined;
  } catch {
    return undefined;
  }
}
