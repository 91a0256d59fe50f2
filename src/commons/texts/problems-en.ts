/**
 * The English text of every problem that has a code (issue 12): the one source of a coded
 * problem's `message` and `hint`, which `--format json`, the bot's comment and the records keep in
 * English. texts/problems-fr.ts has the same codes with the same parameters (tsc and a unit test
 * fail on a missing one). Parameters are plain strings and numbers; '' means "not given". Pure.
 */
import { count } from '../plural.ts';

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
 * `signature` what is wrong with its signature (`detail`: the verifier's own words for a bad one).
 */
export interface Unattributed {
  why: 'no-content' | 'signature' | 'two-signers' | 'pull-deleted' | 'pull-outsider';
  commit: string;
  merge: UncleanMerge | '';
  mergePath: string;
  signature: '' | 'unsigned' | 'unknown-key' | 'bad';
  key: string;
  detail: string;
  signer: string;
  earlier: string;
  pull: number | '';
  login: string;
  id: number | '';
}

/** Unattributed parameters that say nothing, to fill in the ones a reason sets. */
export const UNATTRIBUTED: Unattributed = { why: 'no-content', commit: '', merge: '', mergePath: '', signature: '', key: '', detail: '', signer: '', earlier: '', pull: '', login: '', id: '' };

function unattributed(p: Unattributed & Governed): string {
  const what = p.merge ? `commit ${p.commit}, a merge that is not clean (${UNCLEAN[p.merge](p.mergePath)}),` : `commit ${p.commit}`;
  switch (p.why) {
    case 'no-content':
      return 'the change has no content commit';
    case 'signature':
      if (p.signature === 'unsigned') return `${what}: missing signature: the commit is not signed (git commit -S with gpg.format=ssh)`;
      if (p.signature === 'unknown-key') return `${what}: signed by ${p.key}, a key no member of the ${p.governed === 'checked' ? '' : 'frozen '}roster lists`;
      return `${what}: bad signature: ${p.detail}`;
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
  // The final guard before a record is written (record-of.ts): `detail` is the structure check's own finding, in English.
  'record/structure': {
    message: (p: { detail: string }) => `the record the bot would write fails: ${p.detail}`,
    hint: (_: { detail: string }) => "nothing was written; report this to the commons' maintainers with the change's name",
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
