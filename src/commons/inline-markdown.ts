/**
 * Words that are not the bot's, inside Markdown the bot writes: a decision record's body (shown by
 * the site and by the forge) and the pull-request comment. Every writer goes through `inlineText`
 * (or `inlineBotText`, for the bot's own sentences that quote such words), so a title, a reason,
 * a voter's words, a rule slug, a handle or a branch name is one line of inert text wherever it
 * lands: it cannot start a line of its own (a fake "## Tally" section), and forms no heading,
 * list, table cell, link, image, autolink, emphasis or HTML. Pure.
 */
import { uPlus } from './problem.ts';

/** Line breaks of every kind (LF, CR, VT, FF, NEL, U+2028, U+2029): a run of them becomes one space. */
const BREAKS = /[\n\r\u000B\u000C\u0085\u2028\u2029]+/gu;

/**
 * The other control characters (C0, DEL, C1) and the bidirectional embeddings and overrides
 * (U+202A–U+202E), which would reorder what a reader sees: shown as their code point instead.
 * Tabs are spaces here.
 */
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u202A-\u202E]/gu;

/**
 * One line: line breaks become a space, tabs a space, invisible controls their code point
 * ("<U+202E>"), the text is cut at `max` characters (marked "…") when it is longer, and any
 * isolate it leaves open is closed.
 *
 * @example oneLine('a\r\n\nb\u202Ec') // 'a b<U+202E>c'
 */
export function oneLine(value: string, max = Infinity): string {
  const line = value.replace(BREAKS, ' ').replace(/\t/g, ' ').replace(INVISIBLE, (c) => `<${uPlus(c)}>`);
  return closeIsolates(line.length > max ? `${line.slice(0, max - 1)}…` : line);
}

/**
 * The bidirectional isolates (U+2066 LRI, U+2067 RLI, U+2068 FSI) stay: mixed-direction titles
 * need them. But one left open runs on past the field over the bot's own words after it on the
 * same line ("# <title>: rejected") and reorders them, so every isolate the text opens is closed
 * (U+2069 PDI) where it ends. A PDI with nothing to close does nothing and is left as it is.
 */
function closeIsolates(text: string): string {
  let open = 0;
  for (const c of text) {
    if (c === '\u2066' || c === '\u2067' || c === '\u2068') open++;
    else if (c === '\u2069' && open > 0) open--;
  }
  return open ? text + '\u2069'.repeat(open) : text;
}

/**
 * Someone's words as one line of literal Markdown text: `oneLine`, then HTML's `&`, `<` and `>`
 * as entities and every character that opens inline Markdown backslash-escaped (CommonMark lets
 * any ASCII punctuation be escaped, and shows it as itself): code, emphasis, links and images
 * (no `[`, so no `](…)`), strikethrough, table pipes, headings' `#`. Autolinks (`https://…`,
 * `www.…`, `someone@example.org`) are broken by escaping their `:`, `.` or `@`. Block syntax
 * (lists, quotes, setext underlines) needs a line of its own, which the text never starts. Safe
 * in a heading, a list item, a paragraph and a table cell.
 *
 * @example inlineText('## Tally\n[x](javascript:1) <b>') // '\\#\\# Tally \\[x\\](javascript:1) &lt;b&gt;'
 */
export function inlineText(value: string, max = Infinity): string {
  return oneLine(value, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~@]/g, '\\$&')
    .replace(/\b(https?|ftp|mailto|xmpp):/gi, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * The bot's own sentence, which may quote someone's words and marks code between backticks
 * (`appeals: 2026/0002-x`): the code spans stay code spans (one line, no backtick can close them
 * early), everything else is `inlineText`. Not for table cells (a `|` inside a code span would
 * still cut the cell): those take `inlineText`.
 *
 * @example inlineBotText('open `appeals: <id>` **now**') // 'open `appeals: <id>` \\*\\*now\\*\\*'
 */
export function inlineBotText(value: string): string {
  const parts = value.split('`');
  return parts
    .map((part, i) => {
      const closed = i % 2 === 1 && i < parts.length - 1;
      if (closed) return `\`${oneLine(part)}\``;
      return i % 2 === 1 ? `\\\`${inlineText(part)}` : inlineText(part);
    })
    .join('');
}
