/** The bot commands' shared start: a repository or base that cannot be opened is a usage error (exit 2). */
import { botContext, type BotContext } from '../bot/context.ts';
import { latestRecord } from '../bot/records.ts';
import { clockBeforeRecord } from '../commons/opening.ts';
import { SourceError } from '../bot/source.ts';
import { RepoError } from '../repo/repository.ts';
import { UsageError } from './arguments.ts';

export async function openBotContext(common: { repo: string; gitRepo?: string; now: Date }, base: string | undefined): Promise<BotContext> {
  try {
    // The bot judges a repository (found by walking up to .git when --repo is not given), not a folder of one.
    return await botContext({ repo: common.gitRepo ?? common.repo, now: common.now }, base);
  } catch (error) {
    if (error instanceof RepoError || error instanceof SourceError) throw new UsageError(error.message);
    throw error;
  }
}

/** Review and merge: a clock before the latest record on the base is a usage error naming that record (src/commons/opening.ts clockBeforeRecord). */
export async function refuseClockBeforeRecords(context: BotContext, common: { now: Date; clockGiven: boolean }): Promise<void> {
  const refused = clockBeforeRecord(common.now, await latestRecord(context.repo, context.base), common.clockGiven);
  if (refused) throw new UsageError(refused);
}
