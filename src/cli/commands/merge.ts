/** `noclout merge [<head>…] [--base main] [--dry-run]`: judge and merge the accepted changes, writing records. */
import { explainJudgement } from '../../bot/explain.ts';
import { changeNames, MergeError, mergeChanges } from '../../bot/merge.ts';
import { forgeFailure, githubSourceOrUsage, judgedRefs, publishMerge, withGitHubSource } from '../../bot/github-mode.ts';
import { bringLedgerFor } from '../../bot/ledger-sync.ts';
import { CLI_TEXTS } from '../texts.ts';
import { fetchLedger } from '../../repo/ledger-fetch.ts';
import { ForgeError } from '../../forge/errors.ts';
import { checkoutRefusal, staleCheckout } from '../../repo/checkout.ts';
import { mergeFailureIn } from '../../commons/texts/merge-failures.ts';
import { readRef } from '../../repo/ref.ts';
import { SourceError } from '../../bot/source.ts';
import { parseCommand } from '../arguments.ts';
import { openBotContext, refuseClockBeforeRecords, usageOf } from '../bot-context.ts';
import { usage } from '../usage-error.ts';
import { reportFailure, type Command, type Failure } from '../io.ts';


export const mergeCommand: Command = {
  name: 'merge',
  async run(args, io) {
    const { common, values, positionals } = parseCommand(args, { base: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, source: { type: 'string', default: 'git' } }, io.cwd, io.env);
    if (values.source !== 'git' && values.source !== 'github') throw usage('sourceValue', JSON.stringify(values.source));
    const gitContext = await openBotContext(common, typeof values.base === 'string' ? values.base : undefined);
    await refuseClockBeforeRecords(gitContext, common);
    const github = values.source === 'github' ? githubSourceOrUsage(() => withGitHubSource(gitContext, io.env), (_, error) => usage('githubConfig', error.data.config ?? [])) : undefined;
    const context = github ?? gitContext;
    const judged = github ? await judgedRefs(github) : undefined;
    // A fresh clone has the records and not their openings: judging there would open changes afresh (src/bot/ledger-sync.ts).
    const brought = !github && values['dry-run'] !== true ? await bringLedgerFor(context.repo, context.baseBranch, () => fetchLedger(context.repo)) : undefined;
    if (brought) io.stderr(CLI_TEXTS[common.lang].ledgerBrought('noclout merge', brought.lacking, brought));
    const baseRef = `refs/heads/${context.baseBranch}`;
    const before = await readRef(context.repo, baseRef);
    const fail = (failure: Failure): number => {
      reportFailure(io, common.format, 'merge', failure, common.lang);
      return 1;
    };
    // A checked-out base with local changes: refuse before anything is written, openings included.
    const refusal = values['dry-run'] === true ? undefined : await checkoutRefusal(context.repo, baseRef);
    if (refusal !== undefined) return fail({ kind: 'merge', code: refusal.code, message: refusal.message, shown: mergeFailureIn(refusal, common.lang) });
    let results;
    try {
      results = await mergeChanges({ repo: context.repo, source: context.source, now: common.now, record: true, baseBranch: context.baseBranch, dryRun: values['dry-run'] === true }, positionals);
    } catch (error) {
      if (error instanceof MergeError) return fail({ kind: 'merge', code: error.code, message: error.message, shown: mergeFailureIn(error, common.lang) });
      if (error instanceof SourceError) throw usageOf(error);
      const message = github ? forgeFailure(error) : undefined;
      if (message === undefined) throw error;
      return fail({ kind: 'forge', code: `forge/${(error as ForgeError).code}`, message });
    }
    let published = true;
    if (github && judged && values['dry-run'] !== true) {
      try {
        const report = await publishMerge(github, judged, results, io.env);
        for (const line of [...report.lines, ...report.failures]) io.stderr(line);
        published = report.failures.length === 0;
      } catch (error) {
        // Nothing landed on GitHub: print no results, which would claim merges that did not happen.
        if (!(error instanceof ForgeError)) throw error;
        return fail({ kind: 'forge', code: `forge/${error.code}`, message: error.message });
      }
    }
    const after = await readRef(context.repo, baseRef);
    const stale = before && after ? await staleCheckout(context.repo, baseRef, before, after, common.lang) : undefined;
    if (stale) io.stderr(CLI_TEXTS[common.lang].commandSaid('merge', stale));
    if (common.format === 'json') io.stdout(JSON.stringify({ results }, null, 2));
    else io.stdout(results.length ? results.map((j) => explainJudgement(j, 'merge', changeNames.get(j), common.lang)).join('\n\n') : CLI_TEXTS[common.lang].noOpenChange(context.baseBranch));
    return !published || results.some((j) => j.decision === 'invalid' || j.decision === 'reject') ? 1 : 0;
  },
};
