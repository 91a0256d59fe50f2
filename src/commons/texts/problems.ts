/**
 * Problems in the reader's language (issue 12). A producer that can give a code builds its problem
 * with `codedProblem`: the English catalogue writes its `message` and `hint` (what JSON output, the
 * bot's comment and the records keep), and the problem carries `code` and `params`, from which
 * `formatProblemIn(p, 'fr')` renders the French. A problem without a code, or with one this version
 * does not know, prints its English: UNTRANSLATED_RULES lists the rules still in that state, and a
 * unit test fails on a rule produced in src/ that is neither translated nor listed. Pure.
 */
import { formatProblem, problem, visible, type Problem } from '../problem.ts';
import { problemsEn, type ProblemCode, type ProblemParams } from './problems-en.ts';
import { problemsFr } from './problems-fr.ts';
import type { TextLanguage } from './index.ts';

export { problemsEn, type ProblemCode, type ProblemParams } from './problems-en.ts';
export { problemsFr } from './problems-fr.ts';

interface ProblemText {
  message(params: Record<string, string | number>): string;
  hint?(params: Record<string, string | number>): string | undefined;
}

export const PROBLEM_CATALOGUES: Record<TextLanguage, Record<ProblemCode, ProblemText>> = {
  en: problemsEn as unknown as Record<ProblemCode, ProblemText>,
  fr: problemsFr as unknown as Record<ProblemCode, ProblemText>,
};

/**
 * A problem whose words come from the catalogue.
 *
 * @example
 * codedProblem(path, 'post/reply-to-missing', 'post/reply-to-missing', { replyTo: '2026/x' }, { line: 4, column: 10 })
 */
export function codedProblem<C extends ProblemCode>(
  path: string,
  rule: string,
  code: C,
  params: ProblemParams<C>,
  at: { line?: number; column?: number } = {},
): Problem {
  const text = PROBLEM_CATALOGUES.en[code];
  const values = params as Record<string, string | number>;
  const p = problem(path, rule, text.message(values), { ...at, hint: text.hint?.(values) });
  if (p.hint === undefined) delete p.hint;
  p.code = code;
  p.params = { ...values };
  return p;
}

const HINT_LABEL: Record<TextLanguage, string> = { en: 'hint:', fr: 'conseil\u202f:' };

/**
 * The catalogue's texts for a problem's code in a language, or undefined when they might not say
 * what its stored English says: an unknown code, parameters the English does not rebuild the
 * message and hint from (a caller that appended words to the message after building it), a throw.
 * Fail closed: the stored English is shown whole rather than a translation that drops a clause.
 */
function translated(p: Problem, lang: TextLanguage): { message: string; hint: string | undefined } | undefined {
  if (p.code === undefined || !Object.hasOwn(PROBLEM_CATALOGUES.en, p.code)) return undefined;
  const code = p.code as ProblemCode;
  const params = p.params ?? {};
  try {
    if (PROBLEM_CATALOGUES.en[code].message(params) !== p.message || PROBLEM_CATALOGUES.en[code].hint?.(params) !== p.hint) return undefined;
    return { message: PROBLEM_CATALOGUES[lang][code].message(params), hint: PROBLEM_CATALOGUES[lang][code].hint?.(params) };
  } catch {
    return undefined;
  }
}

/** `path:line:col: message [rule]` in a language: the catalogue's text for a known code, else the stored English. */
export function formatProblemIn(p: Problem, lang: TextLanguage): string {
  const text = lang === 'en' ? undefined : translated(p, lang);
  if (!text) return formatProblem(p);
  const { message, hint } = text;
  const label = HINT_LABEL[lang];
  const hintLine = hint ? `\n    ${label} ${visible(hint).replace(/\n/g, `\n${' '.repeat(5 + label.length)}`)}` : '';
  return `${visible(p.path)}:${p.line}:${p.column}: ${visible(message).replace(/\n/g, '\\n')} [${p.rule}]${hintLine}`;
}

/**
 * Rules some producer still writes in English only, decided one by one: a new rule must be given
 * a code (and its French) or added here, which a reviewer sees. A rule with a code here may still
 * have producers without one (the schema's own messages, written in each schema). A schema
 * refinement's rule (`params: { rule }` in src/commons/schema/) is listed as `${kind}/<rule>`.
 */
export const UNTRANSLATED_RULES: readonly string[] = [
  '${kind}/tag-mixed-scripts',
  '${kind}/tag-not-normalized',
  'audit/missing-object',
  'change/missing-object',
];
