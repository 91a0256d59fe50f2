/** `noclout audit`: replay every decision record from history and report any that does not follow. */
import { auditRecords } from '../../bot/audit.ts';
import { explainAudit } from '../../bot/explain.ts';
import { explainLedgerBrought } from '../../bot/ledger-sync.ts';
import { fetchLedger } from '../../repo/ledger-fetch.ts';
import { parseCommand } from '../arguments.ts';
import { openBotContext } from '../bot-context.ts';
import type { Command } from '../io.ts';

const help = `Usage: noclout audit [--base main] [--remote NAME] [--no-fetch] [--repo DIR] [--format text|json]

Replay every decision record on the base branch from git history alone: the
change's commits, the policy and roster frozen at its opening (from the ledger,
refs/noclout/ledger) and its ballots. Reports each record that was edited by
hand or whose outcome, tally, ballots, rule, clock or merge does not follow.

git clone does not fetch the ledger: when records name changes the ledger here
has no opening for, audit first runs
  git fetch origin refs/noclout/ledger:refs/noclout/ledger
(fast-forward only; --remote names another remote, --no-fetch skips it) and
says what it did.

Exit codes: 0 every record follows, 1 findings, 2 usage error.`;

export const auditCommand: Command = {
  name: 'audit',
  summary: 'replay every decision record and report any that does not follow',
  help,
  async run(args, io) {
    const { common, values } = parseCommand(args, { base: { type: 'string' }, remote: { type: 'string' }, 'no-fetch': { type: 'boolean', default: false } }, io.cwd);
    const context = await openBotContext(common, typeof values.base === 'string' ? values.base : undefined);
    const remote = typeof values.remote === 'string' ? values.remote : undefined;
    const report = await auditRecords(context.repo, context.source, context.baseBranch, values['no-fetch'] === true ? {} : { fetchLedger: () => fetchLedger(context.repo, remote) });
    if (common.format === 'json') io.stdout(JSON.stringify({ ok: report.findings.length === 0, ...report }, null, 2));
    else io.stdout([...(report.ledger ? [explainLedgerBrought('audit', report.ledger)] : []), explainAudit(report)].join('\n'));
    return report.findings.length ? 1 : 0;
  },
};

