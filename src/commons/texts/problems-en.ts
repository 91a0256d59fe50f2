/**
 * The English text of every problem that has a code (issue 12): the one source of a coded
 * problem's `message` and `hint`, which `--format json`, the bot's comment and the records keep in
 * English. texts/problems-fr.ts has the same codes with the same parameters (tsc and a unit test
 * fail on a missing one). Parameters are plain strings and numbers; '' means "not given". Pure.
 */
import { count, plural } from '../plural.ts';
import { describeScripts, type ScriptLetters } from '../script.ts';

/** What a schema expected, by zod's type name. */
export function typeName(expected: string): string {
  return ({ int: 'a whole number', number: 'a number', string: 'a string (text)', boolean: 'true or false', object: '`key: value` lines', array: 'a list' } as Record<string, string>)[expected] ?? expected;
}

/** `tags.0: `, the key a schema problem is about, or nothing for the whole file. */
const at = (where: string) => (where ? `${where}: ` : '');

/**
 * What a change's authorship was checked against: `frozen`, the roster and policy its opening froze
 * (`policy` commit, `head`, `opened`); `checked`, main's at `policy`, the change not being opened
 * yet; '' when the producer does not say (before the bot knows the opening).
 */
export interface Governed {
  governed: '' | 'frozen' | 'checked';
  policy: string;
  head: string;
  opened: string;
}

/** Governed parameters that say nothing, for a producer that does not know the opening yet. */
export const NOT_GOVERNED: Governed = { governed: '', policy: '', head: '', opened: '' };

function governed(p: Governed): string {
  if (p.governed === 'frozen') return ` (roster and policy frozen at ${p.policy} by the opening of ${p.head}, ${p.opened}: later changes to main do not apply to it)`;
  if (p.governed === 'checked') return ` (checked against main's roster and policy at ${p.policy}: the change is not opened, and nothing is frozen or recorded until it has no problems, so once it is fixed, or its author has joined, push again under the same name)`;
  return '';
}

function notAllowed(p: { ext: string; like: string; yearFolder: string }): string {
  if (p.ext) return `${p.ext} files are code, not content: Markdown (.md) is the only contributed format`;
  const like = p.like === '' ? '' : p.yearFolder ? `: a post lives in a year folder, like ${p.like}` : `: file names are lowercase ASCII words joined by hyphens, like ${p.like}`;
  return `this path matches none of the commons layouts${like}`;
}

// --- Git objects the bot refuses (src/repo/bad-object.ts): the English of each fault, as BadObjectError says it. ---

const json = (s: string) => JSON.stringify(s);
const fsckSays = (fsck: string) => (fsck ? ` (git fsck: ${fsck})` : '');
const TREE_HINT: string = 'rebuild the branch with ordinary git commands (git add, git commit), which never write such a tree, and push again; git fsck shows the fault';
const FILE_TOO_LARGE_HINT: string = 'remove the file from the branch, and from its history (git rebase -i), then push again; a post is at most posts.maxBytes (governance/policy.md)';

/** What is wrong with a name in a tree (src/repo/tree-object.ts, nameFaults). */
export type TreeNameFault = 'encoding' | 'empty' | 'slash' | 'dot' | 'dotgit' | 'backslash' | 'control' | 'symlink';

/** Found, then expected, for a name already quoted as JSON. */
const TREE_NAME_FAULTS: Record<TreeNameFault, (quoted: string) => [string, string]> = {
  encoding: (n) => [`the name ${n} (read as Latin-1) is not valid UTF-8`, 'a UTF-8 name: any other encoding would be read differently by different programs'],
  empty: () => ['an entry has an empty name', 'a name of at least one character'],
  slash: (n) => [`the name ${n} contains "/"`, 'one path component per entry'],
  dot: (n) => [`the name ${n} is a relative path component`, 'a name other than "." and ".."'],
  dotgit: (n) => [`the name ${n} means ".git" on some file system`, 'no ".git" anywhere in a path: checking it out would write into the repository itself'],
  backslash: (n) => [`the name ${n} contains a backslash`, 'a name without "\\": Windows reads it as a folder separator and git refuses to check it out there'],
  control: (n) => [`the name ${n} contains a control character`, 'a name without control characters (a line break would split every report that lists paths)'],
  symlink: (n) => [`${n} is a symbolic link`, 'a regular file: git reads .gitmodules and .gitattributes from the tree'],
};

/** How an object is damaged (src/repo/objects.ts); `detail` is a library's own words, or a number. */
export type Damage = 'unreadable' | 'size' | 'no-header' | 'inflate' | 'id' | 'pack-chain' | 'pack-header' | 'pack-base' | 'pack-base-outside' | 'pack-type' | 'pack-delta';

export interface ObjectDamage {
  kind: string;
  oid: string;
  damage: Damage;
  detail: string;
  header: number | '';
  content: number | '';
  fsck: string;
}

const DAMAGES: Record<Damage, (p: ObjectDamage) => string> = {
  unreadable: (p) => `git could not read it (${p.detail})`,
  size: (p) => `its header says ${p.header} bytes, its content has ${p.content}`,
  'no-header': () => 'its loose object file does not start with a git object header',
  inflate: (p) => `its loose object file cannot be inflated (${p.detail})`,
  id: () => 'its content does not match its id',
  'pack-chain': (p) => `its entry in a pack is a chain of more than ${p.detail} deltas`,
  'pack-header': () => 'its entry in a pack has a malformed header',
  'pack-base': () => 'its entry in a pack has a malformed delta base',
  'pack-base-outside': () => 'its entry in a pack names a delta base outside the pack',
  'pack-type': (p) => `its entry in a pack has an unknown type ${p.detail}`,
  'pack-delta': () => 'its entry in a pack has a malformed delta',
};

/** An object over the size the bot reads: from its header, or (`base`) the largest object of its delta chain. */
export interface ObjectSize {
  kind: string;
  size: number;
  limit: number;
  base: number | '';
  /** The largest posts.maxBytes a policy can set (MAX_FILE_BYTES). */
  max: number;
  fsck: string;
}

// --- Merges, ballots and authorship (src/ballots/, src/bot/): a sentence chosen by a discriminator, the rest as values. ---

/** Why a merge is not clean (src/ballots/clean-merge.ts): what it adds that no parent had. */
export type UncleanMerge = 'not-merge' | 'both-changed' | 'deletes' | 'new-version' | 'undoes';

const UNCLEAN: Record<UncleanMerge, (path: string) => string> = {
  'not-merge': () => 'it is not a merge',
  'both-changed': (path) => `${path} was changed differently on two sides, and the merge chose a version by hand`,
  deletes: (path) => `it deletes ${path}, which no side deleted`,
  'new-version': (path) => `it writes a version of ${path} that no side wrote`,
  undoes: (path) => `it undoes a side's change to ${path}`,
};

/** Why a file changed on both sides could not be merged (src/repo/merge.ts, src/commons/roster-merge.ts); '' when no reason is given. */
export type ConflictFault = '' | 'not-regular' | 'not-utf8' | 'roster-base' | 'roster-order' | 'roster-line' | 'roster-unreadable' | 'roster-rewrites' | 'roster-no-entry';

export interface Conflict {
  path: string;
  base: string;
  fault: ConflictFault;
  /** Whose members.yml a roster merge refused: the base branch (`ours`) or the change (`theirs`), or ''. */
  side: '' | 'ours' | 'theirs';
  line: number | '';
}

const CONFLICTS: Record<Exclude<ConflictFault, ''>, (p: Conflict) => string> = {
  'not-regular': () => 'it is not a regular file on both sides and in the base',
  'not-utf8': () => 'it is not UTF-8 text on every side',
  'roster-base': () => 'the members.yml both sides started from does not read as a list of members',
  'roster-order': (p) => `the entries appended by ${p.base} and by this change do not read the same one after the other`,
  'roster-line': (p) => `${side(p)} changed line ${p.line} of the text both sides started from: only entries appended after it merge`,
  'roster-unreadable': (p) => `${side(p)}'s members.yml does not read as a list of members`,
  'roster-rewrites': (p) => `${side(p)} appended text that changes the entries before it, not whole new entries`,
  'roster-no-entry': (p) => `${side(p)} appended no member entry, only other text`,
};

const side = (p: Conflict) => (p.side === 'ours' ? p.base : 'this change');

/**
 * Why a change has no member as its submitter (src/ballots/commit-ballots.ts, contentSubmitter; src/bot/github-source.ts):
 * `why` picks the sentence; `commit` is the commit at fault, `merge` why it is a merge that is not clean (or ''),
 * `signature` what is wrong with its signature (`fault`: why a bad one does not verify).
 */
export interface Unattributed {
  why: 'no-content' | 'signature' | 'two-signers' | 'pull-deleted' | 'pull-outsider';
  commit: string;
  merge: UncleanMerge | '';
  mergePath: string;
  signature: '' | 'unsigned' | 'unknown-key' | 'bad';
  key: string;
  /** A bad signature: why it does not verify (SignatureFault), with what it names (`found`) and what was `expected`. */
  fault: SignatureFault | '';
  found: string;
  expected: string;
  signer: string;
  earlier: string;
  pull: number | '';
  login: string;
  id: number | '';
}

/** Unattributed parameters that say nothing, to fill in the ones a reason sets. */
export const UNATTRIBUTED: Unattributed = { why: 'no-content', commit: '', merge: '', mergePath: '', signature: '', key: '', fault: '', found: '', expected: '', signer: '', earlier: '', pull: '', login: '', id: '' };

