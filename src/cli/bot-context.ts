/** The bot commands' shared start: a repository or base that cannot be opened is a usage error (exit 2). */
import { botContext, type BotContext } from '../bot/context.ts';
import { latestRecord } from '../bot/records.ts';
import { clockBeforeRecord } from '../commons/opening.ts';
import { SourceError } from '../bot/source.ts';
import { RepoError } from '../repo/repository.ts';
import { UsageError } from './arguments.ts';
import { CLI_TEXTS, openingErrorFr } from './texts.ts';

export async function openBotContext(common: { repo: string; gitRepo?: string; now: Date }, base: string | undefined): Promise<BotContext> {
  try {
    // The bot judges a repository (found by walking up to .git when --repo is not given), not a folder of one.
    return await botContext({ repo: common.gitRepo ?? common.repo, now: common.now }, base);
  } catch (error) {
    if (error instanceof RepoError || error instanceof SourceError) throw usageOf(error);
    throw error;
  }
}

/** A repository, base or head that cannot be opened, as a usage error in both languages. */
export function usageOf(error: RepoError | SourceError, option?: string): UsageError {
  const fr = openingErrorFr(error.code, error.params, error.message);
  return option === undefined ? new UsageError(error.message, fr) : new UsageError(`${option}: ${error.message}`, `${option}\u202f: ${fr}`);
}

/** Review and merge: a clock before the latest record on the base is a usage error naming that record (src/commons/opening.ts clockBeforeRecord). */
export async function refuseClockBeforeRecords(context: BotContext, common: { now: Date; clockGiven: boolean }): Promise<void> {
  const latest = await latestRecord(context.repo, context.base);
  const refused = clockBeforeRecord(common.now, latest, common.clockGiven);
  if (refused && latest) throw new UsageError(refused, CLI_TEXTS.fr.clockBeforeRecord(common.now.toISOString(), latest.path, new Date(latest.closed).toISOString(), common.clockGiven));
}
