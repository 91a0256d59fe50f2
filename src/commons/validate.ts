/**
 * Validate a whole commons (a Snapshot) and collect every problem, the way
 * `noclout check`, the bot and the site all see it. Each file is parsed with
 * the one front matter reader and checked against its schema; then rules that
 * span files run (authors are members, replies point somewhere, ballots name a
 * change, records are untouched).
 */
import { fileKindOf, LAYOUT_HINT, type FileKind } from './layout.ts';
import { sortProblems, uPlus, type Problem } from './problem.ts';
import { codedProblem } from './texts/problems.ts';
import { hidesPost, recordFrontMatter } from './decision-record.ts';
import { recordDigest, recordIntact } from './record-digest.ts';
import { checkSchema, closest } from './schema-problems.ts';
import { readFrontMatter } from './front-matter.ts';
import { parseYaml } from './yaml-document.ts';
import type { Snapshot, SnapshotEntry } from './snapshot.ts';
import type { z } from 'zod';
import { CONTROL_CHARACTER } from './schema/common.ts';
import { ballotSchemaFor, isSealedBallot, type BallotFile } from './schema/ballot.ts';
import { readSealed } from './sealed-text.ts';
import { commonsConfigSchema, type CommonsConfig } from './schema/commons-config.ts';
import { decisionSchema, type DecisionRecord } from './schema/decision.ts';
import { membersSchema, type Members } from './schema/members.ts';
import { DEFAULT_MAX_BYTES, policySchema, type Policy } from './schema/policy.ts';
import { postSchema, type PostFrontMatter } from './schema/post.ts';
import { proposalSchema, type ProposalFrontMatter } from './schema/proposal.ts';
import { ruleSchema, type RuleFrontMatter } from './schema/rule.ts';
import { splitProse } from './prose-languages.ts';
import { AUTHOR_PLACEHOLDER } from './template.ts';

/** A Markdown file that passed its schema. */
export interface ParsedDocument<T> {
  path: string;
  data: T;
  body: string;
  /** Line of the file where the body starts (for positions inside the body). */
  bodyLine: number;
}

export interface ParsedCommons {
  config?: CommonsConfig;
  policy?: ParsedDocument<Policy>;
  members?: Members;
  /** By post id "yyyy/slug". */
  posts: Map<string, ParsedDocument<PostFrontMatter>>;
  /** By slug. */
  proposals: Map<string, ParsedDocument<ProposalFrontMatter>>;
  rules: Map<string, ParsedDocument<RuleFrontMatter>>;
  /** By id "yyyy/nnnn-slug". */
  decisions: Map<string, ParsedDocument<DecisionRecord>>;
  /** change slug → voter handle → ballot. */
  ballots: Map<string, Map<string, { path: string; data: BallotFile }>>;
}

export interface ValidateOptions {
  /** Report problems only for these paths; the rest of the snapshot is still read as context. */
  only?: ReadonlySet<string>;
  /**
   * What names in the snapshot may point at outside it. A moderation change deletes the post its
   * proposal names, so that post is found in the base, not in the change's own tree; and the bot
   * reads only the files a change touches. Without it the snapshot is the whole commons.
   */
  outside?: Outside;
  /**
   * Files already read, kept by the caller across calls: a file's problems and value depend on its
   * kind, path and text alone, so a merge queue validating tree after tree reads each file once.
   * What it holds is shared: the caller must not change the parsed values it gets back.
   */
  reads?: FileReads;
}

/** What reading one file gave (its problems, or its value), by kind, size limit, path and text. */
export type FileReads = Map<string, { problems: readonly Problem[]; value: unknown }>;

/** Posts and decision records that exist beside the snapshot (in the base a change is proposed against). */
export interface Outside {
  /** Post ids, "2026/hello". */
  posts?: ReadonlySet<string>;
  /** Decision records by id, "2026/0001-hide-offer". */
  decisions?: ReadonlyMap<string, DecisionRecord>;
}

export interface Validation {
  problems: Problem[];
  parsed: ParsedCommons;
}

const REQUIRED_FILES = ['governance/commons.yml', 'governance/policy.md', 'governance/members.yml'];

