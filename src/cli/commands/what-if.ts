/**
 * `noclout what-if <policy file | change>`: every decision record on the base replayed under a
 * proposed policy (src/commons/what-if.ts), listing the decisions whose outcome would differ and
 * those that would have closed earlier or later, with the tally and close under both. A report:
 * exit 0 whatever it finds; 1 when the proposed policy does not read; 2 on usage errors.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { proposedPolicy, recordedPast } from '../../bot/what-if.ts';
import { formatProblemIn } from '../../commons/texts/problems.ts';
import { WHAT_IF_TEXTS, whatIfInstant, whatIfSummary } from '../../commons/texts/what-if.ts';
import type { TextLanguage } from '../../commons/texts/index.ts';
import { digestOf, whatIf, type Standing, type WhatIfDecision, type WhatIfReport } from '../../commons/what-if.ts';
import { readOpening } from '../../repo/ledger.ts';
import { MissingObjectError } from '../../repo/missing.ts';
import { resolveCommit, type Repository } from '../../repo/repository.ts';
import { readText, treeOf } from '../../repo/tree.ts';
import { parseCommand, UsageError } from '../arguments.ts';
import { openBotContext } from '../bot-context.ts';
import type { Command } from '../io.ts';

/** Where the proposed policy came from. */
type Source = { from: 'file'; path: string } | { from: 'change'; change: string; commit: string };

export const whatIfCommand: Command = {
  name: 'what-if',
  async run(args, io) {
    const { common, values, positionals } = parseCommand(args, { base: { type: 'string' } }, io.cwd, io.env);
    const w = WHAT_IF_TEXTS[common.lang];
    if (positionals.length !== 1) throw new UsageError(WHAT_IF_TEXTS.en.oneArgument, WHAT_IF_TEXTS.fr.oneArgument);
    const arg = positionals[0]!;
    const context = await openBotContext(common, typeof values.base === 'string' ? values.base : undefined);
    const found = await proposedText(context.repo, context.base, arg, io.cwd);
    const proposed = proposedPolicy(found.text, found.source.from === 'file' ? found.source.path : `${found.source.change}:governance/policy.md`);
    if (!proposed.ok) {
      const where = found.source.from === 'file' ? found.source.path : found.source.change;
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: false, policy: found.source, problems: proposed.problems }, null, 2));
      else io.stdout([...proposed.problems.map((p) => formatProblemIn(p, common.lang)), w.badPolicy(where, proposed.problems.length)].join('\n'));
      return 1;
    }
    const past = await recordedPast(context.repo, context.base);
    const report = whatIf({ decisions: past.decisions, policy: proposed.policy, frozen: past.frozen });
    const digest = digestOf(report);
    if (common.format === 'json') {
      io.stdout(JSON.stringify({ ok: true, policy: found.source, base: context.base, ...report, summary: whatIfSummary(digest, 'en'), ledger: past.ledger, unreadable: past.unreadable }, null, 2));
    } else {
      io.stdout(explainWhatIf(report, found.source, context.base, common.lang, { ledger: past.ledger, unreadable: past.unreadable.length }));
    }
    return 0;
  },
};

/**
 * The proposed policy's text: a file when `arg` names one; else a change (a branch or commit,
 * or the slug of a change the ledger opened) whose head edits governance/policy.md.
 */
async function proposedText(repo: Repository, base: string, arg: string, cwd: string): Promise<{ text: string; source: Source }> {
  const file = path.resolve(cwd, arg);
  if (existsSync(file) && statSync(file).isFile()) return { text: readFileSync(file, 'utf8'), source: { from: 'file', path: arg } };
  const head = await headOf(repo, arg);
  if (!head) throw new UsageError(WHAT_IF_TEXTS.en.notFound(arg), WHAT_IF_TEXTS.fr.notFound(arg));
  const text = await readText(repo, await treeOf(repo, head), 'governance/policy.md');
  if (text === undefined) throw new UsageError(WHAT_IF_TEXTS.en.noPolicyIn(arg), WHAT_IF_TEXTS.fr.noPolicyIn(arg));
  if (text === (await readText(repo, await treeOf(repo, base), 'governance/policy.md'))) throw new UsageError(WHAT_IF_TEXTS.en.notPolicy(arg), WHAT_IF_TEXTS.fr.notPolicy(arg));
  return { text, source: { from: 'change', change: arg, commit: head } };
}

/** A branch or commit, else the head the ledger first named for a change of that slug (as `review` resolves a head). */
async function headOf(repo: Repository, arg: string): Promise<string | undefined> {
  const resolved = await resolveCommit(repo, arg).catch(() => undefined);
  if (resolved) return resolved;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(arg)) return undefined;
  const opening = await readOpening(repo, arg).catch((error: unknown) => {
    if (error instanceof MissingObjectError) return undefined;
    throw error;
  });
  if (!opening) return undefined;
  const pull = /^#(\d+)$/.exec(opening.head);
  return (await resolveCommit(repo, pull ? `refs/pull/${pull[1]}/head` : opening.head).catch(() => undefined)) ?? (await resolveCommit(repo, opening.firstHead).catch(() => undefined));
}

/** The report as text: the summary, then each list with both standings. */
export function explainWhatIf(report: WhatIfReport, source: Source, base: string, lang: TextLanguage, notes: { ledger: boolean; unreadable: number }): string {
  const w = WHAT_IF_TEXTS[lang];
  const from = source.from === 'file' ? w.fromFile(source.path) : w.fromChange(source.change, source.commit.slice(0, 12));
  const lines = [w.heading(from, report.decisions, base.slice(0, 12)), whatIfSummary(digestOf(report), lang)];
  const standing = (s: Standing) => w.standing(s.outcome, whatIfInstant(s.closed, lang), s.tally ? w.tally(s.tally) : undefined);
  const entry = (d: WhatIfDecision) => {
    const out = [`  ${w.decision(d.id, d.kind, JSON.stringify(d.title))}${d.moved ? `${w.colon}${w.movedWord(d.moved)}` : ''}`, `    ${w.recorded}${w.colon}${standing(d.before)}`];
    if (d.after) out.push(`    ${w.replayed}${w.colon}${standing(d.after)}`);
    if (d.certainty === 'assumed' && d.knownUntil) out.push(`    (${w.assumed(whatIfInstant(d.knownUntil, lang))})`);
    if (d.why) out.push(`    ${w.why[d.why]}`);
    return out;
  };
  const section = (heading: string, list: WhatIfDecision[]) => (list.length ? ['', heading, ...list.flatMap(entry)] : []);
  lines.push(...section(w.flippedHeading, report.differing.filter((d) => d.flipped)));
  lines.push(...section(w.movedHeading, report.differing.filter((d) => !d.flipped && d.moved)));
  lines.push(...section(w.unknownHeading, report.differing.filter((d) => d.certainty === 'unknown')));
  if (report.differing.length === 0) lines.push(w.nothing);
  if (!notes.ledger && report.differing.some((d) => d.why === 'no-ballot-times')) lines.push('', w.ledgerMissing);
  if (notes.unreadable) lines.push('', w.unreadable(notes.unreadable));
  return lines.join('\n');
}
