/**
 * The one front matter reader, used by `noclout check`, the bot and the site.
 * Front matter is YAML between `---` lines at the very start of the file, and
 * nothing else: a reader that accepted TOML (`+++`) or leading blank lines would
 * see metadata that another reader ignores.
 */
import type { Problem } from './problem.ts';
import { codedProblem } from './texts/problems.ts';
import { parseYaml, type Position } from './yaml-document.ts';

export interface FrontMatter {
  /** Parsed YAML, or undefined when it could not be read (see problems). */
  data: unknown;
  /** Markdown after the closing `---`. */
  body: string;
  /** Line of the file where the body starts. */
  bodyLine: number;
  problems: Problem[];
  positionOf(path: readonly PropertyKey[]): Position;
}

export interface FrontMatterOptions {
  path: string;
  /** The policy's `posts.maxBytes`; files over it are refused before parsing. */
  maxBytes?: number;
}

const nowhere = (): Position => ({ line: 1, column: 1 });

/** Split and parse the front matter of a Markdown file. Never throws. */
export function readFrontMatter(text: string, options: FrontMatterOptions): FrontMatter {
  const { path } = options;
  const fail = (p: Problem): FrontMatter => ({ data: undefined, body: '', bodyLine: 1, problems: [p], positionOf: nowhere });

  const size = Buffer.byteLength(text, 'utf8');
  if (options.maxBytes !== undefined && size > options.maxBytes) {
    return fail(
      codedProblem(path, 'file/too-large', 'file/too-large-post', { size, max: options.maxBytes }),
    );
  }
  const text0 = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (text0.startsWith('+++')) {
    return fail(codedProblem(path, 'front-matter/toml', 'front-matter/toml', {}));
  }
  if (/^\s*\n/.test(text0) && /^\s*---/.test(text0)) {
    const line = text0.slice(0, text0.indexOf('---')).split('\n').length;
    return fail(
      codedProblem(path, 'front-matter/leading-blank', 'front-matter/leading-blank', {}, { line }),
    );
  }
  const lines = text0.split('\n');
  if (lines[0]?.replace(/\r$/, '') !== '---') {
    const empty = text0.trim() === '';
    if (lines[0]?.trimEnd() === '---') {
      return fail(codedProblem(path, 'front-matter/missing', 'front-matter/opening-spaces', {}));
    }
    return fail(codedProblem(path, 'front-matter/missing', empty ? 'front-matter/empty' : 'front-matter/missing', {}));
  }
  const close = lines.findIndex((line, i) => i > 0 && line.replace(/\r$/, '') === '---');
  if (close < 0) {
    const spaced = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
    if (spaced > 0) {
      return fail(codedProblem(path, 'front-matter/unclosed', 'front-matter/closing-spaces', {}, { line: spaced + 1 }));
    }
    return fail(codedProblem(path, 'front-matter/unclosed', 'front-matter/unclosed', {}, { line: 1 }));
  }
  // Windows line endings: the \r of the last line before the closing --- would otherwise end up in its value.
  const yamlText = lines.slice(1, close).map((line) => line.replace(/\r$/, '')).join('\n');
  const parsed = parseYaml(yamlText, { path, firstLine: 2 });
  const problems = [...parsed.problems];
  if (parsed.problems.length === 0 && (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data))) {
    problems.push(codedProblem(path, 'front-matter/not-a-map', 'front-matter/not-a-map', {}, { line: 2 }));
  }
  return {
    data: problems.length === 0 ? parsed.data : undefined,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
    problems,
    positionOf: parsed.positionOf,
  };
}