function unattributed(p: Unattributed & Governed): string {
  const what = p.merge ? `commit ${p.commit}, a merge that is not clean (${UNCLEAN[p.merge](p.mergePath)}),` : `commit ${p.commit}`;
  switch (p.why) {
    case 'no-content':
      return 'the change has no content commit';
    case 'signature':
      if (p.signature === 'unsigned') return `${what}: missing signature: the commit is not signed (git commit -S with gpg.format=ssh)`;
      if (p.signature === 'unknown-key') return `${what}: signed by ${p.key}, a key no member of the ${p.governed === 'checked' ? '' : 'frozen '}roster lists`;
      return `${what}: bad signature: ${signatureFaultText(p)}`;
    case 'two-signers':
      return `${what} is signed by ${p.signer}, earlier commits by ${p.earlier}: a change has one submitter`;
    case 'pull-deleted':
      return `the account that opened pull request #${p.pull} was deleted`;
    case 'pull-outsider':
      return `pull request #${p.pull} was opened by GitHub user ${p.login} (id ${p.id}), who is not a member: no entry in members.yml has github.id ${p.id}`;
  }
}

/**
 * Which change holds a name (src/bot/judge.ts): `head`, first seen `opened` (an instant), or published in
 * the record `published`; `decided` the record that decided it; '' for what does not apply.
 */
export interface NameTaken {
  change: string;
  head: string;
  opened: string;
  published: string;
  decided: string;
  /** What the contributor renames. */
  file: 'post' | 'proposal';
  like: string;
}

function taken(p: NameTaken): string {
  if (p.published) return `${p.head}, published in ${p.published}`;
  if (p.head) return `${p.head}, first seen ${p.opened}${p.decided ? `, decided in ${p.decided}` : ''}`;
  return `decided in ${p.decided}`;
}

