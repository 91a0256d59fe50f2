/**
 * Turn zod issues into problems that point at the line of the offending key,
 * name the rule, and suggest the key that was probably meant.
 */
import type { z } from 'zod';
import { problem, truncate, type Problem } from './problem.ts';
import { MAX_LISTED, type Position } from './yaml-document.ts';
import { codedProblem, type ProblemCode } from './texts/problems.ts';
import { typeName } from './texts/problems-en.ts';

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
  // A refinement with a rule of its own (a tag mixing scripts) is named by it, not lumped with the schema.
  const own = issue.code === 'custom' ? (issue.params as { rule?: unknown; hint?: unknown; problemCode?: ProblemCode; problemParams?: Record<string, string | number> } | undefined) : undefined;
  // A refinement that names a catalogue text is said in the reader's language (policy/sealed-no-beacon…).
  if (typeof own?.rule === 'string' && own.problemCode !== undefined) {
    return [codedProblem(context.path, `${context.kind}/${own.rule}`, own.problemCode, (own.problemParams ?? {}) as never, context.positionOf(issue.path))];
  }
  if (typeof own?.rule === 'string' || typeof own?.hint === 'string') {
    const ownRule = typeof own.rule === 'string' ? `${context.kind}/${own.rule}` : rule;
    return [problem(context.path, ownRule, `${where}${issue.message} (received ${receivedText})`, { ...context.positionOf(issue.path), hint: typeof own.hint === 'string' ? own.hint : undefined })];
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0 && (received === undefined || received === null)) {
    return [codedProblem(context.path, rule, 'schema/empty', { expected: issue.expected }, context.positionOf(issue.path))];
  }
  if (issue.code === 'invalid_type' && received === undefined) {
    return [codedProblem(context.path, rule, 'schema/required', { where: key, expected: issue.expected }, context.positionOf(issue.path))];
  }
  // Zod's own wording of a wrong type or value, which the catalogue says in every language.
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    const list = listItems(received);
    const last = issue.path.at(-1);
    const params = { where: key, expected: issue.expected, received: receivedText, key: typeof last === 'string' ? last : '', list: issue.expected === 'array' && list ? list : '' };
    return [codedProblem(context.path, rule, 'schema/wrong-type', params, context.positionOf(issue.path))];
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
    return [codedProblem(context.path, rule, 'schema/one-of', { where: key, values: issue.values.map((v) => JSON.stringify(v)).join(', '), received: receivedText }, context.positionOf(issue.path))];
  }
  return [problem(context.path, rule, `${where}${plainMessage(issue)} (received ${receivedText})`, { ...context.positionOf(issue.path), hint: unionHint(issue, schema, received) ?? listHint(issue, received) })];
}

/** A list written as one line of text (`tags: potager, hiver`): the same words as a YAML list. */
function listHint(issue: z.core.$ZodIssue, received: unknown): string | undefined {
  if (issue.code !== 'invalid_type' || issue.expected !== 'array') return undefined;
  const list = listItems(received);
  if (list === undefined) return undefined;
  const key = issue.path.at(-1);
  return `write a list: ${typeof key === 'string' ? `${key}: ` : ''}${list}`;
}

/** `potager, hiver` as the YAML list `[potager, hiver]`; undefined when the value is no such line. */
function listItems(received: unknown): string | undefined {
  if (typeof received !== 'string') return undefined;
  const items = received.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) return undefined;
  return `[${items.map((item) => (/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u.test(item) ? item : JSON.stringify(item))).join(', ')}]`;
}

/** For a value that fits none of a union's shapes: a "did you mean" for a misspelt key. */
function unionHint(issue: z.core.$ZodIssue, schema: z.ZodType, received: unknown): string | undefined {
  if (issue.code !== 'invalid_union' || received === null || typeof received !== 'object' || Array.isArray(received)) return undefined;
  const known = knownKeysAt(schema, issue.path);
  for (const key of Object.keys(received)) {
    const suggestion = known.includes(key) ? undefined : closest(key, known);
    if (suggestion) return `"${key}": did you mean "${suggestion}"?`;
  }
  return undefined;
}

/**
 * Zod's default messages ("Too small: expected number to be >=1", "Invalid input: expected int,
 * received number") in plain words; messages written in our schemas are kept as they are.
 */
function plainMessage(issue: z.core.$ZodIssue): string {
  const sizes: Record<string, string> = { string: 'characters', array: 'items' };
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('Invalid input') ? `expected ${typeName(issue.expected)}` : issue.message;
    case 'too_small':
      if (!issue.message.startsWith('Too small')) return issue.message;
      return sizes[issue.origin] ? `expected at least ${issue.minimum} ${sizes[issue.origin]}` : `expected a number ${issue.inclusive ? 'of at least' : 'above'} ${issue.minimum}`;
    case 'too_big':
      if (!issue.message.startsWith('Too big')) return issue.message;
      return sizes[issue.origin] ? `expected at most ${issue.maximum} ${sizes[issue.origin]}` : `expected a number ${issue.inclusive ? 'of at most' : 'below'} ${issue.maximum}`;
    case 'invalid_value':
      return issue.message.startsWith('Invalid option') ? `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message;
    default:
      return issue.message;
  }
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
