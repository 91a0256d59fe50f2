/**
 * Several newcomers at once (issue 11 §3). Each `noclout join --for` appends one entry to
 * governance/members.yml, and the bot merges files whole, never line by line: once one membership
 * change was merged, a second one opened beside it conflicted, and the rebase that resolves a
 * conflict makes the ballots already cast stale, after its vote has closed. So this one file is
 * merged structurally, in the one shape a join takes and no other: relative to the merge base,
 * each side kept the base's text byte for byte and only appended whole member entries after it.
 * Anything else (an entry edited, removed, reordered or marked `left:`, a comment changed) is
 * still a conflict.
 *
 * Textual, verified through the data. The merged text is the base, then what main appended, then
 * what the change appended: every byte of it was written by someone and voted on, formatting and
 * comments kept, and main's text stays a prefix of the new main, so a third join made from any
 * older main merges the same way (the order is the order of the merges, which is deterministic).
 * Re-rendering the list from parsed data would rewrite every member's lines in the bot's layout:
 * a version nobody wrote. The text is then read back with the commons' one YAML reader, and the
 * merged list must be exactly the base's entries, then main's new ones, then the change's, each
 * equal to what its own side says: a part that would read differently beside the other (continue
 * an entry, end the document) is a conflict. So the merge adds exactly the entries the change
 * added, which its vote decided, to those main already has, which theirs decided.
 *
 * Duplicates across the two sides (one handle, key or GitHub id added twice) are not judged
 * here: the merged file is then one that `noclout check` refuses, and the bot checks the merged
 * tree before it moves main (src/bot/main-check.ts), so that change is invalid with check's own
 * problem. A handle added twice with two keys can never give its holder a second key unvoted.
 */
import type { ConflictFault } from './texts/problems-en.ts';
import { parseYaml } from './yaml-document.ts';

/** The merged text, or why the two sides cannot be joined (one line, for a `merge/conflict` problem; `fault`, `side` and `line` say it for the catalogue). */
export type RosterMerge = { ok: true; text: string } | { ok: false; why: string; fault: ConflictFault; side?: 'ours' | 'theirs'; line?: number };

/** Who each side is, in the reason given for a conflict. */
export interface RosterSideNames {
  ours: string;
  theirs: string;
}

const PATH = 'governance/members.yml';

/**
 * Three-way merge of members.yml texts where both sides only appended entries to the base.
 *
 * @example
 * mergeRoster(base, base + zoeEntry, base + yannEntry) // { ok: true, text: base + zoeEntry + yannEntry }
 */
export function mergeRoster(base: string, ours: string, theirs: string, names: RosterSideNames = { ours: 'main', theirs: 'this change' }): RosterMerge {
  // Modulo the final newline: an entry appended to a file without one starts on a line of its own.
  const start = base === '' || base.endsWith('\n') ? base : `${base}\n`;
  const baseList = listOf(base);
  if (!baseList) return { ok: false, why: 'the members.yml both sides started from does not read as a list of members', fault: 'roster-base' };
  const sides: [string, string, 'ours' | 'theirs'][] = [
    [names.ours, ours, 'ours'],
    [names.theirs, theirs, 'theirs'],
  ];
  const appended: { text: string; entries: unknown[] }[] = [];
  for (const [who, text, side] of sides) {
    const part = appendedPart(start, baseList, who, text);
    if ('why' in part) return { ok: false, ...part, side };
    appended.push(part);
  }
  const [mine, yours] = appended as [{ text: string; entries: unknown[] }, { text: string; entries: unknown[] }];
  const text = `${start}${mine.text}${mine.text.endsWith('\n') ? '' : '\n'}${yours.text}`;
  const merged = listOf(text);
  if (!merged || !sameData(merged, [...baseList, ...mine.entries, ...yours.entries])) {
    return { ok: false, why: `the entries appended by ${names.ours} and by ${names.theirs} do not read the same one after the other`, fault: 'roster-order' };
  }
  return { ok: true, text };
}

/** What one side appended after the base text, with the entries it adds; or why it is not a pure append. */
function appendedPart(start: string, baseList: readonly unknown[], who: string, text: string): { text: string; entries: unknown[] } | { why: string; fault: ConflictFault; line?: number } {
  if (!text.startsWith(start)) {
    const line = firstDifferentLine(start, text);
    return { why: `${who} changed line ${line} of the text both sides started from: only entries appended after it merge`, fault: 'roster-line', line };
  }
  const list = listOf(text);
  if (!list) return { why: `${who}'s members.yml does not read as a list of members`, fault: 'roster-unreadable' };
  if (!sameData(list.slice(0, baseList.length), baseList)) return { why: `${who} appended text that changes the entries before it, not whole new entries`, fault: 'roster-rewrites' };
  if (list.length === baseList.length) return { why: `${who} appended no member entry, only other text`, fault: 'roster-no-entry' };
  return { text: text.slice(start.length), entries: list.slice(baseList.length) };
}

/** The list members.yml holds, or undefined when it is not one YAML list read without problems. */
function listOf(text: string): unknown[] | undefined {
  // A byte order mark is kept in the merged bytes, and read as every reader of the file reads it (TextDecoder drops it).
  const parsed = parseYaml(text.startsWith('\uFEFF') ? text.slice(1) : text, { path: PATH });
  return parsed.problems.length === 0 && Array.isArray(parsed.data) ? parsed.data : undefined;
}

/** 1-based line of `text` where it stops matching `start`. */
function firstDifferentLine(start: string, text: string): number {
  let i = 0;
  while (i < start.length && start[i] === text[i]) i++;
  let line = 1;
  for (let k = 0; k < i; k++) if (start[k] === '\n') line++;
  return line;
}

/** Deep equality of parsed YAML data (plain objects, arrays, scalars); keys compared in order. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
