import { auditFindingLine } from '../../bot/explain.ts';
import type { TextLanguage } from '../../commons/texts/index.ts';
/** `noclout audit`: replay every decision record from history and report any that does not follow. */
import { auditRecords } from '../../bot/audit.ts';
import type { AuditReport } from '../../bot/audit.ts';
import { CLI_TEXTS } from '../texts.ts';
import { fetchLedger } from '../../repo/ledger-fetch.ts';
import { parseCommand } from '../arguments.ts';
import { openBotContext } from '../bot-context.ts';
import type { Command } from '../io.ts';


export const auditCommand: Command = {
  name: 'audit',
  async run(args, io) {
    const { common, values } = parseCommand(args, { base: { type: 'string' }, remote: { type: 'string' }, 'no-fetch': { type: 'boolean', default: false } }, io.cwd, io.env);
    const context = await openBotContext(common, typeof values.base === 'string' ? values.base : undefined);
    const remote = typeof values.remote === 'string' ? values.remote : undefined;
    const t = CLI_TEXTS[common.lang];
    const report = await auditRecords(context.repo, context.source, context.baseBranch, { workers: 'auto', ...(values['no-fetch'] === true ? {} : { fetchLedger: () => fetchLedger(context.repo, remote) }) });
    if (common.format === 'json') io.stdout(JSON.stringify({ ok: report.findings.length === 0, ...report }, null, 2));
    else io.stdout([...(report.ledger ? [t.ledgerBrought('audit', report.ledger.lacking, report.ledger)] : []), ...auditLines(report, t, common.lang)].join('\n'));
    return report.findings.length ? 1 : 0;
  },
};

/** Each finding (path: message [rule]), then the count; or the one line saying every record follows. */
function auditLines(report: AuditReport, t: (typeof CLI_TEXTS)['en'], lang: TextLanguage): string[] {
  const base = report.base.slice(0, 12);
  if (report.findings.length === 0) return [t.auditOk(report.records, base)];
  return [...report.findings.map((f) => auditFindingLine(f, lang)), t.auditFindings(report.findings.length, report.records, base)];
}