export const problemsEn = {
  // Front matter and YAML files against their schema (schema-problems.ts); the rule is <kind>/….
  'schema/unknown-key': {
    message: (p: { where: string; key: string; suggestion: string; allowed: string }) => `${at(p.where)}unknown key "${p.key}"`,
    hint: (p: { where: string; key: string; suggestion: string; allowed: string }) => (p.suggestion ? `did you mean "${p.suggestion}"?` : p.allowed ? `allowed keys: ${p.allowed}` : undefined),
  },
  'schema/more-unknown-keys': {
    message: (p: { where: string; more: number; allowed: string }) => `${at(p.where)}${p.more} more unknown keys are not listed`,
    hint: (p: { where: string; more: number; allowed: string }) => (p.allowed ? `allowed keys: ${p.allowed}` : undefined),
  },
  'schema/empty': {
    message: (p: { expected: string }) => `the file is empty: expected ${typeName(p.expected)}`,
  },
  'schema/required': {
    message: (p: { where: string; expected: string }) => `${at(p.where)}required, expected ${typeName(p.expected)}`,
  },
  'schema/wrong-type': {
    message: (p: { where: string; expected: string; received: string; key: string; list: string }) => `${at(p.where)}expected ${typeName(p.expected)} (received ${p.received})`,
    hint: (p: { where: string; expected: string; received: string; key: string; list: string }) => (p.list ? `write a list: ${p.key ? `${p.key}: ` : ''}${p.list}` : undefined),
  },
  'schema/one-of': {
    message: (p: { where: string; values: string; received: string }) => `${at(p.where)}expected one of ${p.values} (received ${p.received})`,
  },
  // Front matter (front-matter.ts).
  'front-matter/toml': {
    message: (_: Record<string, never>) => 'TOML front matter (+++) is not accepted',
    hint: (_: Record<string, never>) => 'use YAML between --- lines',
  },
  'front-matter/leading-blank': {
    message: (_: Record<string, never>) => 'front matter must start on the very first line',
    hint: (_: Record<string, never>) => 'remove the blank lines before the opening ---',
  },
  'front-matter/opening-spaces': {
    message: (_: Record<string, never>) => 'the opening --- line has spaces after ---, so it does not open front matter',
    hint: (_: Record<string, never>) => 'remove the spaces after ---',
  },
  'front-matter/missing': {
    message: (_: Record<string, never>) => 'the file must start with YAML front matter between --- lines',
    hint: (_: Record<string, never>) => 'start with:\n---\ntitle: "…"\n---',
  },
  'front-matter/empty': {
    message: (_: Record<string, never>) => 'the file is empty: it must start with YAML front matter between --- lines',
    hint: (_: Record<string, never>) => 'start with:\n---\ntitle: "…"\n---',
  },
  'front-matter/closing-spaces': {
    message: (_: Record<string, never>) => 'front matter is not closed: this line has spaces after ---',
    hint: (_: Record<string, never>) => 'remove the spaces after ---',
  },
  'front-matter/unclosed': {
    message: (_: Record<string, never>) => 'front matter is not closed by a --- line',
    hint: (_: Record<string, never>) => 'add a line with --- after the metadata',
  },
  'front-matter/not-a-map': {
    message: (_: Record<string, never>) => 'front matter must be a set of `key: value` lines',
  },
  // YAML, in front matter and governance files (yaml-document.ts).
  'yaml/too-deep': {
    message: (p: { max: number }) => `values are nested more than ${p.max} levels deep`,
    hint: (_: { max: number }) => 'commons files need a few levels at most; deep nesting is refused before parsing because it can exhaust the parser',
  },
  'yaml/tag': {
    message: (p: { tag: string }) => `YAML tag ${p.tag} is not allowed`,
    hint: (_: { tag: string }) => 'write plain values without `!tags`',
  },
  'yaml/forbidden-key': {
    message: (p: { key: string }) => `key ${p.key} is not allowed`,
    hint: (_: { key: string }) => '__proto__, constructor and prototype are refused because they can alter objects in programs that read the file',
  },
  'yaml/complex-key': {
    message: (_: Record<string, never>) => 'keys must be plain words',
  },
  'yaml/duplicate-key': {
    message: (p: { key: string; first: number }) => `duplicate key ${p.key}: each key may appear once`,
    hint: (p: { key: string; first: number }) => `remove one of the two entries (the first is on line ${p.first})`,
  },
  'yaml/more-duplicate-keys': {
    message: (p: { more: number }) => `${p.more} more duplicate keys are not listed`,
    hint: (_: { more: number }) => 'each key may appear once',
  },
  'yaml/alias': {
    message: (_: Record<string, never>) => 'YAML anchors and aliases (& and *) are not allowed',
    hint: (_: Record<string, never>) => 'write the value out in full; aliases can expand a small file into a huge one',
  },
  // Sizes (validate.ts, front-matter.ts): `kind` is a file kind of layout.ts (ballot, members, …).
  'file/too-large-fixed': {
    message: (p: { size: number; max: number; kind: string }) => `file is ${p.size} bytes; a ${p.kind} file is at most ${p.max} bytes`,
    hint: (p: { size: number; max: number; kind: string }): string => (p.kind === 'ballot' ? 'shorten the reason' : 'shorten it: this limit is fixed, not set by the policy'),
  },
  'file/too-large': {
    message: (p: { size: number; max: number }) => `file is ${p.size} bytes; the policy allows at most ${p.max}`,
    hint: (_: { size: number; max: number }) => 'split it, or propose a change to posts.maxBytes in governance/policy.md',
  },
  'file/too-large-post': {
    message: (p: { size: number; max: number }) => `file is ${p.size} bytes; the policy allows at most ${p.max}`,
    hint: (_: { size: number; max: number }) => 'split it into several posts, or propose a change to posts.maxBytes in governance/policy.md',
  },
  'change/name-decided': {
    message: (p: { change: string; outcome: string; id: string }) => `the slug "${p.change}" names a change already decided (${p.outcome}, governance/decisions/${p.id}.md): a decided change keeps its name`,
    hint: (_: { change: string; outcome: string; id: string }) => 'choose another file name for a new change (noclout new --slug …)',
  },
  // Moderations and appeals (validate.ts); `near` is a close id ("did you mean"), or ''.
  'proposal/moderation-fields': {
    message: (_: Record<string, never>) => 'a moderation proposal names both the post it hides (moderates) and the rule it cites (rule)',
  },
  'proposal/moderates-missing': {
    message: (p: { moderates: string; near: string }) => `moderates "${p.moderates}" names no post: expected the id "<year>/<slug>" of a published post, content/posts/<year>/<slug>.md (received "${p.moderates}")`,
    hint: (p: { moderates: string; near: string }) => `${p.near ? `did you mean "${p.near}"? ` : ''}a moderation hides a post that is published when it is proposed; its change deletes that file (if it was published after your copy of main, run git fetch, or check --base origin/main)`,
  },
  'proposal/appeals-missing': {
    message: (p: { appeals: string; near: string }) => `appeals "${p.appeals}" names no decision: expected the id "<year>/<nnnn>-<slug>" of an accepted moderation, governance/decisions/<year>/<nnnn>-<slug>.md (received "${p.appeals}")`,
    hint: (p: { appeals: string; near: string }) => `${p.near ? `did you mean "${p.near}"? ` : ''}the moderation decisions are listed on the site's decisions page and in governance/decisions/`,
  },
  // Checks across files (validate.ts).
  'author/not-member': {
    message: (p: { author: string; near: string }) => `author "${p.author}" is not a member`,
    hint: (p: { author: string; near: string }) => `${p.near ? `did you mean "${p.near}"? ` : ''}the author is a handle listed in governance/members.yml (former members stay listed, marked left: <date>); joining is a membership change`,
  },
  'author/placeholder': {
    message: (p: { author: string }) => `author "${p.author}" is not a member`,
    hint: (p: { author: string }) => `replace "${p.author}" with your own handle, as listed in governance/members.yml (the template cannot know who you are)`,
  },
  'ballot/unknown-voter': {
    message: (p: { voter: string; near: string }) => `"${p.voter}" is not a member: only members vote`,
    hint: (p: { voter: string; near: string }) => `${p.near ? `did you mean "${p.near}"? ` : ''}the file name is the voter's handle in governance/members.yml`,
  },
  'post/reply-to-missing': {
    message: (p: { replyTo: string }) => `replyTo "${p.replyTo}" names no post`,
    hint: (_: { replyTo: string }) => 'write the replied post as "<year>/<slug>", like "2026/egalite-des-voix"',
  },
  'post/language': {
    message: (p: { lang: string; languages: string }) => `language "${p.lang}" is not one of this commons' languages (${p.languages})`,
  },
  'proposal/unknown-rule': {
    message: (p: { rule: string; rules: string }) => `rule "${p.rule}" does not exist`,
    hint: (p: { rule: string; rules: string }) => `rules: ${p.rules}`,
  },
  'ballot/unknown-change': {
    message: (p: { change: string }) => `this ballot is for "${p.change}", but no post, proposal or decision has that slug`,
    hint: (_: { change: string }) => 'the folder name is the slug of the post or proposal voted on',
  },
  'file/nul-byte': {
    message: (_: Record<string, never>) => 'the file holds a NUL byte: it is binary, not text',
    hint: (_: Record<string, never>) => 'save the file as UTF-8 text (in most editors: "Save with encoding" → UTF-8)',
  },
  'file/not-utf8': {
    message: (_: Record<string, never>) => 'the file is not UTF-8 text: the bytes here are not UTF-8 (or are the replacement character U+FFFD)',
    hint: (_: Record<string, never>) => 'save the file as UTF-8 text (in most editors: "Save with encoding" → UTF-8)',
  },
  // Entries that are not regular files (validate.ts, a commons; classify.ts, a change).
  'file/not-regular': {
    message: (p: { mode: string }) => `${({ symlink: 'a symbolic link', submodule: 'a submodule', executable: 'an executable file', directory: 'a directory' } as Record<string, string>)[p.mode] ?? ''} is not accepted in a commons`,
    hint: (p: { mode: string }): string => (p.mode === 'executable' ? 'remove the executable bit: chmod -x <file>' : 'replace it with a regular Markdown or YAML file'),
  },
  'file/not-regular-change': {
    message: (p: { mode: string }) => `${p.mode === 'symlink' ? 'a symbolic link' : p.mode === 'submodule' ? 'a submodule' : p.mode === 'executable' ? 'an executable file' : 'a non-regular entry'} is not accepted in a change`,
    hint: (_: { mode: string }) => 'only regular files count: replace it with a regular Markdown or YAML file (chmod -x for an executable)',
  },
  // What a change may hold (classify.ts).
  'change/post-edited': {
    message: (_: Record<string, never>) => 'a published post is not edited by a change',
    hint: (_: Record<string, never>) => 'write a new post that replies to it (replyTo), or, for a rule breach, a moderation proposal',
  },
  'change/ballot-only': {
    message: (p: { change: string }) => `this change holds only ballots, and a ballot counts only on the branch of the change it votes on ("${p.change}"): on its own it is never merged or counted`,
    hint: (p: { change: string }) => `commit it, signed, on the branch of "${p.change}" (git switch <that branch>; git commit -S; git push), or cast it with \`noclout vote ${p.change} yes|no|abstain\`, which does that for you`,
  },
  'change/several-posts': {
    message: (p: { other: string }) => `a post change adds one post; this one also adds ${p.other}`,
    hint: (_: { other: string }) => 'open one change per post',
  },
  'change/needs-proposal': {
    message: (p: { hidden: string; kind: string }) => `this change ${p.hidden ? `hides ${p.hidden}` : `changes ${p.kind === 'membership' ? 'governance/members.yml' : p.kind === 'policy' ? 'the policy' : 'the rules'}`}: it needs a proposal that explains it`,
    hint: (_: { hidden: string; kind: string }) => 'add content/proposals/<slug>.md (noclout new proposal "…"); its slug names the change and its ballots',
  },
  'change/proposal-edited': {
    message: (p: { status: string }) => `a proposal already decided is not ${p.status === 'deleted' ? 'deleted' : 'edited'}`,
    hint: (_: { status: string }) => 'open a new proposal with a new slug',
  },
  'change/decision-record-added': {
    message: (_: Record<string, never>) => 'decision records are written by the bot only',
    hint: (_: Record<string, never>) => 'remove this file from the change; the bot writes the record when it decides',
  },
  'change/decision-record': {
    message: (p: { status: string; path: string }) => `a decision record is never ${p.status === 'deleted' ? 'removed' : 'edited'} by a change: records are the commons' public log`,
    hint: (p: { status: string; path: string }) => `restore it from main (git checkout main -- ${p.path}) and commit; if your files were older than main, bring them up to date first`,
  },
  'change/several-proposals': {
    message: (p: { other: string }) => `a change adds one proposal; this one also adds ${p.other}`,
    hint: (_: { other: string }) => 'open one change per proposal',
  },
  'change/foreign-ballot': {
    message: (p: { id: string; change: string }) => `this change is "${p.id}", but the ballot is for "${p.change}"`,
    hint: (p: { id: string; change: string }) => `a ballot goes in governance/ballots/${p.change}/, on the branch of the change it votes on`,
  },
  'moderation/adds-post': {
    message: (p: { path: string }) => `a moderation hides a post and publishes none, but this change also adds ${p.path}`,
    hint: (_: { path: string }) => 'remove the post from this change; publish it in a post change of its own (only an appeal, with appeals:, puts back the post its decision hid)',
  },
  'change/mixed-post': {
    message: (p: { kind: string; path: string }) => `a post is published by a change of its own (the objection window, the weekly limit, its own record), but this ${p.kind} change also adds ${p.path}`,
    hint: (_: { kind: string; path: string }) => 'remove the post from this change and open it on a branch of its own',
  },
  'moderation/unnamed-post': {
    message: (p: { post: string }) => `the change removes ${p.post}, which the proposal does not name in moderates`,
    hint: (_: { post: string }) => 'one moderation proposal hides one post',
  },
  'change/post-removed': {
    message: (p: { post: string }) => `this change removes the post ${p.post} without a moderation proposal`,
    hint: (_: { post: string }) => 'a post is hidden only by a moderation proposal (moderates: <yyyy/slug>, rule: <slug>)',
  },
  // Moderations and appeals (classify.ts, validate.ts, src/bot/change-checks.ts).
  'moderation/post-not-removed': {
    message: (p: { moderates: string }) => `the proposal moderates ${p.moderates}, but the change does not remove content/posts/${p.moderates}.md`,
    hint: (p: { moderates: string }) => `git rm content/posts/${p.moderates}.md in the same change`,
  },
  'moderation/appeal-restores': {
    message: (_: Record<string, never>) => 'an appeal restores the moderated post: add its file back in the same change',
    hint: (_: Record<string, never>) => 'git checkout <commit before the moderation> -- content/posts/<yyyy>/<slug>.md',
  },
  'moderation/appeal-restores-post': {
    message: (p: { post: string }) => `the appeal must restore content/posts/${p.post}.md, the post that decision hid`,
  },
  'proposal/appeal-fields': {
    message: (p: { extra: string; remove: string }) => `an appeal names only the decision it contests (appeals); this one also has "${p.extra}", which belongs to the decision appealed`,
    hint: (p: { extra: string; remove: string }) => `remove the ${p.remove === 'both' ? 'moderates and rule' : p.remove} line`,
  },
  'proposal/moderates-hidden': {
    message: (p: { moderates: string; decision: string }) => `moderates "${p.moderates}", which decision ${p.decision} already hid: there is no published post left to hide (received "${p.moderates}")`,
    hint: (p: { moderates: string; decision: string }) => `to contest that decision, open an appeal instead: \`appeals: ${p.decision}\``,
  },
  'moderation/appeal-target': {
    message: (p: { appeals: string; outcome: string; kind: string }) => `appeals "${p.appeals}", which is not an accepted moderation decision (it is ${p.outcome === 'accepted' ? 'an accepted' : 'a rejected'} ${p.kind} decision): only a hidden post is appealed`,
    hint: (_: { appeals: string; outcome: string; kind: string }) => 'name the decision that hid the post, as "<year>/<nnnn>-<slug>", from governance/decisions/',
  },
  // YAML the parser refuses (yaml-document.ts); `detail` is the parser's own first line, in English.
  'yaml/syntax': {
    message: (p: { detail: string; tab: string }) => `YAML syntax error: ${p.detail}`,
    hint: (p: { detail: string; tab: string }): string => (p.tab ? 'indent with spaces: YAML does not accept tabs for indentation' : 'write plain YAML `key: value` lines, and quote a value that contains ": " or starts with [, {, *, &, !, # or @, like `title: "Pas de classement : jamais"`'),
  },
  'ballot/not-voters-words': {
    message: (p: { handle: string; path: string }) => `this text in ${p.handle}'s ballot file was not written by a commit ${p.handle} signed: merged, it would put words on main in ${p.handle}'s name that they never signed`,
    hint: (p: { handle: string; path: string }) => `delete it (git rm ${p.path}), or put back ${p.handle}'s own signed version, in a commit touching only ballot files (it makes no ballot stale); then push again`,
  },
  // A path outside the commons' layout (validate.ts, a commons; classify.ts, a change).
  'path/not-allowed': {
    message: (p: { ext: string; like: string; yearFolder: string; layout: string }) => `this file is not accepted: ${notAllowed(p)}`,
    hint: (p: { ext: string; like: string; yearFolder: string; layout: string }) => `commons files live at ${p.layout}`,
  },
  'path/not-allowed-change': {
    message: (p: { ext: string; like: string; yearFolder: string }) => `this file is not accepted: ${notAllowed(p)}`,
    hint: (_: { ext: string; like: string; yearFolder: string }) => 'commons files are Markdown posts, proposals and rules, and the governance YAML files',
  },
  // Git objects the bot refuses (src/repo/tree-object.ts, objects.ts, tree.ts; src/bot/unreadable.ts, change-files.ts):
  // what was found; "expected" what git or NoClout expects; git fsck's name for the fault (`fsck`, or '').
  'tree/malformed': {
    message: (p: { at: number; fsck: string }) => `the tree cannot be parsed after byte ${p.at}; expected entries "<mode> <name>\\0<20-byte id>"${fsckSays(p.fsck)}`,
    hint: (_: { at: number; fsck: string }) => TREE_HINT,
  },
  'tree/duplicate-entry': {
    message: (p: { name: string; firstType: string; first: string; secondType: string; second: string; fsck: string }) => `${json(p.name)} is listed twice in one folder, as ${p.firstType} ${p.first} and as ${p.secondType} ${p.second}; expected each name once per folder: readers would disagree on which entry is the file${fsckSays(p.fsck)}`,
    hint: (_: { name: string; firstType: string; first: string; secondType: string; second: string; fsck: string }) => TREE_HINT,
  },
  'tree/unsorted': {
    message: (p: { name: string; previous: string; fsck: string }) => `${json(p.name)} comes after ${json(p.previous)}; expected entries in git's order (by bytes, a folder as if its name ended with "/"), as every git command writes them${fsckSays(p.fsck)}`,
    hint: (_: { name: string; previous: string; fsck: string }) => TREE_HINT,
  },
  'tree/bad-mode': {
    message: (p: { name: string; mode: string; fsck: string }) => `${json(p.name)} has the file mode ${json(p.mode)}; expected one of 100644 (file), 100755 (executable), 120000 (symbolic link), 40000 (folder), 160000 (submodule)${fsckSays(p.fsck)}`,
    hint: (_: { name: string; mode: string; fsck: string }) => TREE_HINT,
  },
  'tree/null-oid': {
    message: (p: { name: string; fsck: string }) => `${json(p.name)} points to the null object id; expected the id of a real object${fsckSays(p.fsck)}`,
    hint: (_: { name: string; fsck: string }) => TREE_HINT,
  },
  'tree/bad-name': {
    message: (p: { name: string; fault: TreeNameFault; fsck: string }) => {
      const [found, expected] = TREE_NAME_FAULTS[p.fault](json(p.name));
      return `${found}; expected ${expected}${fsckSays(p.fsck)}`;
    },
    hint: (_: { name: string; fault: TreeNameFault; fsck: string }) => TREE_HINT,
  },
  'object/corrupt': {
    message: (p: ObjectDamage) => `${p.kind} ${p.oid} is damaged: ${DAMAGES[p.damage](p)}; expected an object git can read (\`git fsck\` names damaged objects)${fsckSays(p.fsck)}`,
    hint: (_: ObjectDamage) => 'run git fsck in the repository the bot reads; fetch the branch again from a copy that has it whole',
  },
  'object/commit-without-tree': {
    message: (p: { oid: string; fsck: string }) => `commit ${p.oid} does not start with a "tree" line; expected a commit as git writes it${fsckSays(p.fsck)}`,
    hint: (_: { oid: string; fsck: string }) => 'run git fsck in the repository the bot reads; fetch the branch again from a copy that has it whole',
  },
  'object/wrong-type': {
    message: (p: { oid: string; type: string; kind: string; fsck: string }) => `${p.oid} is a ${p.type}; expected a ${p.kind}, as the tree or commit that names it says${fsckSays(p.fsck)}`,
    hint: (_: { oid: string; type: string; kind: string; fsck: string }) => 'rebuild the branch with ordinary git commands (git add, git commit) and push again; git fsck shows the fault',
  },
  'object/too-large': {
    message: (p: ObjectSize) => {
      const what = p.kind === 'blob' ? 'file' : p.kind;
      const found = p.base === '' ? `the ${what} is ${p.size} bytes (from its git header; it was not read)` : `the ${what} is stored in its pack as a delta of an object of ${p.base} bytes (it was not read)`;
      const reason = p.kind === 'blob' ? `no file of a commons needs more (the largest posts.maxBytes a policy can set is ${p.max})` : `no ${p.kind} of a commons needs more`;
      return `${found}; expected at most ${p.limit} bytes: ${reason}${fsckSays(p.fsck)}`;
    },
    hint: (p: ObjectSize): string => (p.kind === 'blob' ? FILE_TOO_LARGE_HINT : "rewrite the branch without it (a commit message of a few lines, folders of a commons' size: git commit --amend or git rebase -i), and push again"),
  },
  'file/change-too-large': {
    message: (p: { files: number; total: number; size: number; max: number; fsck: string }) => `the change's ${count(p.files, 'file')} come to ${p.total} bytes in all (this one is ${p.size}; none was read); expected at most ${p.max} bytes in all: split the change${fsckSays(p.fsck)}`,
    hint: (_: { files: number; total: number; size: number; max: number; fsck: string }) => FILE_TOO_LARGE_HINT,
  },
  // Ballots a rewrite of the branch lost or re-signed, unsigned merges (src/ballots/kept-ballots.ts, commit-ballots.ts).
  'change/ballot-dropped': {
    message: (p: { voter: string; commit: string; seen: string; target: string; present: string }) => `${p.voter}'s ballot, commit ${p.commit} (first seen ${p.seen === '' ? 'earlier' : p.seen}), is no longer on the change: a force-push or rebase dropped it, and nobody drops another member's vote`,
    hint: (p: { voter: string; commit: string; seen: string; target: string; present: string }) => `put the branch back on the ballots and add your newer commits again: git reset --hard ${p.target}, then git cherry-pick <your newer commits>, and push (a rebase rewrites ballot commits and breaks their signatures)${p.present ? '' : '; the commit is no longer in this repository: push it from a clone that has it'}; or ${p.voter} casts a new ballot on the branch`,
  },
  'change/ballot-rewritten': {
    message: (p: { voter: string; commit: string; committer: string; author: string; signer: string }) => `${p.voter}'s ballot, commit ${p.commit} (committed by ${p.committer} for ${p.author}), was rewritten by a rebase or cherry-pick and now carries ${p.signer ? `${p.signer}'s signature` : 'no signature'}: a ballot counts only with its voter's own signature, and nobody drops another member's vote`,
    hint: (p: { voter: string; commit: string; committer: string; author: string; signer: string }) => `in the clone that rebased, put the branch back as it was (git reset --hard ORIG_HEAD, or find it with git reflog), join the branch with git pull --no-rebase instead, and push; noclout vote never rebases. Or ${p.voter} votes again: noclout vote <change> yes|no|abstain`,
  },
  'change/unclean-merge': {
    message: (p: { commit: string; fault: UncleanMerge; path: string }) => `commit ${p.commit} is an unsigned merge that is not clean: ${UNCLEAN[p.fault](p.path)}; an unsigned merge may only join its parents`,
    hint: (_: { commit: string; fault: UncleanMerge; path: string }) => 'redo the merge without editing anything (git merge, or noclout vote, which merges ballots cleanly), or let the submitter sign the merge as their own edit: git commit -S',
  },
  // Merging an accepted change (src/bot/merge.ts); `base` is the base branch, `side` whose text a roster merge refused.
  'merge/conflict': {
    message: (p: Conflict) => `${p.path} was changed on ${p.base} and in this change${p.fault ? ` (${CONFLICTS[p.fault](p)})` : ''}`,
    hint: (p: Conflict) => `rebase the change on ${p.base} (git fetch; git rebase origin/${p.base}), keep one version of ${p.path}, sign and push again`,
  },
  // What the bot checks with the change's evidence (src/bot/change-checks.ts, judge.ts).
  'ballot/not-on-roster': {
    message: (p: { voter: string; path: string }) => `"${p.voter}" is not a member: a ballot file in a name that is not on the roster would make main fail noclout check`,
    hint: (p: { voter: string; path: string }) => `delete it (git rm ${p.path}; a commit touching only ballot files makes no ballot stale), then push again`,
  },
  'change/unsigned': {
    message: (p: { author: string } & Unattributed & Governed) => `the change cannot be attributed to a member: ${unattributed(p)}${governed(p)}`,
    hint: (p: { author: string } & Unattributed & Governed) => `sign every commit with ${p.author}'s key: git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519 commit -S`,
  },
  'change/name-taken': {
    message: (p: NameTaken) => `another change already goes by the name "${p.change}" (${taken(p)}): its opening, ballots and record are filed under that name`,
    hint: (p: NameTaken) => `give your ${p.file} another file name (its slug), like ${p.like}, and push again`,
  },
  'change/no-frozen-policy': {
    message: (p: { policy: string }) => `the policy or roster at ${p.policy} (frozen when the change was opened) cannot be read`,
    hint: (_: { policy: string }) => "fix main's governance files first: `noclout check`",
  },
  'moderation/appeal-base-missing': {
    message: (p: { base: string }) => `the text that decision hid cannot be found at ${p.base} (the base it was judged against), so the restored text cannot be checked`,
    hint: (_: { base: string }) => 'run noclout audit: the decision record may name the wrong base',
  },
  'moderation/appeal-altered': {
    message: (p: { blob: string; base: string; commit: string; path: string }) => `an appeal restores exactly the text the moderation hid (blob ${p.blob}, at ${p.base}); this file differs`,
    hint: (p: { blob: string; base: string; commit: string; path: string }) => `restore it as it was: git show ${p.commit}:${p.path} > ${p.path}; a new text is a new post by its author`,
  },
  // A change's authorship (src/bot/change-checks.ts), with what it was checked against (src/bot/judge.ts).
  'change/author-not-member': {
    message: (p: { author: string } & Governed) => `author "${p.author}" is not in the ${p.governed === 'checked' ? 'roster' : 'roster frozen when the change was opened'}${governed(p)}`,
    hint: (_: { author: string } & Governed) => 'joining is a membership change, decided first',
  },
  'moderation/unknown-rule': {
    message: (p: { rule: string } & Governed) => `rule "${p.rule}" did not exist when the change was opened${governed(p)}`,
    hint: (_: { rule: string } & Governed) => 'cite a rule of governance/rules/ by its slug',
  },
  'change/forged-author': {
    message: (p: { author: string; submitter: string } & Governed) => `the file says author "${p.author}", but the change was submitted (signed) by "${p.submitter}"${governed(p)}`,
    hint: (p: { author: string; submitter: string } & Governed) => `write author: ${p.submitter}, or let ${p.author} submit it`,
  },
  // Files, records and prose markers (validate.ts, prose-languages.ts, schema/common.ts, src/bot/audit.ts, change-files.ts, record-of.ts).
  'text/control-character': {
    message: (p: { char: string }) => `the text has an invisible control character, ${p.char}: a page shows it as a box, or reorders the text around it`,
    hint: (_: { char: string }) => 'delete it (an editor that shows invisible characters helps)',
  },
  'schema/control-character': {
    message: (p: { where: string; char: string; at: number; received: string }) => `${at(p.where)}the text has an invisible control character, ${p.char} at character ${p.at}: pages would hide it and feeds would break on it (received ${p.received})`,
    hint: (_: { where: string; char: string; at: number; received: string }) => 'delete it: retype the text around it, or remove the escape ("\\a", "\\x07"…) that wrote it',
  },
  'schema/line-break': {
    message: (p: { where: string; char: string; at: number; received: string }) => `${at(p.where)}this text is one line, but it has a line break (${p.char}) at character ${p.at} (received ${p.received})`,
    hint: (_: { where: string; char: string; at: number; received: string }) => 'write it on one line: in YAML, a quoted string without "\\n" and without a line break inside the quotes',
  },
  'audit/number-skipped': {
    message: (p: { year: string; number: string }) => `the records of ${p.year} skip number ${p.number}: a decision record was removed from main`,
  },
  'audit/no-record': {
    message: (p: { change: string; head: string }) => `change "${p.change}" is on main (its head ${p.head} is there), but main has no decision record for it: it was merged by hand, or its record was removed`,
  },
  'change/duplicate-slug': {
    message: (p: { slug: string; others: string }) => `the slug "${p.slug}" is also used by ${p.others}`,
    hint: (_: { slug: string; others: string }) => 'choose another file name: ballots and decisions name a change by its slug alone',
  },
  'change/duplicate-slug-head': {
    message: (p: { slug: string; others: string }) => `the slug "${p.slug}" is already used by ${p.others}`,
    hint: (_: { slug: string; others: string }) => 'choose another file name: ballots and decisions name a change by its slug alone',
  },
  'commons/missing-file': {
    message: (p: { file: string }) => `${p.file} is missing: every commons has one`,
    hint: (_: { file: string }) => 'see docs/formats/ for its format, or copy the one at the root of the NoClout repository',
  },
  'decision/edited-by-hand': {
    message: (p: { written: string; computed: string }) => `this decision record does not match its digest (written ${p.written}, its text hashes to ${p.computed}…): records are written by the bot only`,
    hint: (_: { written: string; computed: string }) => 'restore the record from git history; a correction is a new change, decided and recorded',
  },
  'decision/file-name': {
    message: (p: { change: string }) => `the file name does not end with the change "${p.change}"`,
  },
  'file/placeholder-not-empty': {
    message: (p: { size: number; layout: string }) => `a .gitkeep placeholder is empty: it only keeps a folder in git; this one holds ${p.size} bytes`,
    hint: (p: { size: number; layout: string }) => `empty it, or write the text as a post or proposal: commons files live at ${p.layout}`,
  },
  // Language markers in a rule's or the policy's prose; `lang` is a language code, `languages` the commons' list.
  'prose/translation-own-language': {
    message: (p: { lang: string }) => `translations.${p.lang}: "${p.lang}" is the rule's own language (lang)`,
    hint: (_: { lang: string }) => 'translations hold the other languages only',
  },
  'prose/translation-not-commons': {
    message: (p: { lang: string; languages: string }) => `translations.${p.lang}: "${p.lang}" is not one of this commons' languages (${p.languages})`,
  },
  'prose/marker-malformed': {
    message: (p: { line: string }) => `this line looks like a language marker but is not one: ${JSON.stringify(p.line)}`,
    hint: (_: { line: string }) => 'write it alone on its line, like <!-- lang: en -->',
  },
  'prose/marker-own-language': {
    message: (p: { lang: string }) => `the text before the first marker is already in "${p.lang}" (the file's lang)`,
    hint: (_: { lang: string }) => 'mark only the other languages; the file starts in its own',
  },
  'prose/marker-repeated': {
    message: (p: { lang: string }) => `a second text in "${p.lang}"`,
    hint: (_: { lang: string }) => 'each language once: merge the two texts',
  },
  'prose/marker-not-commons': {
    message: (p: { lang: string; languages: string }) => `"${p.lang}" is not one of this commons' languages (${p.languages})`,
    hint: (_: { lang: string; languages: string }) => 'write in one of the languages of governance/commons.yml',
  },
  'prose/marker-empty': {
    message: (p: { lang: string }) => `the text in "${p.lang}" is empty`,
    hint: (_: { lang: string }) => 'write the translation after its marker, or remove the marker',
  },
  // The final guard before a record is written (record-of.ts): what the structure check found (StructureFault).
  'record/structure': {
    message: (p: StructureFault) => `the record the bot would write fails: ${structureText(p)}`,
    hint: (_: StructureFault) => "nothing was written; report this to the commons' maintainers with the change's name",
  },
  // --- Issue 12, the last English (lang-sweep): tags, missing objects, audit findings, schema words. ---
  // A tag's refinements (schema/common.ts): `odd` lists the compatibility characters (or '' for a
  // separate accent, listed in `accents`), `plain` the tag NFKC makes of it; `scripts` is scriptsParam's JSON.
  'schema/tag-not-normalized': {
    message: (p: { where: string; received: string; plain: string; odd: string; forms: number; accents: string }) => `${at(p.where)}${tagNfkcWords(p)} (received ${p.received})`,
    hint: (p: { where: string; received: string; plain: string; odd: string; forms: number; accents: string }) => `write it "${p.plain}"`,
  },
  'schema/tag-mixed-scripts': {
    message: (p: { where: string; received: string; scripts: string }) => `${at(p.where)}${tagScriptsWords(p)} (received ${p.received})`,
    hint: (_: { where: string; received: string; scripts: string }) =>
      'retype the tag with one keyboard layout, every letter from one script (digits and hyphens go with any); Japanese kanji with kana, or Korean hangul with hanja, count as one',
  },
  // A git object the bot needs is not here (src/repo/missing.ts): for a change, or for a record audit replays.
  'change/missing-object': {
    message: (p: MissingObject) => `${missingText(p)}: ${missingWhy(p)}`,
    hint: (p: MissingObject) => missingFix(p),
  },
  'audit/missing-object': {
    message: (p: MissingObject & AuditMissing) => auditMissingText(p),
  },
  // A date as people write it (schema/common.ts, dateMistake): `fault` and the date meant (`write`, or both readings).
  'schema/date': {
    message: (p: DateMistake & { where: string; received: string }) => `${at(p.where)}${dateWords(p)} (received ${p.received})`,
    hint: (p: DateMistake & { where: string; received: string }) => dateHint(p),
  },
  // The words a schema says about a value (schema/common.ts and the schemas, SCHEMA_WORDS), with where and what was received.
  'schema/words': {
    message: (p: SchemaWordsParams & { where: string; received: string }) => `${at(p.where)}${SCHEMA_WORDS_EN[p.words](p)} (received ${p.received})`,
    hint: (p: SchemaWordsParams & { where: string; received: string }) => (p.misspelt ? `"${p.misspelt}": did you mean "${p.suggestion}"?` : undefined),
  },
  // zod's own checks of sizes and numbers, in plain words (schema-problems.ts).
  'schema/size': {
    message: (p: SchemaSize & { where: string; received: string }) => `${at(p.where)}${sizeWords(p)} (received ${p.received})`,
  },
  // What audit finds in a record (src/bot/audit.ts): `fault` picks the sentence, the rest are the values it names.
  'audit/finding': {
    message: (p: AuditFault) => AUDIT_FINDINGS[p.fault](p),
  },
  // Sealed ballots (issue 13; docs/voting.md, Sealed ballots): the policy's beacon, and a sealed ballot file's structure.
  'policy/sealed-no-beacon': {
    message: (p: { key: string }) => `voting.${p.key} seals its ballots, but the policy names no beacon to lock them to`,
    hint: (_: { key: string }) => 'add a top-level `beacon:` block (url, chainHash, publicKey, genesis, period, scheme), like drand\'s quicknet in docs/voting.md, or write `ballots: public`',
  },
  'policy/sealed-close-early': {
    message: (p: { key: string }) => `voting.${p.key} seals its ballots and closes early: nobody can know early that a sealed vote is settled, since no ballot can be read before the close`,
    hint: (_: { key: string }) => 'write `closeEarly: false` for a sealed vote, or `ballots: public`',
  },
  'policy/beacon-known': {
    message: (p: { name: string; field: string; expected: string }) => `the beacon is ${p.name} by its chain hash or public key, but its ${p.field} is not ${p.name}'s (${p.expected}…): ballots would be sealed to a key someone else may hold, or to rounds already published, readable at once`,
    hint: (_: { name: string; field: string; expected: string }) => 'copy the whole `beacon:` block of docs/voting.md, or name another beacon by all of its own numbers',
  },
  'ballot/sealed-structure': {
    message: (p: { issue: string; received: string }) => `this sealed ballot is not a time-locked ballot: ${sealedIssue(p.issue)}${p.received ? ` (received ${p.received})` : ''}`,
    hint: (_: { issue: string; received: string }) => 'seal the ballot again with `noclout vote <change> yes|no|abstain --sealed`, which writes `sealed: |` followed by the armored text as it is',
  },
  'ballot/sealed-chain': {
    message: (p: { chainHash: string; expected: string }) => `this ballot is sealed to the beacon chain ${p.chainHash}, not to the policy's beacon (${p.expected || 'none'}): it could never be opened at the close`,
    hint: (_: { chainHash: string; expected: string }) => 'seal it again with `noclout vote <change> yes|no|abstain --sealed`, which reads the beacon from the policy',
  },
};

