/**
 * Turn zod issues into problems that point at the line of the offending key,
 * name the rule, and suggest the key that was probably meant.
 */
import type { z } from 'zod';
import { problem, truncate, type Problem } from './problem.ts';
import { MAX_LISTED, type Position } from './yaml-document.ts';
import { codedProblem, type ProblemCode, type ProblemParams } from './texts/problems.ts';
import { NO_WORDS, type DateMistake, type SchemaSize, type SchemaWordsParams } from './texts/problems-en.ts';
import { SCHEMA_WORDS_BY_MESSAGE, type RefinementParams } from './schema/common.ts';

export interface SchemaContext {
  path: string;
  /** Rule name prefix: "post", "policy", … → "post/schema". */
  kind: string;
  positionOf(path: readonly PropertyKey[]): Position;
}

/** Validate data against a schema, collecting every issue as a problem. */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  data: unknown,
  context: SchemaContext,
): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues;
  // A misspelt key ("auhtor") is also a missing one ("author"): the unknown-key problem and its
  // "did you mean" say both, so the "required" problem for the suggested key is left out.
  // Only the keys listed (MAX_LISTED) are looked at: 50,000 unknown keys cost no more than fifty.
  const misspelt = new Set(
    issues.flatMap((issue) => {
      if (issue.code !== 'unrecognized_keys') return [];
      const known = knownKeysAt(schema, issue.path);
      return issue.keys.slice(0, MAX_LISTED).flatMap((key) => suggestedPath(issue.path, closest(key, known)));
    }),
  );
  // A value of the wrong type is one mistake: what else its schema says about it (a list of at
  // most 10 tags, for `tags: potager, hiver`) would only repeat it.
  const wrongType = issues.filter((issue) => issue.code === 'invalid_type' && valueAt(data, issue.path) !== undefined).map((issue) => issue.path);
  const under = (path: readonly PropertyKey[], parent: readonly PropertyKey[]) => parent.length <= path.length && parent.every((key, i) => key === path[i]);
  const shown = issues.filter(
    (issue) =>
      !(issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined && misspelt.has(JSON.stringify(issue.path))) &&
      !(issue.code !== 'invalid_type' && wrongType.some((parent) => under(issue.path, parent))),
  );
  return { ok: false, problems: shown.flatMap((issue) => issueProblems(issue, schema, data, context)) };
}

function suggestedPath(parent: readonly PropertyKey[], key: string | undefined): string[] {
  return key === undefined ? [] : [JSON.stringify([...parent, key])];
}

