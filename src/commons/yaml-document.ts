/**
 * Safe YAML for every file of a commons (front matter, members.yml,
 * commons.yml, ballots). One reader for the bot and the site, so that they can
 * never disagree on what a file says.
 *
 * Refused, because each is a way for a contribution to mean something other
 * than what a reader sees: duplicate keys (which one wins?), aliases and
 * anchors (billion-laughs expansion), `__proto__`/`constructor`/`prototype`
 * keys (prototype pollution in consumers), custom tags.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { problem, type Problem } from './problem.ts';
import { codedProblem } from './texts/problems.ts';

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface Position {
  line: number;
  column: number;
}

export interface ParsedYaml {
  /** The plain data, or undefined when the text could not be read safely. */
  data: unknown;
  problems: Problem[];
  /** Where the value at a key path starts in the file (1-based), for pointing at it in messages. */
  positionOf(path: readonly PropertyKey[]): Position;
}

export interface YamlOptions {
  /** Repository path of the file, for the problems. */
  path: string;
  /** Line in the file where the YAML text starts (front matter starts on line 2). */
  firstLine?: number;
}

/** Parse YAML text that arrived from a contributor. Never throws. */
export function parseYaml(text: string, options: YamlOptions): ParsedYaml {
  const { path } = options;
  const lineOffset = (options.firstLine ?? 1) - 1;
  const deep = tooDeep(text);
  if (deep) {
    const p = codedProblem(path, 'yaml/too-deep', 'yaml/too-deep', { max: MAX_DEPTH }, { line: deep.line + lineOffset, column: deep.column });
    return { data: undefined, problems: [p], positionOf: () => ({ line: 1 + lineOffset, column: 1 }) };
  }
  const lineCounter = new LineCounter();
  // A \r before a line break or at the very end is a Windows line ending, never part of a value.
  // Removing it moves no line and no column.
  const source = text.replace(/\r(?=\n|$)/g, '');
  // Duplicate keys are found below, once per map with a set: the yaml package's own check
  // compares each key with every earlier one, and 50,000 keys then take minutes.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false, customTags: [] });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const problems: Problem[] = [];

  for (const error of doc.errors) {
    const { line, column } = at(error.pos[0]);
    problems.push(codedProblem(path, 'yaml/syntax', 'yaml/syntax', { detail: firstLine(error.message), tab: error.code === 'TAB_AS_INDENT' ? 'yes' : '' }, { line, column }));
  }
  let duplicates = 0;

  visit(doc, {
    Alias(_key, node) {
      problems.push(aliasProblem(path, at(node.range?.[0] ?? 0)));
    },
    Node(_key, node) {
      if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) {
        problems.push(aliasProblem(path, at(node.range?.[0] ?? 0)));
      }
      if (isMap(node)) duplicates += duplicateKeys(node, path, at, problems, duplicates);
      if (node.tag && !isStandardTag(node.tag)) {
        problems.push(
          codedProblem(path, 'yaml/tag', 'yaml/tag', { tag: JSON.stringify(node.tag) }, at(node.range?.[0] ?? 0)),
        );
      }
    },
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) {
        const node = pair.key as Node;
        problems.push(
          codedProblem(path, 'yaml/forbidden-key', 'yaml/forbidden-key', { key: JSON.stringify(key) }, at(node.range?.[0] ?? 0)),
        );
      } else if (pair.key !== null && !isScalar(pair.key)) {
        problems.push(codedProblem(path, 'yaml/complex-key', 'yaml/complex-key', {}, at((pair.key as Node).range?.[0] ?? 0)));
      }
    },
  });

  if (duplicates > MAX_LISTED) {
    problems.push(codedProblem(path, 'yaml/duplicate-key', 'yaml/more-duplicate-keys', { more: duplicates - MAX_LISTED }));
  }

  const positionOf = (keyPath: readonly PropertyKey[]): Position => {
    let node: unknown = doc.contents;
    let best: Position = at(doc.contents?.range?.[0] ?? 0);
    for (const key of keyPath) {
      if (isMap(node)) {
        const pair = pairsByKey(node).get(String(key));
        if (!pair) break;
        const keyNode = pair.key as Node;
        best = at(keyNode.range?.[0] ?? 0);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        if (!node) break;
        best = at((node as Node).range?.[0] ?? 0);
      } else break;
    }
    return best;
  };

  if (problems.length > 0) return { data: undefined, problems, positionOf };
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  return { data, problems, positionOf };
}

/** Duplicates listed one by one, per file; the rest are counted in one problem, so a file of 50,000 makes a readable report. */
export const MAX_LISTED = 50;

/**
 * The key a pair has once the data is built: `1:`, `01:` and `"1":` are all the key "1", and
 * an empty or null key is "" (what the yaml package's toJS does), so two of them in one map are
 * a duplicate even where the YAML nodes differ: the data would keep only the last.
 */
function dataKey(pair: Pair): string | undefined {
  if (pair.key === null) return '';
  if (!isScalar(pair.key)) return undefined; // refused as yaml/complex-key
  const value = pair.key.value;
  return value === null || value === undefined ? '' : String(value);
}

/** Report the duplicate keys of one map (linear: one set per map). Returns how many it found. */
function duplicateKeys(map: YAMLMap, path: string, at: (offset: number) => Position, problems: Problem[], listed: number): number {
  const first = new Map<string, Position>();
  let found = 0;
  for (const item of map.items) {
    const key = dataKey(item);
    if (key === undefined) continue;
    const where = at((item.key as Node | null)?.range?.[0] ?? map.range?.[0] ?? 0);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, where);
      continue;
    }
    found++;
    if (listed + found > MAX_LISTED) continue;
    problems.push(codedProblem(path, 'yaml/duplicate-key', 'yaml/duplicate-key', { key: JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key), first: earlier.line }, where));
  }
  return found;
}

/** Each map's pairs by data key (the first of duplicates), built once: looking up every key of a 50,000-key map stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const key = isPair(item) ? dataKey(item) : undefined;
      if (key !== undefined && !index.has(key)) index.set(key, item);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function aliasProblem(path: string, at: Position): Problem {
  return codedProblem(path, 'yaml/alias', 'yaml/alias', {}, at);
}

function isStandardTag(tag: string): boolean {
  return /^tag:yaml\.org,2002:(str|int|float|bool|null|map|seq)$/.test(tag);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}


/** No commons format needs more than a few levels; the cap keeps the parser's recursion bounded. */
export const MAX_DEPTH = 32;

/**
 * Where the text first nests deeper than MAX_DEPTH, by flow brackets or by indentation. A
 * conservative pre-scan: brackets inside quotes count too, which can only refuse more.
 */
export function tooDeep(text: string): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let column = 0;
  let lineStart = true;
  let indent = 0;
  for (const char of text) {
    column++;
    if (char === '\n') {
      line++;
      column = 0;
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart && (char === ' ' || char === '-')) {
      indent++;
      if (indent > MAX_DEPTH * 4) return { line, column };
      continue;
    }
    lineStart = false;
    if (char === '[' || char === '{') {
      depth++;
      if (depth > MAX_DEPTH) return { line, column };
    } else if ((char === ']' || char === '}') && depth > 0) depth--;
  }
  return undefined;
}
