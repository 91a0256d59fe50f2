/**
 * The judgement of a change, written as the one pull-request comment the bot
 * keeps up to date: kind, what is wrong with the files (with line numbers),
 * the tally, every ballot and why it counts or not, the deadline, and what
 * happens next, in the commons' languages (commons.yml `botLanguages`, else its
 * default language; docs/github.md, The judgement comment). Pure: the same
 * judgement always renders the same text, so an unchanged judgement never
 * touches the comment.
 *
 * Everything a contributor or voter wrote (messages quoting files, ballot
 * comments, voter names) is escaped: it can neither break the tables, fake
 * the hidden marker, nor mention people.
 */
import { listedBallots, sealedPending, withoutWords } from './decision-record.ts';
import { inlineText, oneLine } from './inline-markdown.ts';
import type { Judgement, MergeResult } from './judgement.ts';
import { UNCOUNTED_LISTED } from './schema/decision.ts';
import { COMMENT_WORDS, type CommentWords } from './texts/comment.ts';
import { quoteTitle, WHAT_IF_TEXTS, whatIfSummary } from './texts/what-if.ts';
import { displayFormat, displayText, recordText, type BotText, type TextLanguage } from './texts/index.ts';

/** Hidden first line by which the bot finds its own comment again; the same in every language. */
export const JUDGEMENT_MARKER = '<!-- noclout:judgement -->';

export interface CommentContext {
  /** Link to the decision record, once one is written. */
  recordUrl?: string;
  /** Name of the base branch, for the text ("main"). */
  baseBranch?: string;
  /** The languages to write in, in order (commons.yml `botLanguages`); English when absent or empty. */
  languages?: readonly TextLanguage[];
  /** The site's address (commons.yml `url`): a sealed vote's comment links its proposals page, where members seal. */
  siteUrl?: string;
}

/**
 * The languages a comment is written in, from commons.yml's `botLanguages` (or its default
 * language): each one NoClout has texts for, in order; a language it has none for is written in
 * English; English when nothing else is left.
 */
export function commentLanguages(languages: readonly string[]): TextLanguage[] {
  const known = languages.map((lang): TextLanguage => (lang === 'fr' || lang.startsWith('fr-') ? 'fr' : 'en'));
  return known.length > 0 ? [...new Set(known)] : ['en'];
}

/**
 * The comment: the marker, then one section per language, separated by a rule. Fixed words come
 * from texts/comment.ts; reasons and ballot statuses that have a code are rendered in the
 * language; what has no code (problems, a few reasons the bot gives as text only) stays English.
 */
export function renderJudgementComment(judgement: Judgement | MergeResult, context: CommentContext = {}): string {
  const languages = context.languages && context.languages.length > 0 ? [...new Set(context.languages)] : (['en'] as const);
  const sections = languages.map((lang) => renderIn(judgement, context, lang).join('\n').replace(/\n{3,}/g, '\n\n').trim());
  return `${JUDGEMENT_MARKER}\n${sections.join('\n\n---\n\n')}\n`;
}

function renderIn(judgement: Judgement | MergeResult, context: CommentContext, lang: TextLanguage): string[] {
  const w = COMMENT_WORDS[lang];
  const lines: string[] = [];
  lines.push(`### ${w.title(judgement.decision, judgement.kind)}`, '');
  lines.push(w.judged(`\`${short(judgement.commit)}\``, `\`${text(context.baseBranch ?? 'main')}\``, `\`${short(judgement.base)}\``), '');
  if (judgement.reasons.length > 0) {
    const reasons = reasonsIn(judgement, lang);
    lines.push(`**${w.why}**`, '', ...reasons.map((reason) => `- ${reason}`), '');
  }
  lines.push(...problemsSection(judgement, w), '');
  if (judgement.tally) lines.push(...tallySection(judgement, w), '');
  if (judgement.decision !== 'manual') lines.push(...ballotsSection(judgement, w, lang), '');
  if (judgement.opened || judgement.closes) lines.push(deadlineSection(judgement, w, lang), '');
  if (judgement.whatIf) lines.push(...whatIfSection(judgement, lang), '');
  lines.push(`**${w.next}**`, '', nextStep(judgement, context, w, lang));
  return lines;
}

/**
 * Each reason in `lang`: a reason whose code is known and renders to exactly its English text is
 * written from the code; any other stays the English the judgement gives (never a translation
 * that could say something the record does not).
 */
function reasonsIn(judgement: Judgement, lang: TextLanguage): string[] {
  const codes = judgement.reasonCodes ?? [];
  return judgement.reasons.map((reason) => {
    const coded = codes.find((c) => safeRecordText(c) === reason);
    return text((coded && displayText(coded, lang)) ?? reason);
  });
}

function safeRecordText(c: BotText): string | undefined {
  try {
    return recordText(c);
  } catch {
    return undefined;
  }
}

function problemsSection(judgement: Judgement, w: CommentWords): string[] {
  if (judgement.problems.length === 0) return [w.noProblems];
  return [
    w.problems(judgement.problems.length),
    '',
    ...w.problemsHeader,
    ...judgement.problems.map((p) => {
      const hint = p.hint ? `<br>${w.hint}: ${text(p.hint)}` : '';
      return `| \`${code(p.path)}\` | ${p.line}:${p.column} | ${text(p.message)}${hint} | \`${code(p.rule)}\` |`;
    }),
  ];
}