function issueProblems(issue: z.core.$ZodIssue, schema: z.ZodType, data: unknown, context: SchemaContext): Problem[] {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const key = issue.path.join('.');
  const rule = `${context.kind}/schema`;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path);
    const listed = issue.keys.slice(0, MAX_LISTED).map((name) => {
      const suggestion = closest(name, known);
      const params = { where: issue.path.join('.'), key: name.length > 60 ? `${name.slice(0, 60)}…` : name, suggestion: suggestion ?? '', allowed: known.join(', ') };
      return codedProblem(context.path, `${context.kind}/unknown-key`, 'schema/unknown-key', params, context.positionOf([...issue.path, name]));
    });
    const more = issue.keys.length - listed.length;
    if (more > 0) listed.push(codedProblem(context.path, `${context.kind}/unknown-key`, 'schema/more-unknown-keys', { where: key, more, allowed: known.join(', ') }, context.positionOf([...issue.path, issue.keys[MAX_LISTED]!])));
    return listed;
  }
  if (issue.code === 'invalid_union') {
    // Several shapes are allowed (a threshold is { moreThan } or { atLeast }). When exactly one of
    // them fits the keys that were written, its own problems say most; otherwise the union's message.
    const viable = issue.errors.filter((errors) => errors.every((e) => e.code !== 'unrecognized_keys' && !(e.code === 'invalid_type' && valueAt(data, [...issue.path, ...e.path]) === undefined)));
    if (viable.length === 1) return viable[0]!.flatMap((e) => issueProblems({ ...e, path: [...issue.path, ...e.path] } as z.core.$ZodIssue, schema, data, context));
  }
  const received = valueAt(data, issue.path);
  const receivedText = received === undefined ? 'nothing' : truncate(received);
  const at = context.positionOf(issue.path);
  // A refinement with a code of its own (a tag mixing scripts, a date) is said from it; one with a rule of its own is named by it, not lumped with the schema.
  const own = issue.code === 'custom' ? (issue.params as { rule?: unknown; code?: unknown } | undefined) : undefined;
  const ownRule = typeof own?.rule === 'string' ? `${context.kind}/${own.rule}` : rule;
  if (own?.code === 'schema/control-character' || own?.code === 'schema/line-break') {
    const { code, char, at: index } = own as RefinementParams;
    return [codedProblem(context.path, ownRule, code, { where: key, char, at: index, received: receivedText }, at)];
  }
  // A refinement that names a catalogue text and its parameters as they are (policy/sealed-no-beacon on main, issue 13).
  const named = own as { problemCode?: ProblemCode; problemParams?: Record<string, string | number> } | undefined;
  if (typeof own?.rule === 'string' && named?.problemCode !== undefined) {
    return [codedProblem(context.path, ownRule, named.problemCode, (named.problemParams ?? {}) as never, at)];
  }
  if (own?.code === 'schema/tag-not-normalized') {
    const { plain, odd, forms, accents } = own as unknown as ProblemParams<'schema/tag-not-normalized'>;
    return [codedProblem(context.path, ownRule, 'schema/tag-not-normalized', { where: key, received: receivedText, plain, odd, forms, accents }, at)];
  }
  if (own?.code === 'schema/tag-mixed-scripts') {
    return [codedProblem(context.path, ownRule, 'schema/tag-mixed-scripts', { where: key, received: receivedText, scripts: String((own as { scripts?: unknown }).scripts) }, at)];
  }
  if (own?.code === 'schema/date') {
    const { fault, meant, write, dayFirst, monthFirst, first } = own as unknown as DateMistake;
    return [codedProblem(context.path, ownRule, 'schema/date', { where: key, received: receivedText, fault, meant, write, dayFirst, monthFirst, first }, at)];
  }
  if (own?.code === 'schema/words') {
    const { code: _code, ...words } = own as unknown as Omit<SchemaWordsParams, 'misspelt' | 'suggestion'> & { code: string };
    return [codedProblem(context.path, ownRule, 'schema/words', { ...NO_WORDS, ...words, where: key, received: receivedText }, at)];
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0 && (received === undefined || received === null)) {
    return [codedProblem(context.path, rule, 'schema/empty', { expected: issue.expected }, at)];
  }
  if (issue.code === 'invalid_type' && received === undefined) {
    return [codedProblem(context.path, rule, 'schema/required', { where: key, expected: issue.expected }, at)];
  }
  // Zod's own wording of a wrong type or value, which the catalogue says in every language.
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    const list = listItems(received);
    const last = issue.path.at(-1);
    const params = { where: key, expected: issue.expected, received: receivedText, key: typeof last === 'string' ? last : '', list: issue.expected === 'array' && list ? list : '' };
    return [codedProblem(context.path, rule, 'schema/wrong-type', params, at)];
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
    return [codedProblem(context.path, rule, 'schema/one-of', { where: key, values: issue.values.map((v) => JSON.stringify(v)).join(', '), received: receivedText }, at)];
  }
  const size = sizeOf(issue);
  if (size) return [codedProblem(context.path, rule, 'schema/size', { ...size, where: key, received: receivedText }, at)];
  // The words a schema wrote for a check (a slug's pattern, a title's length), known by their English (schema/common.ts, worded).
  const words = wordsOf(issue);
  if (words) return [codedProblem(context.path, rule, 'schema/words', { ...words, ...unionHint(issue, schema, received), where: key, received: receivedText }, at)];
  return [problem(context.path, rule, `${where}${issue.message} (received ${receivedText})`, at)];
}

