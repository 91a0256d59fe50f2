/**
 * Issue 14, "audit of 10,000 records": decision records are read by a fast
 * reader of the bot's own front matter shape (src/commons/record-front-matter.ts),
 * falling back to the yaml package. The fast path must give exactly the yaml
 * package's data on every record the bot can write, and must never accept a
 * text the yaml package refuses: checked on generated records, on hostile
 * texts, and on thousands of random mutations of real records.
 */
import { describe, expect, it } from 'vitest';
import { parseRecord, parseRecordSlowly, recordData, recordFrontMatter, renderRecord, type UnsealedRecord } from '../../src/commons/decision-record.ts';
import { readFrontMatter } from '../../src/commons/front-matter.ts';
import { mulberry32 } from '../../src/commons/ordering.ts';
import type { DecisionBallot } from '../../src/commons/schema/decision.ts';

const PATH = 'governance/decisions/2026/0001-x.md';

/** What the yaml package reads: its data, or undefined when it refuses the text. */
function slow(text: string): unknown {
  const front = readFrontMatter(text, { path: PATH });
  return front.problems.length ? undefined : front.data;
}

/** The property: the fast reader reads nothing, or exactly what the yaml package reads (which then has no problem). */
function agrees(text: string): 'fast' | 'fallback' {
  const fast = recordFrontMatter(text);
  expect(recordData(text)).toEqual(fast?.data);
  if (fast === undefined) return 'fallback';
  expect(slow(text), text).toEqual(fast.data);
  const front = readFrontMatter(text, { path: PATH });
  expect({ body: fast.body, bodyLine: fast.bodyLine }).toEqual({ body: front.body, bodyLine: front.bodyLine });
  return 'fast';
}

/** Words that tempt a YAML writer or reader: indicators, numbers, nulls, escapes, scripts. */
const TRICKY = [
  'plain words', 'Be kinder | now', '123', '007', '0x1F', '0o17', '1e5', '-1', '+1', '.5', '1.', '.inf', '-.Inf', '.NaN', 'true', 'True', 'FALSE', 'yes', 'no', 'on', 'off', 'null', 'Null', '~', '',
  ' leading space', 'trailing space ', 'a: b', 'a:b', 'ends with colon:', 'a #comment', 'a#b', '# heading', '- dash', '-dash', '--- marker', '...', '? question', ': colon', '[brackets]', '{braces}', 'a, b', '&anchor', '*alias', '!tag', '|pipe', '>fold', "'single'", '"double"', 'it\'s', 'say "hi"', '%percent', '@at', '`tick`',
  'back\\slash', 'tab\there', 'line\nbreak', 'carriage\rreturn', 'nul\u0000byte', 'bell\u0007', 'escape\u001b', 'nel\u0085', 'nbsp\u00a0here', 'ls\u2028ps\u2029', 'bom\ufeff', 'zero\u200bwidth', 'rtl\u202eoverride',
  'Écrire lentement', 'émoji 😀 🏳️‍🌈', '日本語の投稿', 'العربية', 'Ελληνικά', '2026-11-02T10:00:00.000Z', '2026-11-02', '12:30', '1_000', '0b101', 'a'.repeat(300),
];