export type ProblemCatalogue = typeof problemsEn;
export type ProblemCode = keyof ProblemCatalogue;
export type ProblemParams<C extends ProblemCode> = Parameters<ProblemCatalogue[C]['message']>[0];

/** A sealed ballot's structure issue (src/commons/sealed-text.ts), in words. */
export function sealedIssue(code: string): string {
  return (
    {
      'sealed-too-large': 'it is longer than a sealed ballot can be',
      'sealed-not-armored': 'the text must begin with -----BEGIN AGE ENCRYPTED FILE----- and end with -----END AGE ENCRYPTED FILE-----',
      'sealed-armor-line': 'a line of the armored text is not 64 base64 characters (the last one shorter)',
      'sealed-not-age': 'the armored text is not an age file',
      'sealed-stanza-count': 'an age file sealed to a beacon has exactly one recipient stanza',
      'sealed-not-tlock': 'its stanza is not a tlock stanza',
      'sealed-stanza-args': 'its tlock stanza does not name a round and a chain hash',
      'sealed-stanza-body': 'its tlock stanza does not hold a key of the right size',
      'sealed-no-payload': 'the encrypted ballot after the header is missing',
    } as Record<string, string>
  )[code] ?? code;
}

// --- Issue 12, the last English (lang-sweep): the parts of the codes above, in English. ---

