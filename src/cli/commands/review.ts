/** `noclout review <head>… [--base main]`: judge changes without merging (the opening is recorded on first sight). */
import { explainJudgement } from '../../bot/explain.ts';
import { commentSettings, forgeFailure, githubSourceOrUsage, summarizeReview, withGitHubSource } from '../../bot/github-mode.ts';
import { bringLedgerFor } from '../../bot/ledger-sync.ts';
import { CLI_TEXTS } from '../texts.ts';
import { SourceError } from '../../bot/source.ts';
import type { ForgeError } from '../../forge/errors.ts';
import { judgeReadable } from '../../bot/unreadable.ts';
import { fetchLedger } from '../../repo/ledger-fetch.ts';
import { parseCommand } from '../arguments.ts';
import { openBotContext, refuseClockBeforeRecords, usageOf } from '../bot-context.ts';
import { usage } from '../usage-error.ts';
import { reportFailure, type Command } from '../io.ts';


export const reviewCommand: Command = {
  name: 'review',
  async run(args, io) {
    const { common, values, positionals } = parseCommand(args, { base: { type: 'string' }, source: { type: 'string', default: 'git' } }, io.cwd, io.env);
    if (positionals.length === 0) throw usage('nameHead');
    if (values.source !== 'git' && values.source !== 'github') throw usage('sourceValue', JSON.stringify(values.source));
    const gitContext = await openBotContext(common, typeof values.base === 'string' ? values.base : undefined);
    await refuseClockBeforeRecords(gitContext, common);
    const context = values.source === 'github' ? githubSourceOrUsage(() => withGitHubSource(gitContext, io.env), (_, error) => usage('githubConfig', error.data.config ?? [])) : gitContext;
    // A fresh clone has the records and not their openings: judging there would open changes afresh (src/bot/ledger-sync.ts).
    const brought = values.source === 'git' ? await bringLedgerFor(context.repo, context.baseBranch, () => fetchLedger(context.repo)) : undefined;
    if (brought) io.stderr(CLI_TEXTS[common.lang].ledgerBrought('noclout review', brought.lacking, brought));
    const results = [];
    const names: (string | undefined)[] = [];
    try {
      for (const name of positionals) {
        const change = await context.source.resolve(name).catch((error: unknown) => {
          throw error instanceof SourceError ? usageOf(error) : error;
        });
        const verdict = await judgeReadable({ repo: context.repo, source: context.source, now: common.now, record: true }, change, context.base);
        results.push(verdict.judgement);
        names.push(verdict.classification?.id);
      }
    } catch (error) {
      const message = values.source === 'github' ? forgeFailure(error) : undefined;
      if (message === undefined) throw error;
      reportFailure(io, common.format, 'review', { kind: 'forge', code: `forge/${(error as ForgeError).code}`, message });
      return 1;
    }
    if (values.source === 'github') summarizeReview(results, io.env, await commentSettings(context.repo, context.base));
    if (common.format === 'json') io.stdout(JSON.stringify(results.length === 1 ? results[0] : { results }, null, 2));
    else io.stdout(results.map((j, i) => explainJudgement(j, 'review', names[i], common.lang)).join('\n\n'));
    return results.some((j) => j.decision === 'invalid' || j.decision === 'reject') ? 1 : 0;
  },
};
