/** `noclout review <head>… [--base main]`: judge changes without merging (the opening is recorded on first sight). */
import { explainJudgement } from '../../bot/explain.ts';
import { commentSettings, forgeFailure, githubSourceOrUsage, summarizeReview, withGitHubSource } from '../../bot/github-mode.ts';
import { bringLedgerFor, explainLedgerBrought } from '../../bot/ledger-sync.ts';
import { SourceError } from '../../bot/source.ts';
import type { ForgeError } from '../../forge/errors.ts';
import { judgeReadable } from '../../bot/unreadable.ts';
import { fetchLedger } from '../../repo/ledger-fetch.ts';
import { parseCommand, UsageError } from '../arguments.ts';
import { openBotContext, refuseClockBeforeRecords } from '../bot-context.ts';
import { reportFailure, type Command } from '../io.ts';

const help = `Usage: noclout review <head>… [--base main] [--source git|github] [--repo DIR] [--at <ISO time>] [--format text|json]

Judge each change (a branch or commit) against the base branch, by the policy
and roster frozen when the bot first saw it, without merging. The first review
of a change records its opening in the ledger (refs/noclout/ledger).

Prints the decision (accept, reject, pending, invalid, manual), the reasons,
the tally and deadline, every ballot and whether it counted, the problems, and
what to do next. --format json prints one judgement, or { "results": [...] }.

--source github: heads are pull-request numbers (12 or "#12"), read through
GitHub's API from GITHUB_API_URL, GITHUB_REPOSITORY and GITHUB_TOKEN (as in a
GitHub Actions job); each head commit must already be fetched (refs/pull/N/head).
The judgement is also written to GITHUB_STEP_SUMMARY when it is set.

Exit codes: 0 judged (accept, pending, manual), 1 a change is invalid or rejected, 2 usage error.`;

export const reviewCommand: Command = {
  name: 'review',
  summary: 'judge changes by the written policy, without merging',
  help,
  async run(args, io) {
    const { common, values, positionals } = parseCommand(args, { base: { type: 'string' }, source: { type: 'string', default: 'git' } }, io.cwd, io.env);
    if (positionals.length === 0) throw new UsageError('name at least one head to review, like `noclout review post/hello`');
    if (values.source !== 'git' && values.source !== 'github') throw new UsageError(`--source must be "git" or "github", received ${JSON.stringify(values.source)}`);
    const gitContext = await openBotContext(common, typeof values.base === 'string' ? values.base : undefined);
    await refuseClockBeforeRecords(gitContext, common);
    const context = values.source === 'github' ? githubSourceOrUsage(() => withGitHubSource(gitContext, io.env), (m) => new UsageError(m)) : gitContext;
    // A fresh clone has the records and not their openings: judging there would open changes afresh (src/bot/ledger-sync.ts).
    const brought = values.source === 'git' ? await bringLedgerFor(context.repo, context.baseBranch, () => fetchLedger(context.repo)) : undefined;
    if (brought) io.stderr(explainLedgerBrought('noclout review', brought));
    const results = [];
    const names: (string | undefined)[] = [];
    try {
      for (const name of positionals) {
        const change = await context.source.resolve(name).catch((error: unknown) => {
          throw error instanceof SourceError ? new UsageError(error.message) : error;
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
