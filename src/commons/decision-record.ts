/**
 * Decision records as files (DESIGN.md, Decision records): YAML front matter
 * that `noclout audit` recomputes, sealed with its digest, and a Markdown body
 * that says the same thing to people. Pure: text in, text out.
 */
import { stringify } from 'yaml';
import { readFrontMatter } from './front-matter.ts';
import { readRecordFrontMatter } from './record-front-matter.ts';
import { tooDeep } from './yaml-document.ts';
import type { Problem } from './problem.ts';
import { sealRecord } from './record-digest.ts';
import { checkSchema } from './schema-problems.ts';
import { inlineBotText, inlineText, oneLine } from './inline-markdown.ts';
import { decisionSchema, RECORD_MAX_BYTES, UNCOUNTED_LISTED, type DecisionBallot, type DecisionRecord, type Tally } from './schema/decision.ts';
import { count } from './plural.ts';
import { BODY_WORDS, enBody, type BodyWords } from './texts/body.ts';
import { displayFormat, displayText, RECORD_FORMAT, type TextLanguage } from './texts/index.ts';
import type { TextFormat } from './texts/codes.ts';
import { NO_STRUCTURE_FAULT, type StructureFault } from './texts/problems-en.ts';

/**
 * What a moderation record's appeal text says in place of the record's own id, which does not exist
 * yet when the text is written; the site shows the id there (src/site/record-text.ts).
 */
export const APPEAL_ID_PLACEHOLDER = "<this decision's year/number-slug>";

/** Whether a record hid a post: an accepted moderation that is not an appeal (an appeal restores one). */
export function hidesPost(record: DecisionRecord): boolean {
  return record.kind === 'moderation' && record.outcome === 'accepted' && record.moderation !== undefined && !record.moderation.appeals;
}

/** The record as the bot fills it; the digest is computed when it is rendered. */
export type UnsealedRecord = Omit<DecisionRecord, 'digest'>;

const ORDER: readonly (keyof UnsealedRecord)[] = ['change', 'title', 'kind', 'outcome', 'author', 'head', 'base', 'merge', 'opened', 'closed', 'textSeen', 'policyCommit', 'rule', 'roster', 'files', 'tally', 'sealed', 'ballots', 'unlistedBallots', 'reasons', 'reasonCodes', 'moderation'];

/** Where a record lives: governance/decisions/<yyyy>/<nnnn>-<change>.md. */
export function recordPath(year: string, number: number, change: string): string {
  return `governance/decisions/${year}/${String(number).padStart(4, '0')}-${change}.md`;
}

/** Render and seal a record. */
export function renderRecord(record: UnsealedRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (record[key] !== undefined) ordered[key] = record[key];
  const yaml = stringify(ordered, { lineWidth: 0 });
  return sealRecord(`---\n${yaml}---\n\n${body(record)}`);
}

/** The body's sections, in their order; each appears at most once, when the front matter has what it says. */
const SECTIONS = ['Why', 'Tally', 'Ballots', 'What voters said', 'Moderation'] as const;
type Section = (typeof SECTIONS)[number];

/** The sections a record's body has, from its front matter alone. */
function sectionsOf(r: UnsealedRecord): Section[] {
  const present: Record<Section, boolean> = { Why: true, Tally: r.tally !== undefined, Ballots: r.ballots.length > 0, 'What voters said': r.ballots.some(spoken), Moderation: r.moderation !== undefined };
  return SECTIONS.filter((s) => present[s]);
}

/** A ballot whose words a record quotes: only one that counted (DESIGN.md: the words of a ballot that does not count are never shown as a member's). */
function spoken(b: DecisionBallot): boolean {
  return b.counted && b.comment !== undefined;
}

/** The record's first line: its title (someone's words, escaped) and the outcome. */
function titleLine(r: UnsealedRecord, words: BodyWords = enBody): string {
  return `# ${inlineText(r.title)}${words === enBody ? '' : '\u202f'}: ${words.verb(r.outcome, r.kind)}`;
}

/** The tally in words, the one line under "## Tally". */
function tallyLine(t: Tally): string {
  return enBody.tally(t);
}

/** A body's language: its words, how it prints instants, and where its texts come from. */
interface BodyLanguage {
  words: BodyWords;
  format: TextFormat;
  reason(r: UnsealedRecord, i: number): string;
  why(b: DecisionBallot): string;
  appeal(m: NonNullable<UnsealedRecord['moderation']>): string;
}