/** Validate every commons file of the snapshot. Platform files (outside content/ and governance/) are not judged here. */
export function validateCommons(snapshot: Snapshot, options: ValidateOptions = {}): Validation {
  const problems: Problem[] = [];
  const parsed: ParsedCommons = { posts: new Map(), proposals: new Map(), rules: new Map(), decisions: new Map(), ballots: new Map() };
  const readYamlFile = remembered(readYaml, options.reads);
  const readMarkdownFile = remembered(readMarkdown, options.reads);
  const entries = [...snapshot.entries.values()].filter((e) => e.mode !== 'directory' && fileKindOf(e.path).kind !== 'platform');

  // Governance first: the policy's size limit and the roster apply to everything else.
  const byKind = (kind: FileKind['kind']) => entries.filter((e) => fileKindOf(e.path).kind === kind);
  for (const entry of byKind('commons')) parsed.config = readYamlFile(entry, commonsConfigSchema, 'commons', DEFAULT_MAX_BYTES, problems);
  for (const entry of byKind('members')) parsed.members = readYamlFile(entry, membersSchema, 'members', DEFAULT_MAX_BYTES * 10, problems);
  for (const entry of byKind('policy')) parsed.policy = readMarkdownFile(entry, policySchema, 'policy', DEFAULT_MAX_BYTES, problems);
  const maxBytes = parsed.policy?.data.posts.maxBytes ?? DEFAULT_MAX_BYTES;

  for (const entry of entries) {
    const kind = fileKindOf(entry.path);
    if (!regularFile(entry, problems)) continue;
    switch (kind.kind) {
      case 'post': {
        const doc = readMarkdownFile(entry, postSchema, 'post', maxBytes, problems);
        if (doc) parsed.posts.set(kind.id, doc);
        break;
      }
      case 'proposal': {
        const doc = readMarkdownFile(entry, proposalSchema, 'proposal', maxBytes, problems);
        if (doc) parsed.proposals.set(kind.slug, doc);
        break;
      }
      case 'rule': {
        const doc = readMarkdownFile(entry, ruleSchema, 'rule', maxBytes, problems);
        if (doc) parsed.rules.set(kind.slug, doc);
        break;
      }
      case 'decision': {
        const doc = readMarkdownFile(entry, decisionSchema, 'decision', DEFAULT_MAX_BYTES * 10, problems);
        if (doc) parsed.decisions.set(kind.id, doc);
        break;
      }
      case 'ballot': {
        const data = readYamlFile(entry, ballotSchemaFor(entry.text ?? ''), 'ballot', 10_000, problems);
        if (data && isSealedBallot(data)) problems.push(...sealedBallotProblems(entry.path, entry.text ?? '', data.sealed, parsed.policy?.data.beacon?.chainHash));
        if (data) {
          const forChange = parsed.ballots.get(kind.change) ?? new Map();
          forChange.set(kind.handle, { path: entry.path, data });
          parsed.ballots.set(kind.change, forChange);
        }
        break;
      }
      case 'placeholder':
        if (entry.size > 0) problems.push(codedProblem(entry.path, 'file/placeholder-not-empty', 'file/placeholder-not-empty', { size: entry.size, layout: LAYOUT_HINT }));
        break;
      case 'other-commons':
        problems.push(codedProblem(entry.path, 'path/not-allowed', 'path/not-allowed', { ext: kind.ext, like: kind.like, yearFolder: kind.yearFolder ? 'yes' : '', layout: LAYOUT_HINT }));
        break;
      default:
        break;
    }
  }

  for (const required of REQUIRED_FILES) {
    if (!snapshot.entries.has(required)) {
      problems.push(codedProblem(required, 'commons/missing-file', 'commons/missing-file', { file: required }));
    }
  }
  problems.push(...crossFileProblems(snapshot, parsed), ...moderationTargetProblems(snapshot, parsed, options.outside ?? {}));
  const reported = options.only ? problems.filter((p) => options.only!.has(p.path)) : problems;
  return { problems: sortProblems(reported), parsed };
}

/** Only regular files count: a symlink, submodule or executable could point outside the commons or run. */
function regularFile(entry: SnapshotEntry, problems: Problem[]): boolean {
  if (entry.mode === 'file') return true;
  problems.push(codedProblem(entry.path, 'file/not-regular', 'file/not-regular', { mode: entry.mode }));
  return false;
}

