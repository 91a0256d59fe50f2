/**
 * The prose of a rule or of the policy, written in one language or in several, inside the same
 * file (docs/formats/rule.md, "Several languages"). The body starts in the file's own language
 * (front matter `lang`, else commons.yml `defaultLanguage`); each other language's text follows a
 * line that holds only a marker:
 *
 *     Le texte en français…
 *
 *     <!-- lang: en -->
 *
 *     The text in English…
 *
 * An HTML comment, so the forge shows the file as one readable text and the marker nowhere. A
 * marker inside a fenced code block is code, not a marker. One file per rule keeps the contract
 * of paths, kinds and rule versions as it was: a translation is voted with the text it
 * translates, and a moderation's rule version covers every language of it.
 */
import type { Problem } from './problem.ts';
import { codedProblem } from './texts/problems.ts';

export interface ProseSection {
  lang: string;
  /** The section's Markdown, without its marker line. */
  body: string;
  /** 1-based line of the body where the section's text starts (after its marker). */
  line: number;
}

export interface ProseLanguages {
  /** The file's own language first, then each marked section in the order written. */
  sections: ProseSection[];
  problems: Problem[];
}

const MARKER = /^<!--\s*lang:\s*([a-z]{2,3})\s*-->\s*$/;
/** Something meant as a marker that is not one: reported rather than shown as a comment nobody sees. */
const LOOKS_LIKE_MARKER = /^\s*<!--\s*lang\b/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Split `body` into its language sections. `path` and `bodyLine` (the file line where the body
 * starts) place the problems; `languages` (commons.yml) are the languages a section may be in.
 *
 * @example splitProse('Texte.\n\n<!-- lang: en -->\n\nText.\n', { lang: 'fr', path: 'governance/rules/x.md', bodyLine: 6 })
 *   → sections fr "Texte.\n", en "\nText.\n"
 */
export function splitProse(body: string, options: { lang: string; path: string; bodyLine: number; languages?: readonly string[] }): ProseLanguages {
  const lines = body.split('\n');
  const problems: Problem[] = [];
  const sections: ProseSection[] = [];
  let current: { lang: string; from: number; line: number } = { lang: options.lang, from: 0, line: 1 };
  const close = (to: number) => sections.push({ lang: current.lang, body: lines.slice(current.from, to).join('\n'), line: current.line });
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const opening = FENCE.exec(text)?.[1];
    if (opening !== undefined && (fence === undefined || (opening[0] === fence[0] && opening.length >= fence.length))) {
      fence = fence === undefined ? opening : undefined;
      continue;
    }
    if (fence !== undefined || !LOOKS_LIKE_MARKER.test(text)) continue;
    const at = { line: options.bodyLine + i, column: 1 };
    const lang = MARKER.exec(text)?.[1];
    if (lang === undefined) {
      problems.push(codedProblem(options.path, 'prose/language-marker', 'prose/marker-malformed', { line: text.slice(0, 60) }, at));
      continue;
    }
    const why = markerProblem(lang, sections, current, options, at);
    if (why !== undefined) problems.push(why);
    close(i);
    current = { lang, from: i + 1, line: i + 2 };
  }
  close(lines.length);
  for (const section of sections.slice(1)) {
    if (section.body.trim() === '') problems.push(codedProblem(options.path, 'prose/language-marker', 'prose/marker-empty', { lang: section.lang }, { line: options.bodyLine + section.line - 2, column: 1 }));
  }
  // A repeated language keeps its first text only: what a reader sees never depends on which of two texts wins.
  const seen = new Set<string>();
  return { sections: sections.filter((s) => !seen.has(s.lang) && (seen.add(s.lang), true)), problems };
}

/** What is wrong with a well-formed marker, or undefined when nothing is. */
function markerProblem(lang: string, done: readonly ProseSection[], current: { lang: string }, options: { lang: string; path: string; languages?: readonly string[] }, at: { line: number; column: number }): Problem | undefined {
  const rule = 'prose/language-marker';
  if (lang === options.lang) return codedProblem(options.path, rule, 'prose/marker-own-language', { lang }, at);
  if (done.some((s) => s.lang === lang) || current.lang === lang) return codedProblem(options.path, rule, 'prose/marker-repeated', { lang }, at);
  if (options.languages && !options.languages.includes(lang)) return codedProblem(options.path, rule, 'prose/marker-not-commons', { lang, languages: options.languages.join(', ') }, at);
  return undefined;
}

/** The section for a reader of `lang`: theirs when written, else the file's own (the first). */
export function proseFor(sections: readonly ProseSection[], lang: string): ProseSection | undefined {
  return sections.find((s) => s.lang === lang) ?? sections[0];
}
