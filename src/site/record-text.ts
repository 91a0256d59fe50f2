/**
 * Which words of a decision record are the bot's, and how to show them (pure).
 *
 * The bot stores a record's reasons, its ballots' "why" and the "how to appeal" text as codes
 * beside their English (src/commons/texts/): pages render the codes in the page's language. A
 * record written before codes, or a code this version cannot read, shows its stored English,
 * marked `lang="en"` so a screen reader reads it in an English voice on a French page. Titles,
 * voters' comments and a proposal's quoted reasoning are people's words, in their own language.
 * Vote values (yes, no, abstain) are UI words: pages translate them through src/i18n.
 */
import { APPEAL_ID_PLACEHOLDER } from '../commons/decision-record.ts';
import type { DecisionBallot, DecisionRecord } from '../commons/schema/decision.ts';
import { displayText, type TextLanguage } from '../commons/texts/index.ts';

/** The language the bot stores records' texts in, shown as such when a record has no code for them. */
export const RECORD_LANGUAGE = 'en';

/** A bot text as a page shows it, with the language it is in. */
export interface ShownText {
  text: string;
  lang: string;
}

/** A reason as shown: the bot's words, and for a moderation's quoted reasoning the proposer's words. */
export interface ShownReason extends ShownText {
  quoted: string | undefined;
}

/**
 * A record's reasons in the page's language, from their codes; each reason without a readable code
 * keeps its stored English (`lang="en"`).
 */
export function shownReasons(record: Pick<DecisionRecord, 'reasons' | 'reasonCodes'>, lang: TextLanguage): ShownReason[] {
  return record.reasons.map((stored, i) => {
    const code = record.reasonCodes?.[i];
    if (code?.code === 'proposal-reasoning' && typeof code.params.text === 'string') {
      const bot = displayText({ code: code.code, params: { text: '' } }, lang);
      if (bot !== undefined) return { text: bot.trimEnd(), lang, quoted: code.params.text };
    }
    const text = displayText(code, lang);
    if (text !== undefined) return { text, lang, quoted: undefined };
    const { bot, quoted } = reasonParts(stored);
    return { text: bot, lang: RECORD_LANGUAGE, quoted };
  });
}

/** Why a ballot counted or not, in the page's language when the record has its code. */
export function shownWhy(ballot: Pick<DecisionBallot, 'reason' | 'status'>, lang: TextLanguage): ShownText {
  const text = displayText(ballot.status, lang);
  return text === undefined ? { text: ballot.reason, lang: RECORD_LANGUAGE } : { text, lang };
}

/** A moderation's "how to appeal", with the decision's own id, in the page's language when the record has its code. */
export function shownAppeal(moderation: NonNullable<DecisionRecord['moderation']>, decisionId: string, lang: TextLanguage): ShownText {
  const code = moderation.appealCode;
  const text = code?.code === 'appeal-path' ? displayText({ code: code.code, params: { ...code.params, decision: decisionId } }, lang) : undefined;
  return text === undefined ? { text: appealTextOf(moderation.appeal, decisionId), lang: RECORD_LANGUAGE } : { text, lang };
}

/** A piece of bot text: plain words, or a `code span` the bot put between backticks. */
export interface TextSegment {
  code: boolean;
  text: string;
}

/**
 * The bot's text cut at its backticks, so pages render `appeals: 2026/0002-x` as code instead of
 * showing the backticks. Segments are plain strings: the page escapes them like any other text,
 * so a record can never bring HTML into the page. A backtick without its closing one stays as is.
 *
 * @example codeSpans('say `appeals: x` here') → [{code:false,text:'say '},{code:true,text:'appeals: x'},{code:false,text:' here'}]
 */
export function codeSpans(text: string): TextSegment[] {
  const parts = text.split('`');
  const segments: TextSegment[] = [];
  const push = (code: boolean, piece: string) => {
    if (piece === '') return;
    const last = segments.at(-1);
    if (last && !last.code && !code) last.text += piece;
    else segments.push({ code, text: piece });
  };
  parts.forEach((part, i) => {
    const closed = i % 2 === 1 && i < parts.length - 1;
    if (closed) push(true, part);
    else push(false, i % 2 === 1 ? `\`${part}` : part);
  });
  return segments;
}

/** How record-of.ts introduces a moderation proposal's own words among the record's reasons. */
const QUOTED_REASONING = 'reasoning of the proposal: ';

/**
 * A reason split into the bot's words and, for the proposal's quoted reasoning, the proposer's
 * (which are in the proposal's language, not the bot's).
 */
export function reasonParts(reason: string): { bot: string; quoted: string | undefined } {
  return reason.startsWith(QUOTED_REASONING) ? { bot: QUOTED_REASONING.trimEnd(), quoted: reason.slice(QUOTED_REASONING.length) } : { bot: reason, quoted: undefined };
}

/** What `recordLanguages` reads: the build's proposals and posts, and commons.yml `defaultLanguage`. */
export interface ContentSources {
  proposals: readonly { id: string; data: { lang?: string | undefined } }[];
  posts: Iterable<{ file: string; data: { lang: string } }>;
  defaultLanguage: string;
}

/** The languages of the people's words a record carries. */
export interface RecordLanguages {
  /** The language of the change's proposal (its `lang`, else the commons' default): its quoted reasoning. */
  proposal(change: string): string;
  /**
   * The language of a record's title, which the bot copies from the post it published (a post
   * decision) or else from the proposal: undefined when neither is in the commons any more.
   */
  title(decision: { data: { kind: string; change: string; files: readonly string[] } }): string | undefined;
}

const indexed = new WeakMap<object, RecordLanguages>();

/** Indexes a build's proposals and posts once, not once per decision page (cached by the build's proposal list). */
export function recordLanguages(sources: ContentSources): RecordLanguages {
  let languages = indexed.get(sources.proposals);
  if (languages) return languages;
  const proposals = new Map(sources.proposals.map((p) => [p.id, p.data.lang ?? sources.defaultLanguage]));
  const posts = new Map([...sources.posts].map((p) => [p.file, p.data.lang]));
  languages = {
    proposal: (change) => proposals.get(change) ?? sources.defaultLanguage,
    title(decision) {
      if (decision.data.kind === 'post') return decision.data.files.map((file) => posts.get(file)).find((lang) => lang !== undefined);
      return proposals.get(decision.data.change);
    },
  };
  indexed.set(sources.proposals, languages);
  return languages;
}


/**
 * A moderation record's "how to appeal" with the decision's own id in place of the placeholder the
 * bot wrote, so a reader can copy the `appeals:` line as it is.
 *
 * @example appealTextOf("… `appeals: <this decision's year/number-slug>` …", '2026/0002-hide-x') // "… `appeals: 2026/0002-hide-x` …"
 */
export function appealTextOf(text: string, decisionId: string): string {
  return text.split(APPEAL_ID_PLACEHOLDER).join(decisionId);
}
