/**
 * Which words of a decision record are the bot's, and how to show them (pure).
 *
 * The bot writes a record's reasons, its ballots' "why", the "how to appeal" text and the record's
 * Markdown body in English (src/bot/record-of.ts, src/commons/decision-record.ts), whatever the
 * commons' languages. Pages mark those words `lang="en"` so a screen reader reads them in an
 * English voice on a French page. Titles, voters' comments and a proposal's quoted reasoning are
 * people's words, in their own language. Vote values (yes, no, abstain) are UI words: pages
 * translate them through src/i18n.
 */
import { APPEAL_ID_PLACEHOLDER } from '../commons/decision-record.ts';

/** The language the bot writes records in. */
export const RECORD_LANGUAGE = 'en';

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
