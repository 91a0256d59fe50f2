/**
 * The English text of every problem that has a code (issue 12): the one source of a coded
 * problem's `message` and `hint`, which `--format json`, the bot's comment and the records keep in
 * English. texts/problems-fr.ts has the same codes with the same parameters (tsc and a unit test
 * fail on a missing one). Parameters are plain strings and numbers; '' means "not given". Pure.
 */

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
  // Sealed ballots (issue 13; docs/voting.md, Sealed ballots): the policy's beacon, and a sealed ballot file's structure.
  'policy/sealed-no-beacon': {
    message: (p: { key: string }) => `voting.${p.key} seals its ballots, but the policy names no beacon to lock them to`,
    hint: (_: { key: string }) => 'add a top-level `beacon:` block (url, chainHash, publicKey, genesis, period, scheme), like drand\'s quicknet in docs/voting.md, or write `ballots: public`',
  },
  'policy/sealed-close-early': {
    message: (p: { key: string }) => `voting.${p.key} seals its ballots and closes early: nobody can know early that a sealed vote is settled, since no ballot can be read before the close`,
    hint: (_: { key: string }) => 'write `closeEarly: false` for a sealed vote, or `ballots: public`',
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