/** A tag that NFKC changes (schema/common.ts): its compatibility characters, or a separate accent. */
export function tagNfkcWords(p: { plain: string; odd: string; forms: number; accents: string }): string {
  const what = p.odd ? `${p.odd}, ${plural(p.forms, { one: 'a compatibility form', other: 'compatibility forms' })}` : `a letter followed by a separate accent (${p.accents})`;
  return `a tag is written in plain letters (Unicode NFKC), but this one has ${what}: it looks like "${p.plain}" and is another tag`;
}

/** A tag mixing scripts (schema/common.ts). */
export function tagScriptsWords(p: { scripts: string }): string {
  return `a tag is written in one script, but this one mixes ${describeScripts(scriptsOf(p.scripts))}: it looks like another tag and is not`;
}

/** A tag's letters by script (script.ts), as a problem parameter: parameters are strings, so the groups travel as JSON. */
export function scriptsParam(groups: readonly ScriptLetters[]): string {
  return JSON.stringify(groups.map((g) => ({ script: g.script, letters: g.letters })));
}

/** scriptsParam's groups back; [] for anything else (a parameter is data: it never throws). */
export function scriptsOf(param: string): ScriptLetters[] {
  try {
    const groups: unknown = JSON.parse(param);
    return Array.isArray(groups) ? groups.filter((g): g is ScriptLetters => typeof g?.script === 'string' && Array.isArray(g.letters) && g.letters.every((l: unknown) => typeof l === 'string')) : [];
  } catch {
    return [];
  }
}