/** Words of everyday records: titles, reasons and comments on one line, in any script. */
const EVERYDAY = ['Weekly note 12', 'Be kinder, now', 'Écrire lentement', 'émoji 😀', '日本語の投稿', 'counted: latest valid ballot of a member', 'no member objected within posts.objectionHours (24 hours, until 2026-11-03T10:00:00.000Z): published by lazy consensus', 'C#', 'it\'s fine', 'say "hi"', 'a/b', '2026-11-02T10:00:00.000Z', 'x'.repeat(200)];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** A record of any kind, its words drawn from TRICKY: what the bot could write for some change. */
function someRecord(rand: () => number, vocabulary: readonly string[] = TRICKY): UnsealedRecord {
  const oid = (c: number) => c.toString(16).padStart(40, String(Math.floor(rand() * 10)));
  const words = () => pick(rand, vocabulary) + (rand() < 0.3 ? ` ${pick(rand, vocabulary)}` : '');
  const ballots: DecisionBallot[] = Array.from({ length: Math.floor(rand() * 4) }, (_, i) => ({
    voter: `member-${i}`,
    vote: pick(rand, ['yes', 'no', 'abstain', 'malformed'] as const),
    counted: rand() < 0.7,
    reason: words(),
    ...(rand() < 0.5 ? { status: { code: 'ballot-counted', params: { voter: words(), n: Math.floor(rand() * 100), on: rand() < 0.5, list: [words(), words()] } } } : {}),
    ...(rand() < 0.5 ? { comment: words() } : {}),
    ...(rand() < 0.3 ? { rule: 'be-kind' } : {}),
    ...(rand() < 0.7 ? { commit: oid(i + 7) } : {}),
    ...(rand() < 0.5 ? { castAt: '2026-11-03T10:00:00.000Z' } : {}),
  }));
  const kind = pick(rand, ['post', 'proposal', 'policy', 'membership', 'moderation'] as const);
  return {
    change: 'some-change',
    title: words(),
    kind,
    outcome: rand() < 0.5 ? 'accepted' : 'rejected',
    ...(rand() < 0.8 ? { author: `member-${Math.floor(rand() * 9)}` } : {}),
    head: oid(1),
    base: oid(2),
    ...(rand() < 0.5 ? { merge: oid(3) } : {}),
    opened: '2026-11-02T10:00:00.000Z',
    closed: '2026-11-09T10:00:00.000Z',
    ...(rand() < 0.4 ? { textSeen: '2026-11-02T10:00:00.000Z' } : {}),
    policyCommit: oid(4),
    rule: kind === 'post' && rand() < 0.7 ? { objectionHours: 24, maxPerAuthorPerWeek: 3 } : { quorum: '1/3', threshold: rand() < 0.5 ? { moreThan: '1/2' } : { atLeast: '3/4' }, days: 7, closeEarly: rand() < 0.5 },
    roster: { size: Math.floor(rand() * 60), commit: oid(5) },
    files: Array.from({ length: Math.floor(rand() * 3) }, () => `content/posts/2026/${pick(rand, ['a', 'b-c', 'd-e-f'])}.md`),
    ...(rand() < 0.6 ? { tally: { eligible: 50, yes: Math.floor(rand() * 30), no: Math.floor(rand() * 20), abstain: 0, quorumMet: rand() < 0.5, thresholdMet: rand() < 0.5 } } : {}),
    ballots,
    ...(rand() < 0.2 ? { unlistedBallots: Math.floor(rand() * 1000) } : {}),
    reasons: Array.from({ length: 1 + Math.floor(rand() * 3) }, words),
    ...(rand() < 0.7 ? { reasonCodes: [{ code: 'post-unopposed', params: { hours: 24, until: words(), files: [words()] } }] } : {}),
    ...(kind === 'moderation' && rand() < 0.7 ? { moderation: { post: '2026/a', rule: 'be-kind', ruleVersion: oid(6), ...(rand() < 0.3 ? { appeals: words() } : {}), appeal: words(), ...(rand() < 0.5 ? { appealCode: { code: 'appeal-how', params: {} } } : {}) } } : {}),
  } as UnsealedRecord;
}

describe('the fast reader of decision records agrees with the yaml package', () => {
  it('on 3,000 records the bot could write, of every kind, with tricky words in every field', () => {
    const rand = mulberry32(14);
    let fast = 0;
    for (let i = 0; i < 3000; i++) if (agrees(renderRecord(someRecord(rand))) === 'fast') fast++;
    expect(fast).toBeGreaterThan(500); // tricky words send many to the yaml package; those that stay are checked
  });

  it('everyday records (one-line words in any script) take the fast path', () => {
    const rand = mulberry32(15);
    let fast = 0;
    for (let i = 0; i < 1000; i++) if (agrees(renderRecord(someRecord(rand, EVERYDAY))) === 'fast') fast++;
    expect(fast).toBe(1000);
  });

  it('a record the bot wrote parses to the same record on both paths, schema included', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const text = renderRecord(someRecord(rand, i % 2 ? EVERYDAY : TRICKY));
      expect(parseRecord(text, PATH)).toEqual(parseRecordSlowly(text, PATH));
    }
  });

  it('20,000 random mutations of real records: whatever the fast reader accepts, the yaml package accepts with the same data', () => {
    const rand = mulberry32(99);
    const alphabet = ['\n', ' ', '  ', '-', ':', ': ', '#', ' #', '"', "'", '\\', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '|', '>', '?', '\t', '\r', '0', '1', 'e', '.', 'x', '~', 'null', 'true', '__proto__', '\u0085', '\ufeff', '---\n', '\\x41', '\\u00e9', '\\q', '\\ud800'];
    const records = Array.from({ length: 40 }, () => renderRecord(someRecord(rand)));
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = pick(rand, records);
      for (let edits = 1 + Math.floor(rand() * 3); edits > 0; edits--) {
        const at = Math.floor(rand() * Math.min(text.length, text.indexOf('\n---\n', 3) + 5));
        const cut = rand() < 0.5 ? Math.floor(rand() * 4) : 0;
        text = text.slice(0, at) + (rand() < 0.8 ? pick(rand, alphabet) : '') + text.slice(at + cut);
      }
      if (agrees(text) === 'fast') accepted++;
    }
    expect(accepted).toBeGreaterThan(1000); // the mutations reach the fast path, not only the fallback
  });
});