/** Posts, proposals and rules are sized by the policy; the other files have fixed limits (docs/formats/front-matter.md). */
const POLICY_SIZED = new Set(['post', 'proposal', 'rule']);

function sizeProblem(entry: SnapshotEntry, maxBytes: number, kind: string): Problem | undefined {
  if (entry.size <= maxBytes) return undefined;
  if (!POLICY_SIZED.has(kind)) {
    return codedProblem(entry.path, 'file/too-large', 'file/too-large-fixed', { size: entry.size, max: maxBytes, kind });
  }
  return codedProblem(entry.path, 'file/too-large', 'file/too-large', { size: entry.size, max: maxBytes });
}

/**
 * Every reader decodes a file as UTF-8, turning bytes that are not UTF-8 into U+FFFD: a file saved
 * in Latin-1 would be published with its accents silently replaced, and a binary file read as
 * text. Refuse both, pointing at the first such spot.
 */
function encodingProblem(entry: SnapshotEntry): Problem | undefined {
  const text = entry.text ?? '';
  const at = text.search(/[\uFFFD\u0000]/);
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  const nul = text[at] === '\u0000';
  return codedProblem(entry.path, 'file/not-utf8', nul ? 'file/nul-byte' : 'file/not-utf8', {}, { line, column });
}

/** A file reader that looks in `reads` first, and keeps what it read there. */
function remembered<F extends (entry: SnapshotEntry, schema: never, kind: string, maxBytes: number, problems: Problem[]) => unknown>(read: F, reads: FileReads | undefined): F {
  if (!reads) return read;
  return ((entry: SnapshotEntry, schema: never, kind: string, maxBytes: number, problems: Problem[]) => {
    const key = `${kind}\u0000${maxBytes}\u0000${entry.mode}\u0000${entry.size}\u0000${entry.path}\u0000${entry.text ?? ''}`;
    let known = reads.get(key);
    if (!known) {
      const found: Problem[] = [];
      known = { value: read(entry, schema, kind, maxBytes, found), problems: found };
      reads.set(key, known);
    }
    problems.push(...known.problems);
    return known.value;
  }) as F;
}

function readYaml<S extends z.ZodType>(entry: SnapshotEntry, schema: S, kind: string, maxBytes: number, problems: Problem[]): z.output<S> | undefined {
  if (entry.mode !== 'file') return undefined;
  const refused = sizeProblem(entry, maxBytes, kind) ?? encodingProblem(entry);
  if (refused) return void problems.push(refused);
  const yaml = parseYaml(entry.text ?? '', { path: entry.path, firstLine: 1 });
  if (yaml.problems.length) return void problems.push(...yaml.problems);
  const result = checkSchema(schema, yaml.data, { path: entry.path, kind, positionOf: yaml.positionOf });
  if (!result.ok) return void problems.push(...result.problems);
  return result.value;
}

function readMarkdown<S extends z.ZodType>(entry: SnapshotEntry, schema: S, kind: string, maxBytes: number, problems: Problem[]): ParsedDocument<z.output<S>> | undefined {
  if (entry.mode !== 'file') return undefined;
  const refused = sizeProblem(entry, maxBytes, kind) ?? encodingProblem(entry);
  if (refused) return void problems.push(refused);
  // A decision record in the bot's own shape is read without the yaml package (record-front-matter.ts); any other, or one its schema refuses, with it.
  const fast = kind === 'decision' ? recordFrontMatter(entry.text ?? '') : undefined;
  if (fast) {
    const result = checkSchema(schema, fast.data, { path: entry.path, kind, positionOf: () => ({ line: 1, column: 1 }) });
    if (result.ok) return { path: entry.path, data: result.value, body: fast.body, bodyLine: fast.bodyLine };
  }
  const front = readFrontMatter(entry.text ?? '', { path: entry.path, maxBytes });
  if (front.problems.length) return void problems.push(...front.problems);
  const result = checkSchema(schema, front.data, { path: entry.path, kind, positionOf: front.positionOf });
  if (!result.ok) return void problems.push(...result.problems);
  return { path: entry.path, data: result.value, body: front.body, bodyLine: front.bodyLine };
}

