/**
 * Commits the bot writes (merges, records, ledger entries). Their dates are the
 * bot's clock, never earlier than their parents', so history stays ordered even
 * when a replay sets the clock with --at.
 */
import { git, gitArgs, type Repository } from './repository.ts';

export const BOT_IDENTITY = { name: 'noclout', email: 'bot@noclout.invalid' };

export interface NewCommit {
  tree: string;
  parents: string[];
  message: string;
  now: Date;
}

export async function writeBotCommit(repo: Repository, commit: NewCommit): Promise<string> {
  let seconds = Math.floor(commit.now.getTime() / 1000);
  for (const parent of commit.parents) {
    const { commit: p } = await git.readCommit({ ...gitArgs(repo), oid: parent });
    seconds = Math.max(seconds, p.committer.timestamp);
  }
  const who = { ...BOT_IDENTITY, timestamp: seconds, timezoneOffset: 0 };
  return git.writeCommit({
    fs: repo.fs,
    gitdir: repo.gitdir,
    commit: { tree: commit.tree, parent: commit.parents, author: who, committer: who, message: commit.message.endsWith('\n') ? commit.message : `${commit.message}\n` },
  });
}