describe('hostile front matter goes to the yaml package, which reads or refuses it', () => {
  const oid = (c: string) => c.repeat(40);
  const base = renderRecord({ change: 'hello', title: 'Hello, commons', kind: 'post', outcome: 'accepted', author: 'amina', head: oid('a'), base: oid('b'), merge: oid('a'), opened: '2026-11-02T10:00:00.000Z', closed: '2026-11-03T11:00:00.000Z', textSeen: '2026-11-02T10:00:00.000Z', policyCommit: oid('b'), rule: { objectionHours: 24, maxPerAuthorPerWeek: 3 }, roster: { size: 5, commit: oid('b') }, files: ['content/posts/2026/hello.md'], ballots: [], reasons: ['no member objected within posts.objectionHours (24 hours, until 2026-11-03T10:00:00.000Z): published by lazy consensus'], reasonCodes: [{ code: 'post-unopposed', params: { hours: 24, until: '2026-11-03T10:00:00.000Z' } }] });
  const front = (yaml: string) => `---\n${yaml}\n---\n\nbody\n`;
  const cases: [string, string][] = [
    ['a duplicate key', 'change: a\nchange: b'],
    ['a duplicate key in a nested map', 'roster:\n  size: 1\n  size: 2'],
    ['an anchor and an alias', 'change: &x a\ntitle: *x'],
    ['a tag', 'change: !!str a'],
    ['a binary tag', 'change: !!binary aGk='],
    ['a comment', 'change: a # note'],
    ['a block scalar', 'title: |\n  two\n  lines'],
    ['a folded scalar', 'title: >\n  two'],
    ['a flow map with items', 'roster: { size: 1 }'],
    ['a flow sequence with items', 'files: [a, b]'],
    ['a complex key', '? change\n: a'],
    ['a __proto__ key', '__proto__:\n  polluted: true'],
    ['a constructor key', 'constructor: x'],
    ['a null key', 'null: x'],
    ['a quoted key', '"change": a'],
    ['an empty value', 'merge:\nchange: a'],
    ['a tab indentation', 'roster:\n\tsize: 1'],
    ['three-space indentation', 'roster:\n   size: 1'],
    ['a sequence at the key\'s own column', 'files:\n- a'],
    ['a nested sequence', 'files:\n  - - a'],
    ['a carriage return', 'change: a\r\ntitle: b'],
    ['trailing spaces', 'change: a  '],
    ['a number with leading zeros', 'unlistedBallots: 007'],
    ['a hexadecimal number', 'unlistedBallots: 0x1F'],
    ['a float', 'unlistedBallots: 1e5'],
    ['an infinity', 'unlistedBallots: .inf'],
    ['a null', 'merge: ~'],
    ['a capitalised boolean', 'closeEarly: True'],
    ['an unknown escape', 'title: "a\\qb"'],
    ['a lone surrogate escape', 'title: "\\ud800"'],
    ['an unterminated double quote', 'title: "abc'],
    ['a quote inside single quotes', "title: 'it's'"],
    ['text after a closing quote', 'title: "a" b'],
    ['a plain scalar with ": "', 'title: a: b'],
    ['a plain scalar ending with a colon', 'title: a:'],
    ['brackets deeper than the depth limit inside quotes', `title: "${'['.repeat(40)}"`],
    ['a directive', '%YAML 1.2\nchange: a'],
    ['a BOM', '\ufeffchange: a'],
    ['a NEL character', 'title: a\u0085b'],
  ];
  it.each(cases)('%s', (_name, yaml) => {
    const text = front(yaml);
    expect(recordData(text)).toBeUndefined();
    agrees(text);
  });

  it('escapes and quotes the bot writes are read as the yaml package reads them (control)', () => {
    for (const yaml of ['title: "a\\"b\\\\c\\td\\u00e9\\x41\\U0001F600\\N\\_\\L\\P\\0\\e\\/"', "title: 'it''s'", 'title: a:b', 'title: C#', 'title: "123"', 'files: []', 'rule: {}', 'unlistedBallots: 0', 'closeEarly: false']) {
      const text = front(yaml);
      expect(agrees(text), yaml).toBe('fast');
    }
    expect(agrees(base)).toBe('fast');
  });
});