function tallySection(judgement: Judgement, w: CommentWords): string[] {
  const t = judgement.tally!;
  return [w.tally, '', ...w.tallyHeader, `| ${t.eligible} | ${t.yes} | ${t.no} | ${t.abstain} | ${w.met(t.quorumMet)} | ${w.met(t.thresholdMet)} |`];
}

function ballotsSection(judgement: Judgement, w: CommentWords, lang: TextLanguage): string[] {
  // The same listing as the record: every counted ballot, the first uncounted ones without their words.
  const { listed: ballots, unlisted } = listedBallots(judgement.ballots);
  if (ballots.length === 0) {
    if (judgement.decision === 'accept' || judgement.decision === 'reject') return [w.noBallots];
    return judgement.kind === 'post' ? [w.noBallotsPost] : [w.noBallotsYet];
  }
  return [
    w.ballots(ballots.length),
    '',
    ...w.ballotsHeader,
    ...ballots.map(withoutWords).map((b) => {
      const words = [b.rule ? w.citesRule(`\`${code(b.rule)}\``) : '', b.comment ? text(b.comment) : ''].filter(Boolean).join(w.saidAfterRule);
      // A status code is shown in the language only when it says what the stored English says.
      const why = b.status && safeRecordText(b.status as BotText) === b.reason ? displayText(b.status, lang) : undefined;
      return `| ${text(b.voter)} | ${w.vote(b.vote)} | ${sealedPending(b) ? w.untilClose : w.yesNo(b.counted)} | ${text(why ?? b.reason)} | ${words} |`;
    }),
    ...(unlisted ? ['', w.unlisted(unlisted, UNCOUNTED_LISTED)] : []),
  ];
}

/** A policy change: what its numbers would have decided in the past (issue 13), the same sentence review prints. */
function whatIfSection(judgement: Judgement, lang: TextLanguage): string[] {
  const w = WHAT_IF_TEXTS[lang];
  const change = /^#\d+$/.test(judgement.head) ? short(judgement.commit) : code(judgement.head);
  return [`**${w.pastHeading}**`, '', whatIfSummary(judgement.whatIf!, lang, { title: (t) => quoteTitle(text(t), lang) }), '', `${w.seeAll}\`noclout what-if ${change}\`.`];
}

function deadlineSection(judgement: Judgement, w: CommentWords, lang: TextLanguage): string {
  return w.deadline(judgement.opened && instant(judgement.opened, lang), judgement.closes && instant(judgement.closes, lang));
}

function nextStep(judgement: Judgement | MergeResult, context: CommentContext, w: CommentWords, lang: TextLanguage): string {
  const record = context.recordUrl ? w.record(context.recordUrl) : '';
  const merged = 'merged' in judgement && judgement.merged;
  switch (judgement.decision) {
    case 'accept':
      return merged ? w.merged(record) : w.accepted;
    case 'reject':
      return w.rejected(record);
    case 'pending': {
      const until = judgement.closes ? instant(judgement.closes, lang) : undefined;
      const round = sealedRound(judgement);
      if (round !== undefined) return w.pendingSealed(until, round, proposalsPage(context.siteUrl, lang));
      const step = judgement.kind !== 'post' ? 'vote' : judgement.tally ? 'moderation' : 'objections';
      return w.pending(step, until);
    }
    case 'invalid':
      return w.invalid;
    case 'manual':
      return w.manual;
  }
}

/**
 * The beacon round of a sealed vote still open for ballots, from the reason saying so (texts/codes.ts
 * `vote-sealed-so-far`); undefined for a public vote, and for a sealed one closed and waiting for its round.
 */
function sealedRound(judgement: Judgement): number | undefined {
  const reason = (judgement.reasonCodes ?? []).find((c) => (c.code as string) === 'vote-sealed-so-far');
  const round = (reason?.params as { round?: unknown } | undefined)?.round;
  return typeof round === 'number' ? round : undefined;
}

/** The site's proposals page in `lang`, where an open sealed vote's page has the sealing form. */
function proposalsPage(siteUrl: string | undefined, lang: TextLanguage): string | undefined {
  if (!siteUrl) return undefined;
  try {
    const url = new URL(`${lang}/proposals/`, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
    // commons.yml is main's, decided by vote; still, only a plain http(s) address becomes a link.
    const plain = (url.protocol === 'https:' || url.protocol === 'http:') && /^[^\s<>`|\\]+$/.test(url.href);
    return plain ? `<${url.href}>` : undefined;
  } catch {
    return undefined;
  }
}

function short(commit: string): string {
  return /^[0-9a-f]{7,40}$/.test(commit) ? commit.slice(0, 12) : code(commit);
}

/** An instant as the language writes it, saying UTC (texts/index.ts displayFormat). */
function instant(iso: string, lang: TextLanguage): string {
  return text(displayFormat(lang).instant(iso));
}

/**
 * Untrusted text in a Markdown table cell or list item: the escaping every writer of the bot's
 * Markdown uses (src/commons/inline-markdown.ts: one line, no HTML, so no fake marker, no table
 * breaks, links or emphasis), plus no @mentions, which only a forge acts on.
 */
export function text(value: string): string {
  return inlineText(value, 1000).replace(/@/g, '@\u200b');
}

/** Text shown inside inline code: one line; backticks and table pipes cannot close it. */
function code(value: string): string {
  return oneLine(value, 300).replace(/`/g, "'").replace(/\|/g, '¦');
}
