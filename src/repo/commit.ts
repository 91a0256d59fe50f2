/**
 * Commits the bot writes (merges, records, ledger entries). Their dates are the
 * bot's clock, never earlier than their parents', so history stays ordered even
 * when a replay sets the clock with --at.
 */
import { readCommitInfo } from './history.ts';
import { writeCommit } from './object-write.ts';
import type { Repository } from './repository.ts';

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
    seconds = Math.max(seconds, (await readCommitInfo(repo, parent)).time);
  }
  const who = { ...BOT_IDENTITY, timestamp: seconds };
  return writeCommit(repo, { tree: commit.tree, parents: commit.parents, author: who, committer: who, message: commit.message });
}
