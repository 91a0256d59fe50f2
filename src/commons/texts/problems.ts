/**
 * Problems in the reader's language (issue 12). A producer that can give a code builds its problem
 * with `codedProblem`: the English catalogue writes its `message` and `hint` (what JSON output, the
 * bot's comment and the records keep), and the problem carries `code` and `params`, from which
 * `formatProblemIn(p, 'fr')` renders the French. A problem without a code, or with one this version
 * does not know (a newer producer), prints its stored English; a unit test fails on a rule that a
 * producer in src/ writes without a code. Pure.
 */
import { formatProblem, problem, visible, type Problem } from '../problem.ts';
import { FRAMES_EN, problemsEn, type FrameCode, type FrameText, type ProblemCode, type ProblemParams } from './problems-en.ts';
import { FRAMES_FR, problemsFr } from './problems-fr.ts';
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

const FRAMES: Record<TextLanguage, Record<FrameCode, FrameText>> = { en: FRAMES_EN, fr: FRAMES_FR };

/**
 * A problem with words added around its message or hint (FRAMES_EN), carried as a frame code with
 * its parameters so that another language adds its own: the message and hint become the English
 * framed. A problem without a code is framed in English alone (it had no other language).
 *
 * @example framed(p, 'frozen-at', { commit: 'abcdef1234' }) // message "at abcdef1234: …"
 */
export function framed(p: Problem, code: FrameCode, params: Record<string, string | number>): Problem {
  const { message, hint } = FRAMES_EN[code](params, { message: p.message, hint: p.hint });
  const out: Problem = { ...p, message, frames: [...(p.frames ?? []), { code, params: { ...params } }] };
  if (hint === undefined) delete out.hint;
  else out.hint = hint;
  return out;
}

/** The frames' words around a text, in a language; undefined for a frame this version does not know. */
function withFrames(p: Pick<Problem, 'frames'>, lang: TextLanguage, text: { message: string; hint: string | undefined }): { message: string; hint: string | undefined } | undefined {
  let out = text;
  for (const frame of p.frames ?? []) {
    if (!Object.hasOwn(FRAMES[lang], frame.code)) return undefined;
    out = FRAMES[lang][frame.code as FrameCode](frame.params, out);
  }
  return out;
}

const HINT_LABEL: Record<TextLanguage, string> = { en: 'hint:', fr: 'conseil\u202f:' };

/**
 * The catalogue's texts for a problem's code in a language, or undefined when they might not say
 * what its stored English says: an unknown code, parameters the English does not rebuild the
 * message and hint from (a caller that appended words to the message after building it), a throw.
 * Fail closed: the stored English is shown whole rather than a translation that drops a clause.
 */
function translated(p: Pick<Problem, 'message' | 'hint' | 'code' | 'params' | 'frames'>, lang: TextLanguage): { message: string; hint: string | undefined } | undefined {
  if (p.code === undefined || !Object.hasOwn(PROBLEM_CATALOGUES.en, p.code)) return undefined;
  const code = p.code as ProblemCode;
  const params = p.params ?? {};
  try {
    const said = (l: TextLanguage) => withFrames(p, l, { message: PROBLEM_CATALOGUES[l][code].message(params), hint: PROBLEM_CATALOGUES[l][code].hint?.(params) });
    const english = said('en');
    if (english?.message !== p.message || english.hint !== p.hint) return undefined;
    return said(lang);
  } catch {
    return undefined;
  }
}

/**
 * A coded text's message and hint in a language: the catalogue's for a known code (with its frames),
 * else the stored English. Also for what is coded like a problem without being one (audit's findings).
 */
export function problemTextIn(p: Pick<Problem, 'message' | 'hint' | 'code' | 'params' | 'frames'>, lang: TextLanguage): { message: string; hint: string | undefined } {
  return (lang === 'en' ? undefined : translated(p, lang)) ?? { message: p.message, hint: p.hint };
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