/** Rules that need more than one file. */
function crossFileProblems(snapshot: Snapshot, parsed: ParsedCommons): Problem[] {
  const problems: Problem[] = [];
  const handles = new Set(parsed.members?.map((m) => m.handle));
  const at = (doc: ParsedDocument<unknown>, key: string) => positionOfKey(snapshot, doc.path, key);
  const near = (handle: string) => closest(handle, [...handles]) ?? '';

  const checkAuthor = (doc: ParsedDocument<{ author: string }>, kind: string) => {
    if (parsed.members && !handles.has(doc.data.author)) {
      problems.push(
        doc.data.author === AUTHOR_PLACEHOLDER
          ? codedProblem(doc.path, `${kind}/unknown-author`, 'author/placeholder', { author: AUTHOR_PLACEHOLDER }, at(doc, 'author'))
          : codedProblem(doc.path, `${kind}/unknown-author`, 'author/not-member', { author: doc.data.author, near: near(doc.data.author) }, at(doc, 'author')),
      );
    }
  };

  // Change ids (a post's or proposal's slug) name ballot folders, so they must be unique across years and kinds.
  // Every file sharing a slug is told, so checking one file alone still finds the collision.
  const changeOwners = new Map<string, string[]>();
  const claim = (slug: string, path: string) => changeOwners.set(slug, [...(changeOwners.get(slug) ?? []), path]);

  // Control characters in a text's body: invisible or a box on the page, never meant.
  const bodyControls = (doc: ParsedDocument<unknown>, kind: string) => {
    const text = snapshot.entries.get(doc.path)?.text ?? '';
    // The body only: the front matter's fields are checked by their schemas.
    const close = text.indexOf('\n---', 3);
    const controls = new RegExp(CONTROL_CHARACTER.source, 'gu');
    controls.lastIndex = close < 0 ? 0 : close + 4;
    const found = controls.exec(text);
    if (!found) return;
    const before = text.slice(0, found.index).split('\n');
    problems.push(codedProblem(doc.path, `${kind}/control-character`, 'text/control-character', { char: uPlus(found[0]) }, { line: before.length, column: before.at(-1)!.length + 1 }));
  };

  for (const [id, post] of parsed.posts) {
    checkAuthor(post, 'post');
    bodyControls(post, 'post');
    claim(id.split('/')[1]!, post.path);
    if (post.data.replyTo !== undefined && !parsed.posts.has(post.data.replyTo) && !tombstoned(parsed, post.data.replyTo)) {
      problems.push(codedProblem(post.path, 'post/reply-to-missing', 'post/reply-to-missing', { replyTo: post.data.replyTo }, at(post, 'replyTo')));
    }
    if (parsed.config && !parsed.config.languages.includes(post.data.lang)) {
      problems.push(codedProblem(post.path, 'post/language', 'post/language', { lang: post.data.lang, languages: parsed.config.languages.join(', ') }, at(post, 'lang')));
    }
  }
  // Rules and the policy in several languages (src/commons/prose-languages.ts, docs/formats/rule.md).
  for (const doc of [...parsed.rules.values(), ...(parsed.policy ? [parsed.policy] : [])]) {
    const { lang = parsed.config?.defaultLanguage ?? 'en', translations = {} } = doc.data as { lang?: string; translations?: Record<string, unknown> };
    const languages = parsed.config?.languages;
    problems.push(...splitProse(doc.body, { lang, path: doc.path, bodyLine: doc.bodyLine, ...(languages ? { languages } : {}) }).problems);
    for (const other of Object.keys(translations)) {
      if (other === lang) problems.push(codedProblem(doc.path, 'prose/language-marker', 'prose/translation-own-language', { lang: other }, at(doc, 'translations')));
      else if (languages && !languages.includes(other)) problems.push(codedProblem(doc.path, 'prose/language-marker', 'prose/translation-not-commons', { lang: other, languages: languages.join(', ') }, at(doc, 'translations')));
    }
  }
  for (const [slug, proposal] of parsed.proposals) {
    checkAuthor(proposal, 'proposal');
    bodyControls(proposal, 'proposal');
    claim(slug, proposal.path);
    const { moderates, rule, rules, appeals } = proposal.data;
    if (appeals !== undefined && (moderates !== undefined || rule !== undefined)) {
      const extra = moderates !== undefined ? 'moderates' : 'rule';
      problems.push(codedProblem(proposal.path, 'proposal/appeal-fields', 'proposal/appeal-fields', { extra, remove: moderates !== undefined && rule !== undefined ? 'both' : extra }, at(proposal, extra)));
    } else if ((moderates === undefined) !== (rule === undefined)) {
      problems.push(codedProblem(proposal.path, 'proposal/moderation-fields', 'proposal/moderation-fields', {}, at(proposal, moderates ? 'moderates' : 'rule')));
    }
    for (const cited of [...(rule ? [rule] : []), ...(rules ?? [])]) {
      if (parsed.rules.size && !parsed.rules.has(cited) && !(rules ?? []).includes(cited)) {
        problems.push(codedProblem(proposal.path, 'proposal/unknown-rule', 'proposal/unknown-rule', { rule: cited, rules: [...parsed.rules.keys()].join(', ') }, at(proposal, 'rule')));
      }
    }
  }

  const decidedChanges = new Set([...parsed.decisions.values()].map((d) => d.data.change));
  for (const [slug, paths] of changeOwners) {
    if (paths.length < 2) continue;
    for (const path of paths) {
      problems.push(codedProblem(path, 'change/duplicate-slug', 'change/duplicate-slug', { slug, others: paths.filter((other) => other !== path).join(', ') }));
    }
  }
  // A decided change keeps its name: a new file under it would be judged as that change.
  for (const [id, decision] of parsed.decisions) {
    const text = snapshot.entries.get(decision.path)?.text;
    if (text === undefined || !recordIntact(text)) continue; // an edited record is reported as such, and proves nothing
    for (const path of changeOwners.get(decision.data.change) ?? []) {
      if (decision.data.outcome === 'accepted' && decision.data.files.includes(path)) continue;
      problems.push(
        codedProblem(path, 'change/name-taken', 'change/name-decided', { change: decision.data.change, outcome: decision.data.outcome, id }),
      );
    }
  }

  for (const [change, ballots] of parsed.ballots) {
    for (const [voter, ballot] of ballots) {
      if (!changeOwners.has(change) && !decidedChanges.has(change)) {
        problems.push(codedProblem(ballot.path, 'ballot/unknown-change', 'ballot/unknown-change', { change }));
      }
      if (parsed.members && !handles.has(voter)) {
        problems.push(codedProblem(ballot.path, 'ballot/unknown-voter', 'ballot/unknown-voter', { voter, near: near(voter) }));
      }
    }
  }

  for (const [id, decision] of parsed.decisions) {
    const entry = snapshot.entries.get(decision.path);
    if (entry?.text !== undefined && !recordIntact(entry.text)) {
      const computed = recordDigest(entry.text).slice(0, 'sha256:'.length + 12);
      const written = `${decision.data.digest.slice(0, 'sha256:'.length + 12)}…`;
      problems.push(codedProblem(decision.path, 'decision/edited-by-hand', 'decision/edited-by-hand', { written, computed }, at(decision, 'digest')));
    }
    if (!id.endsWith(`-${decision.data.change}`)) {
      problems.push(codedProblem(decision.path, 'decision/file-name', 'decision/file-name', { change: decision.data.change }, at(decision, 'change')));
    }
  }
  return problems;
}

