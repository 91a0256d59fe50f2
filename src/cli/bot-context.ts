/** The bot commands' shared start: a repository or base that cannot be opened is a usage error (exit 2). */
import { botContext, type BotContext } from '../bot/context.ts';
import { SourceError } from '../bot/source.ts';
import { RepoError } from '../repo/repository.ts';
import { UsageError } from './arguments.ts';

export async function openBotContext(common: { repo: string; now: Date }, base: string | undefined): Promise<BotContext> {
  try {
    return await botContext(common, base);
  } catch (error) {
    if (error instanceof RepoError || error instanceof SourceError) throw new UsageError(error.message);
    throw error;
  }
}
