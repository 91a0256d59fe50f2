/**
 * The judgement of a change, written as the one pull-request comment the bot
 * keeps up to date: kind, what is wrong with the files (with line numbers),
 * the tally, every ballot and why it counts or not, the deadline, and what
 * happens next. Pure: the same judgement always renders the same text, so an
 * unchanged judgement never touches the comment.
 *
 * Everything a contributor or voter wrote (messages quoting files, ballot
 * comments, voter names) is escaped: it can neither break the tables, fake
 * the hidden marker, nor mention people.
 */
import { listedBallots, withoutWords } from './decision-record.ts';
import { inlineText, oneLine } from './inline-markdown.ts';
import type { Judgement, MergeResult } from './judgement.ts';
import { UNCOUNTED_LISTED } from './schema/decision.ts';
import { count, plural } from './plural.ts';

/** Hidden first line by which the bot finds its own comment again. */
export const JUDGEMENT_MARKER = '<!-- noclout:judgement -->';

export interface CommentContext {
  /** Link to the decision record, once one is written. */
  recordUrl?: string;
  /** Name of the base branch, for the text ("main"). */
  baseBranch?: string;
}

const TITLES: Record<Judgement['decision'], string> = {
  accept: 'accepted',
  reject: 'rejected',
  pending: 'open',
  invalid: 'needs changes',
  manual: 'left to people',
};

export function renderJudgementComment(judgement: Judgement | MergeResult, context: CommentContext = {}): string {
  const lines: string[] = [JUDGEMENT_MARKER];
  lines.push(`### NoClout: ${TITLES[judgement.decision]} (${judgement.kind})`, '');
  lines.push(
    `Judged commit \`${short(judgement.commit)}\` against \`${text(context.baseBranch ?? 'main')}\` at \`${short(judgement.base)}\`.`,
    '',
  );
  if (judgement.reasons.length > 0) {
    lines.push('**Why**', '', ...judgement.reasons.map((reason) => `- ${text(reason)}`), '');
  }
  lines.push(...problemsSection(judgement), '');
  if (judgement.tally) lines.push(...tallySection(judgement), '');
  if (judgement.decision !== 'manual') lines.push(...ballotsSection(judgement), '');
  if (judgement.opened || judgement.closes) lines.push(...deadlineSection(judgement), '');
  lines.push('**What happens next**', '', nextStep(judgement, context));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function problemsSection(judgement: Judgement): string[] {
  if (judgement.problems.length === 0) return ['**Files**: no problems found.'];
  return [
    `**Problems in the files** (${judgement.problems.length})`,
    '',
    '| File | Line | Problem | Rule |',
    '| --- | --- | --- | --- |',
    ...judgement.problems.map((p) => {
      const hint = p.hint ? `<br>hint: ${text(p.hint)}` : '';
      return `| \`${code(p.path)}\` | ${p.line}:${p.column} | ${text(p.message)}${hint} | \`${code(p.rule)}\` |`;
    }),
  ];
}

function tallySection(judgement: Judgement): string[] {
  const t = judgement.tally!;
  const met = (value: boolean) => (value ? 'met' : 'not met');
  return [
    '**Tally** (one member, one vote; counted ballots only)',
    '',
    '| Eligible | Yes | No | Abstain | Quorum | Threshold |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${t.eligible} | ${t.yes} | ${t.no} | ${t.abstain} | ${met(t.quorumMet)} | ${met(t.thresholdMet)} |`,
  ];
}

function ballotsSection(judgement: Judgement): string[] {
  // The same listing as the record: every counted ballot, the first uncounted ones without their words.
  const { listed: ballots, unlisted } = listedBallots(judgement.ballots);
  if (ballots.length === 0) {
    if (judgement.decision === 'accept' || judgement.decision === 'reject') return ['**Ballots**: none.'];
    return judgement.kind === 'post'
      ? ['**Ballots**: none. A member objects by requesting changes with a line `rule: <slug>` naming the rule the post breaks.']
      : ['**Ballots**: none yet. Members vote by approving (yes) or requesting changes (no) on the current head commit.'];
  }
  return [
    `**Ballots** (${ballots.length})`,
    '',
    '| Voter | Vote | Counts | Why | Their words |',
    '| --- | --- | --- | --- | --- |',
    ...ballots.map(withoutWords).map((b) => {
      const words = [b.rule ? `cites rule \`${code(b.rule)}\`` : '', b.comment ? text(b.comment) : ''].filter(Boolean).join(': ');
      return `| ${text(b.voter)} | ${b.vote} | ${b.counted ? 'yes' : 'no'} | ${text(b.reason)} | ${words} |`;
    }),
    ...(unlisted ? ['', `…and ${count(unlisted, 'more ballot')} that ${plural(unlisted, { one: 'does', other: 'do' })} not count (the first ${UNCOUNTED_LISTED} are listed).`] : []),
  ];
}

function deadlineSection(judgement: Judgement): string[] {
  const parts: string[] = [];
  if (judgement.opened) parts.push(`opened ${instant(judgement.opened)}`);
  if (judgement.closes) parts.push(`closes ${instant(judgement.closes)}`);
  return [`**Deadline**: ${parts.join(', ')} (UTC; commit dates and dates written in files are never used).`];
}

function nextStep(judgement: Judgement | MergeResult, context: CommentContext): string {
  const record = context.recordUrl ? ` The decision record: ${context.recordUrl}` : '';
  const merged = 'merged' in judgement && judgement.merged;
  switch (judgement.decision) {
    case 'accept':
      return merged
        ? `Merged, with its decision record.${record}`
        : 'Accepted: the bot merges it with its decision record on its next run (scheduled, and after every review).';
    case 'reject':
      return `Rejected by the policy; the decision is final and recorded, and this pull request is closed.${record} To try again, open a new pull request: it starts a new vote.`;
    case 'pending': {
      const until = judgement.closes ? ` until ${instant(judgement.closes)}` : '';
      if (judgement.kind === 'post' && !judgement.tally) {
        return `Open for objections${until}. If no member objects (requests changes citing a rule), the bot publishes it then. An objection turns it into a moderation vote.`;
      }
      if (judgement.kind === 'post') {
        return `A member objected: the moderation vote on stopping this post is open${until}. Members vote by requesting changes (no: stop it) or approving (yes: publish it) on the current head commit. The post is published unless the vote passes when it closes.`;
      }
      return `The vote is open${until}. Members vote by approving (yes) or requesting changes (no) on the current head commit; a new commit makes earlier reviews stale. The bot decides when the vote closes.`;
    }
    case 'invalid':
      return 'Fix the problems listed above and push to the same branch: the bot judges the new head. Nothing is recorded until the files are valid.';
    case 'manual':
      return 'The bot never merges this kind of change (code, workflows, anything outside the commons\' content): people review and merge it by hand.';
  }
}

function short(commit: string): string {
  return /^[0-9a-f]{7,40}$/.test(commit) ? commit.slice(0, 12) : code(commit);
}

function instant(iso: string): string {
  return text(iso.replace(/\.\d{3}Z$/, 'Z'));
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