/**
 * A moderation names a post that exists, and an appeal a decision that exists: a name that
 * resolves to nothing would be voted on, recorded and shown as a tombstone for a post that never
 * was. The post may be in the snapshot, in the base (the change deletes it), or gone already
 * behind a tombstone (the moderation was accepted: its record names the post).
 */
function moderationTargetProblems(snapshot: Snapshot, parsed: ParsedCommons, outside: Outside): Problem[] {
  const problems: Problem[] = [];
  const decisions = new Map([...(outside.decisions ?? []), ...[...parsed.decisions].map(([id, d]) => [id, d.data] as const)]);
  let postIds: string[] | undefined;
  for (const [proposalId, proposal] of parsed.proposals) {
    const { moderates, appeals } = proposal.data;
    const present = moderates === undefined || parsed.posts.has(moderates) || outside.posts?.has(moderates);
    const hiddenBy = present ? undefined : hidingDecision(decisions, moderates);
    if (hiddenBy && hiddenBy[1].change !== proposalId) {
      // The post is already behind a tombstone (this proposal's own accepted record aside).
      problems.push(
        codedProblem(proposal.path, 'proposal/moderates-hidden', 'proposal/moderates-hidden', { moderates: String(moderates), decision: hiddenBy[0] }, positionOfKey(snapshot, proposal.path, 'moderates')),
      );
    } else if (!present && !hiddenBy) {
      postIds ??= [...new Set([...parsed.posts.keys(), ...(outside.posts ?? [])])];
      const near = closest(moderates, postIds);
      problems.push(
        codedProblem(proposal.path, 'proposal/moderates-missing', 'proposal/moderates-missing', { moderates, near: near ?? '' }, positionOfKey(snapshot, proposal.path, 'moderates')),
      );
    }
    if (appeals === undefined) continue;
    const appealed = decisions.get(appeals);
    const moderations = () => [...decisions].filter(([, d]) => d.kind === 'moderation' && d.outcome === 'accepted' && d.moderation && !d.moderation.appeals).map(([id]) => id);
    if (!appealed) {
      const near = closest(appeals, moderations());
      problems.push(
        codedProblem(proposal.path, 'proposal/appeals-missing', 'proposal/appeals-missing', { appeals, near: near ?? '' }, positionOfKey(snapshot, proposal.path, 'appeals')),
      );
    } else if (appealed.kind !== 'moderation' || appealed.outcome !== 'accepted' || !appealed.moderation) {
      problems.push(
        codedProblem(proposal.path, 'moderation/appeal-target', 'moderation/appeal-target', { appeals, outcome: appealed.outcome, kind: appealed.kind }, positionOfKey(snapshot, proposal.path, 'appeals')),
      );
    }
  }
  return problems;
}