/** The body the bot stores: English, instants as ISO, the front matter's texts as they are. */
const STORED: BodyLanguage = { words: enBody, format: RECORD_FORMAT, reason: (r, i) => r.reasons[i]!, why: (b) => b.reason, appeal: (m) => m.appeal };

/**
 * A record's body in a reader's language, for pages (`decisionId` in place of the appeal's
 * placeholder); undefined for a record written before codes, whose stored English body the page
 * shows as it is. A text whose code this version cannot read keeps its stored English.
 */
export function renderBody(record: UnsealedRecord, lang: TextLanguage, decisionId: string): string | undefined {
  if (!record.reasonCodes) return undefined;
  const codes = record.reasonCodes;
  return body(record, {
    words: BODY_WORDS[lang],
    format: displayFormat(lang),
    reason: (r, i) => displayText(codes[i], lang) ?? r.reasons[i]!,
    why: (b) => displayText(b.status, lang) ?? b.reason,
    appeal: (m) => (m.appealCode?.code === 'appeal-path' ? displayText({ code: m.appealCode.code, params: { ...m.appealCode.params, decision: decisionId } }, lang) : undefined) ?? m.appeal.split(APPEAL_ID_PLACEHOLDER).join(decisionId),
  });
}

/**
 * The body says the front matter in prose. Every text that is not the bot's own (the title, a
 * voter, a ballot's reason quoting a file, the voters' words, the proposal's quoted reasoning) goes
 * through src/commons/inline-markdown.ts: one line, no Markdown of its own.
 */
