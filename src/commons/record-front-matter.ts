/**
 * A fast reader for the front matter of decision records, for the shape the
 * bot writes (renderRecord: the yaml package's stringify with lineWidth 0):
 * block maps and sequences indented by two spaces, `[]` and `{}`, plain
 * scalars, and double- or single-quoted scalars, each on one line. Reading a
 * record through the yaml package costs about a millisecond; `noclout audit`
 * reads every record of the commons, ten thousand and more (issue 14).
 *
 * It reads only what it is sure of, and reads it as the yaml package does
 * (YAML 1.2, core schema). Anything else (a comment, an anchor or alias, a
 * tag, a flow collection with items, a block scalar, an empty value, a key
 * that needs quotes or that the core schema reads as something else, a
 * duplicate key, a plain scalar that could be a number, a null or a boolean
 * other than true and false, a control character) is not read here: the caller
 * falls back to the yaml package, which reads or refuses it. So this reader
 * never accepts a text the yaml package refuses, and never gives another value
 * (test/unit/record-front-matter.test.ts checks both on every kind of record
 * the bot writes and on hostile texts).
 *
 * Pure: text in, data or undefined out.
 */
import { FORBIDDEN_KEYS } from './yaml-document.ts';

type Value = string | number | boolean | Value[] | { [key: string]: Value };

/** Nesting the bot's records never exceed (a reason code's parameters are four levels down). */
const MAX_DEPTH = 8;
const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
/** Keys the core schema reads as null, booleans or numbers: the yaml package turns them into other keys. */
const NOT_A_PLAIN_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/** Characters a one-line scalar of the bot never holds raw: control characters, line and paragraph separators, the BOM, tabs. */
const UNUSUAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** The data of a record's front matter (the YAML between the `---` lines), or undefined when it is not in the bot's own shape. */
export function readRecordFrontMatter(yaml: string): Record<string, unknown> | undefined {
  const lines = yaml.split('\n');
  if (lines.some((line) => UNUSUAL.test(line) || line.trim() === '' || line.endsWith(' '))) return undefined;
  const reader: Reader = { lines, at: 0 };
  try {
    const data = readMap(reader, 0, 0);
    return reader.at === lines.length ? (data as Record<string, unknown>) : undefined;
  } catch (error) {
    if (error === NOT_OURS) return undefined;
    throw error;
  }
}

interface Reader {
  lines: string[];
  /** The next line to read. */
  at: number;
}

/** Thrown inside the reader when the text leaves the bot's shape. */
const NOT_OURS = Symbol('not the bot’s own shape');

function indentOf(line: string): number {
  let n = 0;
  while (line[n] === ' ') n++;
  return n;
}

/** A block map whose keys start at column `indent`; `first` is the first line's text when it followed a "- " (else read from the lines). */
function readMap(reader: Reader, indent: number, depth: number, first?: string): { [key: string]: Value } {
  if (depth > MAX_DEPTH) throw NOT_OURS;
  const map: { [key: string]: Value } = {};
  let line = first;
  if (line === undefined) {
    const next = reader.lines[reader.at];
    if (next === undefined || indentOf(next) !== indent) throw NOT_OURS;
    line = next.slice(indent);
  }
  for (;;) {
    reader.at++;
    const m = KEY.exec(line);
    if (!m) throw NOT_OURS;
    const key = m[1]!;
    if (FORBIDDEN_KEYS.has(key) || NOT_A_PLAIN_KEY.test(key) || Object.hasOwn(map, key)) throw NOT_OURS;
    map[key] = m[2] === undefined ? readNested(reader, indent, depth) : scalar(m[2]);
    const next = reader.lines[reader.at];
    if (next === undefined || indentOf(next) < indent) return map;
    if (indentOf(next) > indent) throw NOT_OURS;
    line = next.slice(indent);
  }
}

/** The block under a key with nothing after its colon: a map or a sequence two columns deeper (anything else is not ours, an empty value included). */
function readNested(reader: Reader, indent: number, depth: number): Value {
  const next = reader.lines[reader.at];
  if (next === undefined || indentOf(next) !== indent + 2) throw NOT_OURS;
  return next.slice(indent + 2).startsWith('- ') ? readSeq(reader, indent + 2, depth + 1) : readMap(reader, indent + 2, depth + 1);
}

/** A block sequence whose dashes are at column `indent`. */
function readSeq(reader: Reader, indent: number, depth: number): Value[] {
  if (depth > MAX_DEPTH) throw NOT_OURS;
  const items: Value[] = [];
  for (;;) {
    const line = reader.lines[reader.at]!;
    const item = line.slice(indent + 2);
    if (!line.slice(indent).startsWith('- ') || item.startsWith('- ') || item.startsWith(' ')) throw NOT_OURS;
    // "- key: value" opens a map whose keys line up two columns deeper.
    if (KEY.test(item)) items.push(readMap(reader, indent + 2, depth + 1, item));
    else {
      items.push(scalar(item));
      reader.at++;
    }
    const next = reader.lines[reader.at];
    if (next === undefined || indentOf(next) < indent) return items;
    if (indentOf(next) > indent || !next.slice(indent).startsWith('- ')) throw NOT_OURS;
  }
}

/** A one-line scalar, or an empty flow collection. */
function scalar(text: string): Value {
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (text.startsWith('"')) return doubleQuoted(text);
  if (text.startsWith("'")) return singleQuoted(text);
  return plain(text);
}

/** Core schema (YAML 1.2): what a plain scalar would be if it were not a string. */
const CORE_NULL = /^(?:~|null|Null|NULL)$/;
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function plain(text: string): Value {
  // Indicators a plain scalar cannot start with, or that would end it early (": ", " #"), and a trailing colon.
  if (text === '' || /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) throw NOT_OURS;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(text)) return Number(text);
  if (CORE_NULL.test(text) || CORE_BOOL.test(text) || CORE_NUMBER.test(text)) throw NOT_OURS;
  return text;
}

function singleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith("'")) throw NOT_OURS;
  const inner = text.slice(1, -1);
  // Inside, a quote is written twice; a lone one would end the scalar early.
  if (inner.replace(/''/g, '').includes("'")) throw NOT_OURS;
  return inner.replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function doubleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith('"')) throw NOT_OURS;
  let out = '';
  const end = text.length - 1;
  for (let i = 1; i < end; i++) {
    const c = text[i]!;
    if (c === '"') throw NOT_OURS; // the scalar ended before the line did
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e === undefined || i >= end) throw NOT_OURS;
    if (ESCAPES[e] !== undefined) {
      out += ESCAPES[e];
      continue;
    }
    const digits = HEX_ESCAPES[e];
    const hex = digits === undefined ? '' : text.slice(i + 1, i + 1 + digits);
    if (digits === undefined || i + digits >= end || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw NOT_OURS;
    const code = Number.parseInt(hex, 16);
    // A lone surrogate or a code point past U+10FFFF: left to the yaml package.
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw NOT_OURS;
    out += String.fromCodePoint(code);
    i += digits;
  }
  return out;
}