/** zod's own size checks (its default "Too small"/"Too big" messages), as catalogue parameters. */
function sizeOf(issue: z.core.$ZodIssue): SchemaSize | undefined {
  if ((issue.code !== 'too_small' || !issue.message.startsWith('Too small')) && (issue.code !== 'too_big' || !issue.message.startsWith('Too big'))) return undefined;
  const of = ({ string: 'characters', array: 'items' } as Record<string, SchemaSize['of']>)[issue.origin] ?? 'number';
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  return { bound: issue.code === 'too_small' ? 'min' : 'max', of, limit, inclusive: issue.inclusive ? 'yes' : '' };
}

/**
 * The words of an issue: a message a schema wrote (worded), a record key of the wrong form (its key
 * schema's message), a union or URL in zod's own words. Undefined for a message nobody coded.
 */
function wordsOf(issue: z.core.$ZodIssue): Omit<SchemaWordsParams, 'misspelt' | 'suggestion'> | undefined {
  const known = SCHEMA_WORDS_BY_MESSAGE.get(issue.message);
  if (known) return known;
  if (issue.code === 'invalid_key') return issue.issues.map((inner) => SCHEMA_WORDS_BY_MESSAGE.get(inner.message)).find((w) => w !== undefined) ?? { ...NO_WORDS, words: 'invalid-key' };
  if (issue.code === 'invalid_union' && issue.message === 'Invalid input') return { ...NO_WORDS, words: 'invalid' };
  if (issue.code === 'invalid_format' && issue.format === 'url') return { ...NO_WORDS, words: 'url' };
  return undefined;
}

/** `potager, hiver` as the YAML list `[potager, hiver]`; undefined when the value is no such line. */
function listItems(received: unknown): string | undefined {
  if (typeof received !== 'string') return undefined;
  const items = received.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) return undefined;
  return `[${items.map((item) => (/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u.test(item) ? item : JSON.stringify(item))).join(', ')}]`;
}

/** For a value that fits none of a union's shapes: the misspelt key and the one probably meant, for a "did you mean" hint. */
function unionHint(issue: z.core.$ZodIssue, schema: z.ZodType, received: unknown): Pick<SchemaWordsParams, 'misspelt' | 'suggestion'> {
  if (issue.code !== 'invalid_union' || received === null || typeof received !== 'object' || Array.isArray(received)) return { misspelt: '', suggestion: '' };
  const known = knownKeysAt(schema, issue.path);
  for (const key of Object.keys(received)) {
    const suggestion = known.includes(key) ? undefined : closest(key, known);
    if (suggestion) return { misspelt: key, suggestion };
  }
  return { misspelt: '', suggestion: '' };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The keys the schema allows at a path, for "did you mean" hints. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const shapes = schemasAt(schema as unknown as SchemaNode, path);
  return [...new Set(shapes.flatMap((node) => (node._zod.def.shape ? Object.keys(node._zod.def.shape) : [])))];
}

interface SchemaNode {
  _zod: { def: { type: string; shape?: Record<string, SchemaNode>; innerType?: SchemaNode; element?: SchemaNode; options?: SchemaNode[]; in?: SchemaNode } };
}

function schemasAt(node: SchemaNode, path: readonly PropertyKey[]): SchemaNode[] {
  const def = node._zod.def;
  if (def.innerType) return schemasAt(def.innerType, path);
  if (def.in) return schemasAt(def.in, path);
  if (def.options) return def.options.flatMap((option) => schemasAt(option, path));
  if (path.length === 0) return [node];
  const [head, ...rest] = path;
  if (def.element && typeof head === 'number') return schemasAt(def.element, rest);
  const child = typeof head === 'string' ? def.shape?.[head] : undefined;
  return child ? schemasAt(child, rest) : [];
}

/** The closest candidate within an edit distance of 2 (typos like "auhtor" or "tag"). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