function body(r: UnsealedRecord, lang: BodyLanguage = STORED): string {
  const { words, format } = lang;
  const lines: string[] = [titleLine(r, words), ''];
  const verb = words.verb(r.outcome, r.kind);
  lines.push(words.summary({ kind: r.kind, change: `\`${r.change}\``, verb, closed: r.closed, opened: r.opened, size: r.roster.size, policy: `\`${r.policyCommit.slice(0, 12)}\`` }, format), '');
  for (const section of sectionsOf(r)) {
    lines.push(`## ${words.sections[section]}`, '');
    if (section === 'Why') lines.push(...r.reasons.map((_, i) => `- ${inlineBotText(lang.reason(r, i))}`));
    if (section === 'Tally') lines.push(words.tally(r.tally!));
    if (section === 'Ballots') {
      lines.push(...words.ballotsHeader);
      for (const b of r.ballots) lines.push(`| ${inlineText(b.voter)} | ${words.vote(b.vote)} | ${words.yesNo(b.counted)} | ${inlineText(lang.why(b))} |`);
      if (r.unlistedBallots) lines.push('', words.unlisted(r.unlistedBallots, UNCOUNTED_LISTED));
    }
    if (section === 'What voters said') {
      lines.push(...r.ballots.filter(spoken).map((b) => words.said(inlineText(b.voter), words.vote(b.vote), b.rule ? `\`${oneLine(b.rule)}\`` : undefined, inlineText(b.comment!))));
    }
    if (section === 'Moderation') {
      const m = r.moderation!;
      lines.push(words.moderation(`\`${oneLine(m.post)}\``, `\`${oneLine(m.rule)}\``, `\`${m.ruleVersion.slice(0, 12)}\``), '', words.howToAppeal(inlineBotText(lang.appeal(m))));
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * The ballots a record (or the pull-request comment) lists: every ballot that counted, and the
 * first `limit` that did not, in the order cast; `unlisted` says how many others did not count.
 * Uncounted ballots are listed without words (comment, cited rule): those are not a member's.
 * A sealed vote's ballots waiting for the close are listed as counted ones are: who has voted.
 */
export function listedBallots(ballots: readonly DecisionBallot[], limit = UNCOUNTED_LISTED): { listed: DecisionBallot[]; unlisted: number } {
  let uncounted = 0;
  const listed: DecisionBallot[] = [];
  for (const b of ballots) {
    if (b.counted || sealedPending(b)) listed.push(b);
    else if (uncounted++ < limit) listed.push(withoutWords(b));
  }
  return { listed, unlisted: Math.max(0, uncounted - limit) };
}

/**
 * A member's latest sealed ballot while the vote waits for its round: neither counted nor not,
 * sealed until the close (src/commons/decide.ts). Shown as such, never with a yes or a no.
 */
export function sealedPending(b: Pick<DecisionBallot, 'status'>): boolean {
  return b.status?.code === 'ballot-sealed-pending';
}

/** An uncounted ballot as shown: who it names, the vote, why it does not count; never its words. */
export function withoutWords(b: DecisionBallot): DecisionBallot {
  if (b.counted) return b;
  const { comment: _comment, rule: _rule, ...rest } = b;
  return rest;
}

const UTF8 = new TextEncoder();

/** Room kept under RECORD_MAX_BYTES for what merge adds (the merge commit) and the digest line. */
const MARGIN = 1_000;

/**
 * Whether the record fits without rendering it (a merge queue renders each record once, not twice):
 * each character of its data takes at most 4 bytes in UTF-8, a few times that once escaped, and
 * appears at most three times (front matter, body, table); the headings, sentences and table rows
 * around them are bounded per item. 64 bytes a character of its JSON, plus 64 KB, is far above that.
 */
function surelyFits(record: UnsealedRecord): boolean {
  return JSON.stringify(record).length * 64 + 65_536 <= RECORD_MAX_BYTES - MARGIN;
}

/**
 * The record within RECORD_MAX_BYTES. The facts are never cut: when the voters' words would push
 * it over (a roster of hundreds, each writing at length), every counted ballot's comment is cut to
 * the same, largest length that fits, marked "…". Returns the record unchanged when it fits.
 * A record that cannot fit even without words is left to the final check, which refuses it.
 */
export function fitRecord(record: UnsealedRecord): UnsealedRecord {
  const fits = (r: UnsealedRecord) => UTF8.encode(renderRecord(r)).length <= RECORD_MAX_BYTES - MARGIN;
  if (surelyFits(record) || fits(record)) return record;
  const cut = (max: number): UnsealedRecord => ({
    ...record,
    ballots: record.ballots.map((b) => {
      if (b.comment === undefined || b.comment.length <= max) return b;
      const { comment, ...rest } = b;
      return max < 2 ? rest : { ...rest, comment: `${comment.slice(0, max - 1)}…` };
    }),
  });
  let low = 0;
  let high = Math.max(0, ...record.ballots.map((b) => b.comment?.length ?? 0));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(cut(mid))) low = mid;
    else high = mid - 1;
  }
  return cut(low);
}

/**
 * The body's shape, checked on its own: one title heading, first; then only the known sections,
 * in their order, each at most once; no line that the Markdown would make a heading, a rule or
 * raw HTML. With the front matter, also: each section present exactly when the front matter has
 * what it says, the tally line says the front matter's numbers, and the ballots table has one row
 * per listed ballot. `noclout audit` runs this beside the re-rendering, so a record whose front
 * matter and body were rewritten together (or a body written from a field that held line breaks)
 * is still caught. Returns one fault per finding, with what it names: texts/problems-en.ts words it
 * (structureText) in English, and problems-fr.ts in French.
 */
export function recordStructureProblems(text: string, record?: UnsealedRecord): StructureFault[] {
  const problems: StructureFault[] = [];
  const add = (fault: StructureFault['fault'], params: Partial<Omit<StructureFault, 'fault'>> = {}) => problems.push({ ...NO_STRUCTURE_FAULT, ...params, fault });
  const end = text.indexOf('\n---\n', 4);
  if (!text.startsWith('---\n') || end < 0) return [{ ...NO_STRUCTURE_FAULT, fault: 'no-front-matter' }];
  // The body follows the front matter after one blank line; its lines are counted from there.
  const lines = text.slice(end + 5).replace(/\r\n/g, '\n').replace(/^\n/, '').split('\n');
  const headings: { at: number; level: number; title: string }[] = [];
  lines.forEach((line, i) => {
    const at = i + 1;
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (atx) return void headings.push({ at, level: atx[1]!.length, title: atx[2] ?? '' });
    if (/^ {0,3}(?:=+|-+)[ \t]*$/.test(line) && (lines[i - 1] ?? '').trim() !== '') add('setext', { line: at, found: JSON.stringify(line) });
    else if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) add('thematic-break', { line: at, found: JSON.stringify(line) });
    else if (/^ {0,3}</.test(line)) add('html', { line: at, found: JSON.stringify(line.slice(0, 60)) });
  });
  const [first, ...rest] = headings;
  if (!first || first.at !== 1 || first.level !== 1) add('no-title');
  let next = 0;
  const seen: Section[] = [];
  for (const h of rest) {
    const index = SECTIONS.indexOf(h.title as Section);
    if (h.level !== 2 || index < 0) {
      add('foreign-heading', { line: h.at, found: JSON.stringify(lines[h.at - 1]!.slice(0, 80)), sections: SECTIONS.join(', ') });
    } else if (seen.includes(SECTIONS[index]!)) {
      add('repeated-section', { line: h.at, section: h.title });
    } else if (index < next) {
      add('section-order', { line: h.at, section: h.title, after: String(seen.at(-1)), sections: SECTIONS.join(', ') });
      seen.push(SECTIONS[index]!);
    } else {
      seen.push(SECTIONS[index]!);
      next = index + 1;
    }
  }
  if (record) problems.push(...agreementProblems(lines, headings, seen, record));
  return problems;
}