/** A moderated post keeps its URL through its decision record, so replies to it stay valid. */
function tombstoned(parsed: ParsedCommons, postId: string): boolean {
  return [...parsed.decisions.values()].some((d) => d.data.outcome === 'accepted' && d.data.moderation?.post === postId);
}

/** The latest accepted moderation record that names `postId`: the decision its tombstone shows. */
function hidingDecision(decisions: ReadonlyMap<string, DecisionRecord>, postId: string): [string, DecisionRecord] | undefined {
  let found: [string, DecisionRecord] | undefined;
  for (const [id, d] of decisions) {
    if (hidesPost(d) && d.moderation?.post === postId && (found === undefined || d.closed > found[1].closed)) found = [id, d];
  }
  return found;
}

function positionOfKey(snapshot: Snapshot, path: string, key: string): { line: number; column: number } {
  const text = snapshot.entries.get(path)?.text ?? '';
  const lines = text.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && line.replace(/\r$/, '') === '---');
  const written = new RegExp(`^(["']?)${key}\\1\\s*:`);
  const index = lines.findIndex((line, i) => i > 0 && (close < 0 || i < close) && written.test(line));
  return index < 0 ? { line: 1, column: 1 } : { line: index + 1, column: 1 };
}

/**
 * A sealed ballot file checked without opening it (docs/voting.md, Sealed ballots): a time-locked
 * age text, locked to the policy's beacon. Whether its round is the vote's close round needs the
 * ledger's opening: the bot says so as the ballot's status.
 */
function sealedBallotProblems(path: string, text: string, armored: string, chainHash: string | undefined): Problem[] {
  const read = readSealed(armored);
  if (!read.ok) {
    // Lines of the armored text count from the line after `sealed: |`.
    const key = text.split('\n').findIndex((line) => /^sealed[ \t]*:/.test(line));
    const received = read.issue.received === undefined ? '' : JSON.stringify(read.issue.received.slice(0, 40));
    return [codedProblem(path, 'ballot/sealed-structure', 'ballot/sealed-structure', { issue: read.issue.code, received }, { line: key + 1 + read.issue.line, column: 3 })];
  }
  if (read.header.chainHash !== chainHash) return [codedProblem(path, 'ballot/sealed-chain', 'ballot/sealed-chain', { chainHash: read.header.chainHash, expected: chainHash ?? '' }, { line: 1, column: 1 })];
  return [];
}