/**
 * What the bot was doing when an object turned out missing (src/repo/missing.ts), innermost first:
 * reading an object through another (`read`), walking a commit's parents, a pack's delta base, a
 * ref's commit, telling whether a head is a change first seen, reading the ledger, counting posts.
 */
export type MissingStep =
  | { step: 'read'; kind: string; oid: string }
  | { step: 'parent'; commit: string }
  | { step: 'delta-base' }
  | { step: 'ref'; ref: string }
  | { step: 'same-change'; head: string; change: string }
  | { step: 'ledger-entry'; change: string }
  | { step: 'count-posts'; since: string };

export const MISSING_STEPS_EN: { [S in MissingStep['step']]: (s: Extract<MissingStep, { step: S }>) => string } = {
  read: (s) => `needed to read ${s.kind} ${s.oid}`,
  parent: (s) => `parent of commit ${s.commit}`,
  'delta-base': () => 'its delta base is missing',
  ref: (s) => `the commit ${s.ref} points to`,
  'same-change': (s) => `needed to tell whether ${s.head} is the change first seen as "${s.change}"`,
  'ledger-entry': (s) => `needed to read refs/noclout/ledger:openings/${s.change}.yml`,
  'count-posts': (s) => `needed to count the posts published since ${s.since} (posts.maxPerAuthorPerWeek)`,
};

/** The steps as a parameter (JSON, like scriptsParam), and back; an unreadable one reads as no step. */
export function stepsOf(param: string): MissingStep[] {
  try {
    const steps: unknown = JSON.parse(param);
    return Array.isArray(steps) ? steps.filter((s): s is MissingStep => typeof s?.step === 'string' && Object.hasOwn(MISSING_STEPS_EN, s.step)) : [];
  } catch {
    return [];
  }
}

/**
 * A missing object as problem parameters (src/repo/missing.ts, MissingObjectError.params): its kind
 * and id, the path it was read for (`at` says whether there is one: a path can be '' for the root),
 * the steps (JSON), the repository, and whether it is a shallow clone.
 */
export interface MissingObject {
  kind: string;
  oid: string;
  at: '' | 'path';
  path: string;
  steps: string;
  gitdir: string;
  shallow: '' | 'yes';
}

/** `blob 1a2b… (the file x.md), parent of commit …, is not in /repo/.git`: MissingObjectError's message. */
export function missingText(p: MissingObject): string {
  const what = p.kind === 'object' ? 'git object' : p.kind;
  const where = p.at ? ` (${p.kind === 'blob' ? 'the file' : 'the folder'} ${p.path || '/'})` : '';
  const steps = stepsOf(p.steps).map((s) => (MISSING_STEPS_EN[s.step] as (s: MissingStep) => string)(s));
  return `${what} ${p.oid}${where}${steps.length ? `, ${steps.join(', ')},` : ''} is not in ${p.gitdir}`;
}

/** Why an object goes missing, the likeliest first for this repository. */
export function missingWhy(p: MissingObject): string {
  const causes = ['it was pruned by `git gc` (its branch was deleted or force-pushed, so no ref reached it)', 'the repository is a shallow clone', 'its history was never fetched (a copy made without history, or a ref not fetched)'];
  if (p.shallow) causes.unshift(causes.splice(1, 1)[0]!);
  return `it can be missing because ${causes.join(', or ')}`;
}

export function missingFix(p: MissingObject): string {
  const fetch = p.shallow ? 'git fetch --unshallow (this clone is shallow), ' : '';
  return `${fetch}fetch it from a repository that has it: git fetch origin ${p.oid} (or git fetch origin '+refs/heads/*:refs/heads/*' refs/noclout/ledger:refs/noclout/ledger); keep the branches of decided changes so their commits are not pruned`;
}

/** Which object of a record audit could not read (`role`), with the change or commit it names. */
export interface AuditMissing {
  role: 'record-file' | 'head' | 'base' | 'merge' | 'policy' | 'roster' | 'replay' | 'ledger-entry' | 'first-head' | 'ledger';
  change: string;
  commit: string;
}

export const AUDIT_ROLES_EN: Record<Exclude<AuditMissing['role'], 'ledger'>, (p: AuditMissing) => string> = {
  'record-file': () => 'the record file itself',
  head: () => 'the head commit the record names',
  base: () => 'the base commit the record names',
  merge: () => 'the merge commit the record names',
  policy: () => 'the policy commit frozen at the opening',
  roster: () => 'the roster commit frozen at the opening',
  replay: () => 'an object the replay needs',
  'ledger-entry': (p) => `the ledger entry of "${p.change}"`,
  'first-head': (p) => `its first head ${p.commit}`,
};

function auditMissingText(p: MissingObject & AuditMissing): string {
  const missing = `${missingText(p)}; ${missingWhy(p)}. To audit it, ${missingFix(p)}`;
  if (p.role === 'ledger') return `cannot check that every change the ledger opened and main contains has a record: the ledger, ${missing}`;
  const verify = `cannot verify this record: ${AUDIT_ROLES_EN[p.role](p)}, ${missing}`;
  return p.role === 'first-head' ? `cannot tell whether change "${p.change}" is on main without a record: ${verify}` : verify;
}

/**
 * What is wrong with a written date (schema/common.ts, dateMistake): `not-real` (2026-02-30), or
 * `form` (not YYYY-MM-DD), with the date it most likely means: `write`, or when the day and the
 * month could be either, `dayFirst` and `monthFirst` with `first`, the number that is one or the other.
 */
export interface DateMistake {
  /** `placeholder`: the template's YYYY-MM-DD left as it was (template.ts, DATE_PLACEHOLDER). */
  fault: 'not-real' | 'form' | 'placeholder';
  /** `ymd`: written year first with other separators; `one`: one reading of a day-month date fits; `both`: two do. */
  meant: '' | 'ymd' | 'one' | 'both';
  write: string;
  dayFirst: string;
  monthFirst: string;
  first: string;
}

