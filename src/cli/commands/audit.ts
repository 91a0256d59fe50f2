/** `noclout audit`: replay every decision record from history and report any that does not follow. */
import { auditRecords } from '../../bot/audit.ts';
import { explainAudit } from '../../bot/explain.ts';
import { parseCommand } from '../arguments.ts';
import { openBotContext } from '../bot-context.ts';
import type { Command } from '../io.ts';

const help = `Usage: noclout audit [--base main] [--repo DIR] [--format text|json]

Replay every decision record on the base branch from git history alone: the
change's commits, the policy and roster frozen at its opening (from the ledger,
refs/noclout/ledger) and its ballots. Reports each record that was edited by
hand or whose outcome, tally, ballots, rule, clock or merge does not follow.

Exit codes: 0 every record follows, 1 findings, 2 usage error.`;

export const auditCommand: Command = {
  name: 'audit',
  summary: 'replay every decision record and report any that does not follow',
  help,
  async run(args, io) {
    const { common, values } = parseCommand(args, { base: { type: 'string' } }, io.cwd);
    const context = await openBotContext(common, typeof values.base === 'string' ? values.base : undefined);
    const report = await auditRecords(context.repo, context.source, context.baseBranch);
    io.stdout(common.format === 'json' ? JSON.stringify({ ok: report.findings.length === 0, ...report }, null, 2) : explainAudit(report));
    return report.findings.length ? 1 : 0;
  },
};
