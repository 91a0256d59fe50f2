/** `noclout audit`: replay every decision record from history and report any that does not follow. */
import { auditRecords } from '../../bot/audit.ts';
import { explainAudit } from '../../bot/explain.ts';
import { explainLedgerBrought } from '../../bot/ledger-sync.ts';
import { fetchLedger } from '../../repo/ledger-fetch.ts';
import { parseCommand } from '../arguments.ts';
import { openBotContext } from '../bot-context.ts';
import type { Command } from '../io.ts';


export const auditCommand: Command = {
  name: 'audit',
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