export function dateWords(p: Pick<DateMistake, 'fault'>): string {
  if (p.fault === 'placeholder') return "the template's date was not filled in";
  return p.fault === 'not-real' ? 'not a real calendar date' : 'a date is written YYYY-MM-DD, like 2026-11-24';
}

export function dateHint(p: DateMistake): string | undefined {
  if (p.fault === 'placeholder') return 'write the day you write it, year-month-day, like 2026-11-24';
  if (p.meant === 'ymd') return `write ${p.write}`;
  if (p.meant === 'one') return `write year-month-day: ${p.write}`;
  if (p.meant === 'both') return `write year-month-day: ${p.dayFirst} if ${p.first} is the day, ${p.monthFirst} if ${p.first} is the month`;
  return undefined;
}

/** The nouns of a one-line text's size limit (schema/common.ts, plainText). */
export type TextNoun = 'a voter' | 'a title' | 'the name' | 'the description' | 'a name' | 'a summary';

/**
 * The words schemas write about a value, by key (`words`), with the values some of them name:
 * `what` a TextNoun, `max` a number, `value` what was written (a language, a handle…), `list` the
 * allowed ones, `index` and `other` the entries of a list they compare, `field` a key.
 * `misspelt` and `suggestion`: a key of a union that was probably meant (the hint).
 */
export interface SchemaWordsParams {
  words: SchemaWords;
  what: TextNoun | '';
  max: number | '';
  value: string;
  list: string;
  index: number | '';
  other: string;
  field: string;
  misspelt: string;
  suggestion: string;
}

/** Schema words parameters that say nothing, to fill in the ones a message sets. */
export const NO_WORDS: Omit<SchemaWordsParams, 'words'> = { what: '', max: '', value: '', list: '', index: '', other: '', field: '', misspelt: '', suggestion: '' };

export const SCHEMA_WORDS_EN = {
  handle: () => 'a handle is 1–32 lowercase ASCII letters, digits or inner hyphens, like "amina" or "jean-luc"',
  slug: () => 'a slug is lowercase ASCII words joined by hyphens, like "egalite-des-voix"',
  instant: () => 'an instant is written in UTC, like 2026-11-24T10:00:00Z',
  language: () => 'a language is a two- or three-letter code, like "fr" or "en"',
  'too-long': (p: SchemaWordsParams) => `${p.what} is at most ${p.max} characters`,
  'title-empty': () => 'the title is empty',
  tag: () => 'a tag is lowercase words joined by hyphens, like "gouvernance"',
  'commit-id': () => 'a commit id is 40 hexadecimal characters',
  'post-id': () => 'a post is named "<year>/<slug>", like "2026/egalite-des-voix"',
  'appeal-id': () => 'an appeal names a decision as "<year>/<nnnn>-<slug>"',
  'too-many-tags': () => 'at most 10 tags',
  'branch-characters': () => 'branch may hold only letters, digits, ".", "_", "/" and "-", like "main" or "commons/main"',
  // `value` is the name refused, `other` git's reason (src/commons/ref-name.ts).
  'branch-refused': (p: SchemaWordsParams) => `branch must be a name git accepts for a branch, like "main"; ${p.value} is refused: ${p.other}`,
  'name-or-names': () => 'the name is a text, or one text per language like { fr: "…", en: "…" }',
  'description-or-descriptions': () => 'the description is a text, or one text per language like { fr: "…", en: "…" }',
  url: () => 'Invalid URL',
  'default-language': () => 'defaultLanguage must be one of languages',
  'not-a-language': (p: SchemaWordsParams) => `"${p.value}" is not one of languages (${p.list})`,
  'default-text-required': (p: SchemaWordsParams) => `the ${p.field} in the default language (${p.value}) is required`,
  'github-login': () => 'a GitHub login, like "octocat"',
  'no-key': () => 'a member needs at least one SSH public key to sign posts and ballots',
  'no-member': () => 'a commons has at least one member: votes are counted among them',
  'left-before-joined': (p: SchemaWordsParams) => `left ${p.value}, before joining on ${p.other}`,
  'handle-taken': (p: SchemaWordsParams) => `handle "${p.value}" is already used at ${p.index}.handle; handles are unique`,
  'github-id-taken': (p: SchemaWordsParams) => `GitHub id ${p.value} is already used at ${p.index}.github.id; each GitHub account is one member`,
  'key-taken': (p: SchemaWordsParams) => `this key is already listed for ${p.value} (entry ${p.index}); each key belongs to one member`,
  // An SSH key line (src/commons/ssh-key.ts): `value` is the key type written, `other` what else it is (private, other).
  'key-not-ed25519': (p: SchemaWordsParams) =>
    `expected an "ssh-ed25519 AAAA…" public key line, found ${p.other === 'type' ? `a ${JSON.stringify(p.value)} key` : p.other === 'private' ? 'a private key: never publish it' : 'something else'}; only ed25519 keys can sign here (ssh-keygen -t ed25519)`,
  'key-not-base64': () => 'the key data after "ssh-ed25519" is not base64',
  'key-invalid': () => 'the key data is not a valid ed25519 public key',
  // A fraction of the policy (schema/policy.ts, fractionProblem).
  'fraction-form': () => 'a fraction is written as a quoted string "p/q", like "1/3"',
  'fraction-zeros': () => 'write whole numbers without leading zeros, like "1/3"',
  'fraction-digits': () => 'a fraction has at most nine digits above and below the line',
  'fraction-denominator': () => 'the denominator (after the /) must be at least 1',
  'fraction-range': () => 'a fraction must be between "0/1" and "1/1": the number before the / cannot exceed the one after',
  threshold: () => 'a threshold is exactly one of { moreThan: "p/q" } or { atLeast: "p/q" }',
  // zod's own words for a value that fits none of a union's shapes, or a check it names no better.
  invalid: () => 'Invalid input',
  'invalid-key': () => 'Invalid key in record',
} satisfies Record<string, (p: SchemaWordsParams) => string>;

export type SchemaWords = keyof typeof SCHEMA_WORDS_EN;

/** The English of schema words, for the schemas' own messages (zod keeps them for other readers of the schema). */
export function schemaWordsEn(words: SchemaWords, params: Partial<Omit<SchemaWordsParams, 'words'>> = {}): string {
  return SCHEMA_WORDS_EN[words]({ ...NO_WORDS, ...params, words });
}

/** A size or number out of bounds (zod's too_small and too_big): `of` says what is counted. */
export interface SchemaSize {
  bound: 'min' | 'max';
  of: 'characters' | 'items' | 'number';
  limit: number;
  inclusive: '' | 'yes';
}

function sizeWords(p: SchemaSize): string {
  if (p.of !== 'number') return `expected ${p.bound === 'min' ? 'at least' : 'at most'} ${p.limit} ${p.of}`;
  return `expected a number ${p.bound === 'min' ? (p.inclusive ? 'of at least' : 'above') : p.inclusive ? 'of at most' : 'below'} ${p.limit}`;
}

/**
 * What audit finds (src/bot/audit.ts), by `fault`: the values are what the record says (`said`)
 * and what the replay or the evidence gives (`found`), shown as JSON where they are data; `field`
 * names the field, `at` an index or a line, `change`, `commit`, `detail` the rest.
 */
export interface AuditFault {
  fault: AuditFaultKind;
  field: string;
  at: number | '';
  said: string;
  found: string;
  change: string;
  commit: string;
  detail: string;
  /** The replay's first reason as its code (JSON of a BotText), when it has one: `detail` is its English. */
  reason: string;
}

export const NO_AUDIT_FAULT: Omit<AuditFault, 'fault'> = { field: '', at: '', said: '', found: '', change: '', commit: '', detail: '', reason: '' };

/** A value audit shows as JSON, or '' for none. */
const none = (v: string) => (v === '' ? '(none)' : v);
const endOfFile = (v: string) => (v === '' ? '"(end of file)"' : v);

/** A tally as audit compares it: JSON [yes, no, abstain, eligible, quorumMet, thresholdMet], or '' for none. */
export function tallyOf(param: string): [number, number, number, number, boolean, boolean] | undefined {
  try {
    const t: unknown = JSON.parse(param);
    return Array.isArray(t) && t.length === 6 ? (t as [number, number, number, number, boolean, boolean]) : undefined;
  } catch {
    return undefined;
  }
}

const tallyEn = (v: string) => {
  const t = tallyOf(v);
  return t ? `${t[0]}/${t[1]}/${t[2]} of ${t[3]}, quorum ${t[4]}, threshold ${t[5]}` : 'none';
};