/** The sections against the front matter: which are there, the title, the tally line, the ballot rows. */
function agreementProblems(lines: readonly string[], headings: readonly { at: number; title: string }[], seen: readonly Section[], record: UnsealedRecord): StructureFault[] {
  const problems: StructureFault[] = [];
  const add = (fault: StructureFault['fault'], params: Partial<Omit<StructureFault, 'fault'>> = {}) => problems.push({ ...NO_STRUCTURE_FAULT, ...params, fault });
  if (lines[0] !== titleLine(record)) add('title-differs', { found: String(JSON.stringify(lines[0]?.slice(0, 120))), expected: JSON.stringify(titleLine(record).slice(0, 120)) });
  const expected = sectionsOf(record);
  for (const s of expected) if (!seen.includes(s)) add('section-missing', { section: s });
  for (const s of seen) if (!expected.includes(s)) add('section-extra', { section: s });
  const sectionLines = (name: Section) => {
    const h = headings.find((x) => x.title === name);
    if (!h) return [];
    const after = headings.find((x) => x.at > h.at);
    return lines.slice(h.at, after ? after.at - 1 : lines.length).filter((l) => l.trim() !== '');
  };
  if (record.tally && seen.includes('Tally')) {
    const said = sectionLines('Tally');
    if (said.length !== 1 || said[0] !== tallyLine(record.tally)) add('tally-differs', { found: JSON.stringify(said.join(' ').slice(0, 160)), expected: JSON.stringify(tallyLine(record.tally)) });
  }
  if (seen.includes('Ballots')) {
    const rows = sectionLines('Ballots').filter((l) => l.startsWith('|')).length - 2;
    if (rows !== record.ballots.length) add('ballot-rows', { rows, ballots: record.ballots.length });
  }
  return problems;
}

/**
 * Read a record back. A record in the bot's own shape is read by the fast reader
 * (src/commons/record-front-matter.ts); any other text, and any record that fails
 * its schema, by the yaml package, which says what is wrong and where.
 */
export function parseRecord(text: string, path: string): { ok: true; record: DecisionRecord } | { ok: false; problems: Problem[] } {
  const data = recordData(text);
  if (data !== undefined) {
    const checked = checkSchema(decisionSchema, data, { path, kind: 'decision', positionOf: () => ({ line: 1, column: 1 }) });
    if (checked.ok) return { ok: true, record: checked.value };
  }
  return parseRecordSlowly(text, path);
}

/**
 * The front matter's data by the fast reader, when the file is laid out as the bot writes it: `---` on
 * the first line and on the closing line, no carriage return, nothing the front matter reader would
 * refuse before parsing (yaml-document.ts, tooDeep). Undefined otherwise.
 */
export function recordData(text: string): Record<string, unknown> | undefined {
  return recordFrontMatter(text)?.data;
}

/** recordData, with the body and the line it starts on as readFrontMatter gives them. */
export function recordFrontMatter(text: string): { data: Record<string, unknown>; body: string; bodyLine: number } | undefined {
  if (!text.startsWith('---\n')) return undefined;
  const close = text.indexOf('\n---\n', 3);
  const closeAtEnd = close < 0 && text.endsWith('\n---') ? text.length - 4 : close;
  if (closeAtEnd < 0) return undefined;
  const yaml = text.slice(4, closeAtEnd);
  if (yaml.includes('\r') || tooDeep(yaml)) return undefined;
  const data = readRecordFrontMatter(yaml);
  if (data === undefined) return undefined;
  // Line 1 is "---", the front matter's lines follow, then the closing "---"; the body starts on the line after it.
  const bodyLine = yaml.split('\n').length + 3;
  return { data, body: text.slice(closeAtEnd + '\n---\n'.length), bodyLine };
}

/** Read a record back through the yaml package alone (the reference the fast reader is tested against). */
export function parseRecordSlowly(text: string, path: string): { ok: true; record: DecisionRecord } | { ok: false; problems: Problem[] } {
  const front = readFrontMatter(text, { path });
  if (front.problems.length) return { ok: false, problems: front.problems };
  const checked = checkSchema(decisionSchema, front.data, { path, kind: 'decision', positionOf: front.positionOf });
  return checked.ok ? { ok: true, record: checked.value } : { ok: false, problems: checked.problems };
}
