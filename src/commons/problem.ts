/**
 * A problem found in a contribution, reported like a compiler does:
 * `path:line:col: message [rule]`. Validators collect every problem instead of
 * stopping at the first, so a contributor can fix everything in one pass.
 */
export interface Problem {
  /** Repository-relative path, with forward slashes. */
  path: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Stable identifier of the rule broken; callers branch on it, never on the message. */
  rule: string;
  message: string;
  /** What to do about it, with an example where one helps. */
  hint?: string;
  /**
   * The catalogue text the message and hint were written from (src/commons/texts/problems-en.ts),
   * with its parameters, so the CLI can print the problem in the reader's language. Absent when the
   * producer wrote its English inline; `message` and `hint` stay the English either way.
   */
  code?: string;
  params?: Record<string, string | number>;
  /**
   * Words a caller added around the coded message and hint (src/commons/texts/problems-en.ts,
   * FRAMES_EN: "at <commit>: …"), with their parameters, outermost last: `message` and `hint` are
   * the English with them, and another language frames its own text the same way.
   */
  frames?: { code: string; params: Record<string, string | number> }[];
}

/** Build a problem with line and column defaulting to the start of the file. */
export function problem(
  path: string,
  rule: string,
  message: string,
  at: { line?: number; column?: number; hint?: string } = {},
): Problem {
  const p: Problem = { path, line: at.line ?? 1, column: at.column ?? 1, rule, message };
  if (at.hint !== undefined) p.hint = at.hint;
  return p;
}

/** `path:line:col: message [rule]`, the one format every command prints. */
export function formatProblem(p: Problem): string {
  // A hint of several lines (an example to copy) stays indented under the problem it belongs to.
  const hint = p.hint ? `\n    hint: ${visible(p.hint).replace(/\n/g, '\n          ')}` : '';
  return `${visible(p.path)}:${p.line}:${p.column}: ${visible(p.message).replace(/\n/g, '\\n')} [${p.rule}]${hint}`;
}

/**
 * Characters a terminal would act on or hide, written as <U+XXXX>: control characters (a bell,
 * an escape sequence, a C1 line break) and the bidirectional controls that reorder the rest of the
 * line. Messages quote what contributors wrote; printed raw, those would garble or disguise it.
 */
/** A character's code point as Unicode writes it: "U+0007", "U+202E". */
export function uPlus(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function visible(text: string): string {
  return text.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu, (c) => (c === '\t' ? c : `<${uPlus(c)}>`));
}

/** Stable order: by path, then position, so output does not depend on traversal order. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

/** Show untrusted input in a message without letting it flood the terminal. */
export function truncate(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