export const AUDIT_FINDINGS_EN = {
  'edited-by-hand': () => 'the record does not match its digest: it was edited after the bot wrote it',
  unreadable: () => 'the record cannot be read as a decision record',
  'closed-before-opened': (p: AuditFault) => `closed ${p.said} is before opened ${p.found}`,
  'clock-backwards': (p: AuditFault) => `closed ${p.said}, before the previous record (${p.found}): the clock moved backwards`,
  'cannot-replay': (p: AuditFault) => `cannot replay: ${p.detail}`,
  body: (p: AuditFault) => `the body does not say what the front matter says, from body line ${p.at}: it reads ${endOfFile(p.said)}; rendered from the front matter it is ${endOfFile(p.found)}`,
  // A ballot's field at index `at`, whose voter is `detail`; `commit` the ballot's commit, when it has one.
  'ballot-comment': (p: AuditFault) => `ballots[${p.at}] (${p.detail}).comment is ${none(p.said)}; ${p.commit ? `the ballot at commit ${p.commit}` : 'the ballot'} says ${none(p.found)}`,
  'ballot-reason': (p: AuditFault) => `ballots[${p.at}] (${p.detail}).reason is ${none(p.said)}; the replay gives ${none(p.found)}`,
  'ballot-rule': (p: AuditFault) => `ballots[${p.at}] (${p.detail}).rule is ${none(p.said)}; ${p.commit ? `the ballot at commit ${p.commit}` : 'the ballot'} cites ${none(p.found)}`,
  'ballot-commit': (p: AuditFault) => `ballots[${p.at}] (${p.detail}).commit is ${none(p.said)}; the replay finds the ballot in ${none(p.found)}`,
  'ballot-status': (p: AuditFault) => `ballots[${p.at}] (${p.detail}).status is ${none(p.said)}; the replay gives ${none(p.found)}`,
  // A ballot's time and a post's textSeen (records since issue 13 keep them; audit.ts on main, as merged with sealed ballots).
  'ballot-cast-at': (p: AuditFault) => `ballots[${p.at}] (${p.detail}).castAt is ${none(p.said)}; the replay finds it cast at ${none(p.found)}`,
  'cast-at-partial': (p: AuditFault) => `${p.said} of ${count(Number(p.found), 'ballot')} have a castAt: a record keeps every ballot's time or none (one written before times were kept)`,
  'text-seen-missing': () => "the record keeps its ballots' times but not textSeen, which the bot writes with them",
  'reason-codes': (p: AuditFault) => `reasonCodes are ${none(p.said)}; the replay gives ${none(p.found)}`,
  reason: (p: AuditFault) => `reasons[${p.at}] is ${none(p.said)}; the replay gives ${none(p.found)}`,
  field: (p: AuditFault) => `${p.field} is ${none(p.said)}; the replay gives ${none(p.found)}`,
  'no-opening': (p: AuditFault) => `the ledger (refs/noclout/ledger) has no opening for "${p.change}"; fetch it: git fetch origin refs/noclout/ledger:refs/noclout/ledger`,
  'opened-differs': (p: AuditFault) => `opened ${p.said}, but the ledger says ${p.found}`,
  'policy-differs': (p: AuditFault) => `policy commit ${p.said}, but the ledger froze ${p.found}`,
  // `detail`: the replay's first reason, in English, or ''.
  outcome: (p: AuditFault) => `the record says ${p.said}; replaying it at ${p.field} gives ${p.found}${p.detail ? ` (${p.detail})` : ''}`,
  tally: (p: AuditFault) => `tally ${tallyEn(p.said)}; the replay counts ${tallyEn(p.found)}`,
  ballots: (p: AuditFault) => `ballots [${p.said}]; the replay finds [${p.found}]`,
  unlisted: (p: AuditFault) => `${p.said} uncounted ballots not listed; the replay finds ${p.found}`,
  rule: (p: AuditFault) => `rule ${p.said}; the frozen policy says ${p.found}`,
  roster: (p: AuditFault) => `roster of ${p.said}; the frozen roster has ${p.found}`,
  'no-merge': () => 'an accepted change names no merge commit',
  'merge-off-main': (p: AuditFault) => `merge ${p.said} is not on main, or does not contain head ${p.found}`,
  // The body's structure (src/commons/decision-record.ts, recordStructureProblems): `detail` is a StructureFault as JSON.
  structure: (p: AuditFault) => structureText(structureOf(p.detail)),
  // Where a record is filed (governance/decisions/<year>/<number>-<change>.md) against what it holds.
  misfiled: (p: AuditFault) => `the file is named for change "${p.said}", but the record in it decides "${p.found}": a record was copied or moved over another`,
  'filed-before-close': (p: AuditFault) => `the record is filed under ${p.said}, but it closed in ${p.found}: the bot files a record under the year it writes it, never before its close`,
  duplicate: (p: AuditFault) => `change "${p.change}" has a record already, ${p.detail}: the bot writes one record per change`,
  'number-reused': (p: AuditFault) => `record number ${p.said} of ${p.field} is also ${p.detail}: the bot gives each number once`,
} satisfies Record<string, (p: AuditFault) => string>;

export type AuditFaultKind = keyof typeof AUDIT_FINDINGS_EN;
const AUDIT_FINDINGS: Record<AuditFaultKind, (p: AuditFault) => string> = AUDIT_FINDINGS_EN;

/**
 * What is wrong with a record's body (src/commons/decision-record.ts): `fault` picks the sentence;
 * `line` a body line, `found` what it reads, `expected` what the front matter makes it, `section`
 * and `after` section names, `rows` and `ballots` the table's rows and the ballots listed.
 */
export interface StructureFault {
  fault: 'no-front-matter' | 'setext' | 'thematic-break' | 'html' | 'no-title' | 'foreign-heading' | 'repeated-section' | 'section-order' | 'title-differs' | 'section-missing' | 'section-extra' | 'tally-differs' | 'ballot-rows';
  line: number | '';
  found: string;
  expected: string;
  section: string;
  after: string;
  sections: string;
  rows: number | '';
  ballots: number | '';
}

export const NO_STRUCTURE_FAULT: Omit<StructureFault, 'fault'> = { line: '', found: '', expected: '', section: '', after: '', sections: '', rows: '', ballots: '' };

export const STRUCTURE_EN: Record<StructureFault['fault'], (p: StructureFault) => string> = {
  'no-front-matter': () => 'the record has no front matter between --- lines',
  setext: (p) => `body line ${p.line} (${p.found}) turns the line above into a heading`,
  'thematic-break': (p) => `body line ${p.line} (${p.found}) is a thematic break, which the bot never writes`,
  html: (p) => `body line ${p.line} starts with raw HTML (${p.found}), which the bot never writes`,
  'no-title': () => 'the body does not start with the record\'s title heading ("# <title>: <outcome>") on its first line',
  'foreign-heading': (p) => `body line ${p.line} is a heading the bot never writes (${p.found}): a record has one title and the sections ${p.sections}`,
  'repeated-section': (p) => `body line ${p.line} repeats the section "## ${p.section}": each section appears once`,
  'section-order': (p) => `body line ${p.line}: the section "## ${p.section}" comes after "## ${p.after}"; the sections' order is ${p.sections}`,
  'title-differs': (p) => `the title heading reads ${p.found}; the front matter makes it ${p.expected}`,
  'section-missing': (p) => `the section "## ${p.section}" is missing, though the front matter has what it says`,
  'section-extra': (p) => `the section "## ${p.section}" is there, though the front matter has nothing for it`,
  'tally-differs': (p) => `the tally reads ${p.found}; the front matter's tally is ${p.expected}`,
  'ballot-rows': (p) => `the ballots table has ${count(Number(p.rows), 'row')}; the front matter lists ${count(Number(p.ballots), 'ballot')}`,
};

export function structureText(p: StructureFault): string {
  return (STRUCTURE_EN[p.fault] ?? (() => p.fault))(p);
}

/** A StructureFault from its JSON (an audit finding's `detail`); a fault this version does not know reads as itself. */
export function structureOf(detail: string): StructureFault {
  try {
    const parsed: unknown = JSON.parse(detail);
    if (parsed && typeof parsed === 'object' && typeof (parsed as StructureFault).fault === 'string') return { ...NO_STRUCTURE_FAULT, ...(parsed as StructureFault) };
  } catch {
    // fall through
  }
  return { ...NO_STRUCTURE_FAULT, fault: detail as StructureFault['fault'] };
}

/**
 * Words a caller adds around a coded problem (Problem.frame): the problems of the frozen policy
 * `at` a commit, a validation problem of the record the bot would write, a ballot file to delete.
 * Each gets the inner problem's message and hint in the same language and returns the framed ones.
 */
export type FrameCode = 'frozen-at' | 'record-refused' | 'ballot-file';

export interface FrameText {
  (params: Record<string, string | number>, inner: { message: string; hint: string | undefined }): { message: string; hint: string | undefined };
}

export const FRAMES_EN: Record<FrameCode, FrameText> = {
  'frozen-at': (p, inner) => ({ message: `at ${p.commit}: ${inner.message}`, hint: inner.hint }),
  'record-refused': (_, inner) => ({ message: `the record the bot would write fails: ${inner.message}`, hint: "nothing was written; report this to the commons' maintainers with the change's name" }),
  'ballot-file': (p, inner) => ({ message: inner.message, hint: inner.hint ?? `delete or fix it (git rm ${p.path}; a commit touching only ballot files makes no ballot stale), then push again` }),
};

/**
 * Why an SSH signature does not verify (src/ballots/signed.ts): `found` is the version, namespace
 * or hash it names, `expected` the namespace asked for.
 */
export type SignatureFault = 'not-ssh' | 'no-magic' | 'version' | 'malformed' | 'namespace' | 'hash' | 'key-not-ed25519' | 'signature-not-ed25519' | 'does-not-verify';

export const SIGNATURE_FAULTS_EN: Record<SignatureFault, (p: { found: string; expected: string }) => string> = {
  'not-ssh': () => 'the signature is not an SSH signature (gpg.format=ssh)',
  'no-magic': () => 'the signature does not start with SSHSIG',
  version: (p) => `unsupported SSHSIG version ${p.found}`,
  malformed: () => 'the signature is malformed',
  namespace: (p) => `the signature is for namespace "${p.found}", not "${p.expected}"`,
  hash: (p) => `unsupported hash "${p.found}"`,
  'key-not-ed25519': () => 'the signing key is not an ed25519 key',
  'signature-not-ed25519': () => 'the signature is not an ed25519 signature',
  'does-not-verify': () => 'the signature does not verify: the commit was changed after signing, or the signature is forged',
};

/** A signature fault in English; a fault this version does not know reads as itself. */
export function signatureFaultText(p: { fault: string; found: string; expected: string }): string {
  return Object.hasOwn(SIGNATURE_FAULTS_EN, p.fault) ? SIGNATURE_FAULTS_EN[p.fault as SignatureFault](p) : p.fault;
}
