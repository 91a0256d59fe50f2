/**
 * The bot's record texts in English. With the record format (instants as stored, ISO), these are
 * exactly the strings a record keeps in `reasons`, `ballots[].reason` and `moderation.appeal`:
 * the bot produces that text from the code through here, so the two cannot drift (texts/index.ts).
 * Pure.
 */
import { count, plural } from '../plural.ts';
import type { Catalogue, TextFormat, TextParams } from './codes.ts';
import { signatureFaultText } from './problems-en.ts';
import { PROBLEM_CATALOGUES, type ProblemCode } from './problems.ts';
import { visible } from '../problem.ts';
import { storedProblems } from './codes.ts';

type Rule = Pick<TextParams['vote-open'], 'key' | 'quorum' | 'thresholdOp' | 'threshold' | 'favour' | 'days' | 'closeEarly'>;
type Count = TextParams['objection-so-far'];

/** `voting.<key>: quorum …, threshold …, <n> days`. */
function rule(r: Rule): string {
  const t = `${r.thresholdOp === 'moreThan' ? 'more than' : 'at least'} ${r.threshold}`;
  return `voting.${r.key}: quorum ${r.quorum}, threshold ${t} of ${r.favour} among yes and no, ${r.days} days${r.closeEarly ? ', closes early once settled' : ''}`;
}

const met = (b: boolean) => (b ? 'met' : 'not met');

function voteLine(c: Count & { quorum: string }): string {
  return `${c.yes} yes, ${c.no} no, ${c.abstain} abstain of ${c.eligible} members: quorum ${met(c.quorumMet)} (${c.yes + c.no + c.abstain}/${c.eligible} voted, needs ${c.quorum}), threshold ${met(c.thresholdMet)}`;
}

function objectionLine(c: Count): string {
  return `${c.no} no, ${c.yes} yes, ${c.abstain} abstain of ${c.eligible} members: quorum ${met(c.quorumMet)}, threshold ${met(c.thresholdMet)}`;
}

/** `sofia cites rule "x"; lea cites rule "y"`. */
function cited(p: { objectors: string[]; rules: string[] }): string {
  return p.objectors.map((voter, i) => `${voter} cites rule "${p.rules[i] ?? ''}"`).join('; ');
}

function closed(p: { early: boolean; at: string }, f: TextFormat): string {
  return p.early ? `closed early at ${f.instant(p.at)}: no ballot still to come could change the outcome` : `closed at ${f.instant(p.at)}`;
}

const objectionRule = (p: Rule) => `${rule(p)} (the motion is to stop the post)`;

type Entry = Pick<TextParams['opening-unpublished'], 'change' | 'opened' | 'by'>;

/** A ledger entry the bot does not stand by, and why. */
function setAside(p: Entry, why: string, f: TextFormat): string {
  return `the ledger's entry for "${p.change}" (opened ${f.instant(p.opened)} by ${p.by}) was set aside: ${why}; the change opened afresh when first seen valid`;
}

export const en: Catalogue = {
  'vote-open': (p, f) => `the vote is open until ${f.instant(p.closes)} under ${rule(p)}`,
  'vote-so-far': (p) => `so far ${voteLine(p)}`,
  'vote-closed': (p, f) => `the vote ${closed(p, f)} under ${rule(p)}`,
  'vote-count': (p) => `${voteLine(p)}: ${p.passed ? 'accepted' : 'rejected'}`,
  'post-waiting': (p, f) => `no objection so far; the post is published at ${f.instant(p.at)}, ${count(p.hours, 'hour')} after the bot first saw this text (posts.objectionHours), unless a member objects`,
  'post-unopposed': (p, f) => `no member objected within posts.objectionHours (${p.hours} hours, until ${f.instant(p.until)}): published by lazy consensus`,
  'objection-open': (p, f) => `objection (${cited(p)}): the post goes to a vote open until ${f.instant(p.closes)} under ${objectionRule(p)}`,
  'objection-so-far': (p) => `so far ${objectionLine(p)}`,
  'objection-closed': (p, f) => `objection (${cited(p)}) ${p.upheld ? 'upheld' : 'not upheld'}: the vote ${closed(p, f)} under ${objectionRule(p)}`,
  'objection-count': (p) => `${objectionLine(p)}: ${p.upheld ? 'the post is not published' : 'stopping a post needs the vote to pass, so it is published'}`,
  'weekly-limit': (p, f) => `but the author published ${count(p.posts, 'post')} in the last 7 days (posts.maxPerAuthorPerWeek: ${p.max}); it can be published after ${f.instant(p.after)}`,
  'proposal-reasoning': (p) => `reasoning of the proposal: ${p.text}`,
  'appeal-path': (p) => `open a moderation proposal with \`appeals: ${p.decision}\` that restores content/posts/${p.post}.md; it is decided under voting.moderation like this one`,
  'ballot-counted': () => 'counted: latest valid ballot of a member',
  'ballot-superseded': (p) => `superseded by a later ballot of ${p.by}`,
  'ballot-not-in-roster': (p) => `"${p.voter}" is not a member of the roster frozen when the change was opened`,
  'ballot-late': (p, f) => `cast ${f.instant(p.at)}, after the close at ${f.instant(p.closes)}`,
  'ballot-malformed': () => 'malformed ballot: the file does not say yes, no or abstain',
  'ballot-unknown-rule': (p) => `cites rule "${p.rule}", which is not a rule of this commons (governance/rules/ when the change was opened)`,
  'ballot-touches-files': (p) => `commit ${p.commit} touches ${count(p.files, 'file')}; a ballot commit touches only its voter's own file`,
  'ballot-other-change': (p) => `cast on "${p.change}", not on this change`,
  'ballot-not-member': (p) => `not a member: "${p.voter}" is not in the roster frozen when the change was opened`,
  'ballot-unsigned': () => 'missing signature: the commit is not signed (git commit -S with gpg.format=ssh)',
  'ballot-unknown-key': (p) => `signed by ${p.key}, a key no member of the frozen roster lists`,
  'ballot-someone-else': (p) => `someone else's file: signed by ${p.signer}, in ${p.owner}'s ballot file`,
  'ballot-stale': (p) => `stale: commit ${p.commit} changed the text after this ballot was cast; vote again on the new text`,
  'review-deleted-account': () => "the reviewer's GitHub account was deleted",
  'review-not-member': (p) => `GitHub user ${p.login} (id ${p.id}) is not a member: no entry in members.yml has github.id ${p.id}`,
  'review-dismissed': () => 'the review was dismissed on GitHub, which erases what it voted; review again to vote',
  'review-not-sealed': () => 'the vote is sealed: an approval or a change request is public, so it is not a ballot; seal your vote on the change\'s page of the site and paste the sealed text as a comment',
  'sealed-several-blocks': (p) => `holds ${p.blocks} sealed blocks; a sealed ballot is one block per comment`,
  'review-state': (p) => `a review in state ${p.state} is not a ballot`,
  'review-stale': (p) => `stale: given on ${p.given || 'an unknown commit'}, but the change's head is now ${p.head}; review the current head to vote`,
  'judged-later': (p, f) => `judged at ${f.instant(p.at)}, not at ${f.instant(p.asked)} as asked: the bot had already recorded this change (or a decision) at that time, and its clock never goes backwards`,
  'problems-to-fix': (p) => `${count(p.problems, 'problem')} to fix before this change can be judged; nothing is recorded until then`,
  'opening-unpublished': (p, f) => setAside(p, `it freezes commit ${p.commit}, which was never published`, f),
  'opening-foreign': (p, f) => setAside(p, `it freezes commit ${p.commit}, which is not on the history of the base judged (${p.base}): the bot only ever freezes the base it judges, so it did not write this entry`, f),
  'opening-first-head-gone': (p, f) => setAside(p, `an older bot wrote it, and its first head ${p.commit} is gone, so nothing shows that change was valid`, f),
  'opening-first-look-invalid': (p, f) => setAside(p, `an older bot wrote it when the change was first seen with problems (first head ${p.commit}), and an invalid change records nothing`, f),
  'adds-nothing': (p) => `${p.head} adds nothing to ${p.base}: it is already merged, or empty`,
  'platform-files': (p) => `touches platform files (${p.files.join(', ')}${p.more ? ', …' : ''}): the bot never merges code; people review it`,
  'ballot-only-change': () => 'a ballot-only change is never merged on its own: commit each ballot on the branch of the change it votes on, where it counts',
  'no-name': () => 'the change adds no post or proposal to name it by',
  'name-taken': (p) => `the name "${p.change}" is taken by another change; nothing is recorded until this one has its own`,
  'ballot-files-refused': (p) =>
    `but ${count(p.files, 'ballot file')} of the change would make main fail noclout check, or speak in a member's name without their signature: nothing is merged or recorded until ${plural(p.files, { one: 'it is', other: 'they are' })} deleted or fixed`,
  'already-decided': (p, f) => `already decided: ${p.accepted ? 'accepted' : 'rejected'} on ${f.instant(p.closed)}, recorded in ${p.path}`,
  'already-decided-unreadable': (p) => `already decided in ${p.path} (the record cannot be read: run noclout audit)`,
  'vote-sealed-so-far': (p) => `ballots are sealed until the close: ${p.voted} of ${p.eligible} members have voted so far; how is known to nobody until the beacon publishes round ${p.round}`,
  'vote-sealed-waiting': (p, f) => `the vote closed at ${f.instant(p.closes)}; its sealed ballots open with round ${p.round} of the beacon, which ${beaconWhy(p.why)}: no decision until it does, and the bot tries again on its next run`,
  'vote-sealed-opened': (p) => `the sealed ballots were opened with round ${p.round} of the beacon, whose signature this record keeps (anyone can re-open them: noclout audit)`,
  'ballot-sealed-pending': (p) => `sealed until the close: opened with round ${p.round} of the beacon, and counted then if it opens`,
  'ballot-sealed-malformed': (p) => `not a sealed ballot: ${sealedIssue(p.issue)}`,
  'ballot-sealed-wrong-chain': (p) => `sealed to another beacon (chain ${p.chainHash}) than the policy's: it cannot be opened`,
  'ballot-sealed-wrong-round': (p) => `sealed to round ${p.round}, not to round ${p.expected}, the round of this vote's close`,
  'ballot-sealed-undecryptable': () => 'sealed ballot that does not open with the round\'s signature: its ciphertext is damaged or was not sealed to this round',
  'ballot-sealed-plaintext': () => 'sealed ballot that opens to something else than a ballot (voter, change, vote)',
  'ballot-sealed-copied': (p) => `copied: the sealed ballot opens to ${p.voter}'s ballot on "${p.change}", not to this voter's on this change`,
  'ballot-sealed-too-many': (p) => `a later version of this member's sealed ballot than the ledger keeps: it keeps ${p.max} versions of one member's ballot on a change at most, so this one is not kept and does not count (the last one kept does)`,
  'ballot-sealed-not-as-kept': () => 'the ledger holds other bytes than the sealed text its entry names: changed after the bot kept it, so it does not count',
  'ballot-public-in-sealed': () => 'a public ballot in a sealed vote does not count: seal it (noclout vote <change> yes|no|abstain --sealed)',
  'ballot-sealed-in-public': () => 'a sealed ballot in a public vote does not count: write the vote itself (noclout vote <change> yes|no|abstain)',
  'unreadable-missing': (p) => `${p.head} cannot be judged: a git object it needs is missing (${p.kind} ${p.oid}); nothing is recorded until it can be read`,
  'unreadable-refused': (p) => `${p.head} cannot be judged: ${refusedObject(p)}; nothing is recorded until it can be read`,
  'merge-conflict': (p) => `the change conflicts with ${p.base}: ${count(p.files, { one: 'file was', other: 'files were' })} changed on both sides since it was opened`,
  'record-would-fail': (p) => `the decision record for ${p.change} fails noclout check; nothing was written`,
  'main-would-fail': (p) =>
    `${p.accepted ? 'merging the change' : 'recording the decision'} would leave ${p.base} failing noclout check (${count(p.problems, 'problem')}): nothing is merged and no decision is recorded until the change is fixed`,
  'ballot-bad-signature': (p) => `bad signature: ${signatureFaultText(p)}`,
  'ballot-unreadable': (p) => `malformed ballot: ${unreadableBallot(p)}`,
  'ballot-problems': (p) => `malformed ballot: ${ballotProblemsIn('en', p.problems, (path, at, message, hint) => visible(`${path}:${at}: ${message}${hint ? ` (${hint})` : ''}`), '; ', 260)}`,
};

/** What asking the beacon gave (src/ballots/sealed.ts fetchRound), as the end of a sentence. */
function beaconWhy(why: string): string {
  return ({ unreachable: 'could not be reached', 'not-yet': 'has not published it yet', invalid: 'answered with a signature that does not verify' } as Record<string, string>)[why] ?? why;
}

/** A sealed ballot's structure issue (src/commons/sealed-text.ts), briefly. */
function sealedIssue(code: string): string {
  return ({ 'sealed-too-large': 'too large', 'sealed-not-armored': 'not an armored age text', 'sealed-armor-line': 'a damaged line in the armor', 'sealed-not-age': 'not an age file', 'sealed-stanza-count': 'not exactly one recipient', 'sealed-not-tlock': 'not sealed to a beacon (tlock)', 'sealed-stanza-args': 'no round and chain in its tlock stanza', 'sealed-stanza-body': 'a key of the wrong size', 'sealed-no-payload': 'no encrypted ballot after the header' } as Record<string, string>)[code] ?? code;
}

/** Why a ballot file does not read (src/ballots/commit-ballots.ts). */
function unreadableBallot(p: TextParams['ballot-unreadable']): string {
  if (p.fault === 'not-regular') return `${p.path}: not a regular file; expected a YAML file like "vote: yes"`;
  if (p.fault === 'too-large') return `${p.path}: ${p.size} bytes; a ballot is at most 10000`;
  return `${p.path}: not UTF-8 text; a ballot is a UTF-8 YAML file like "vote: yes"`;
}

/**
 * A ballot file's problems (the `problems` kind) in a language, each `path:line:col: message (hint)`
 * from its catalogue code, joined and cut at `max` characters as the bot cut them; throws for a code
 * the catalogue does not know, so a page shows the stored English instead (texts/index.ts).
 */
export function ballotProblemsIn(lang: 'en' | 'fr', json: string, line: (path: string, at: string, message: string, hint: string | undefined) => string, separator: string, max: number): string {
  const said = (storedProblems(json) ?? []).map((p) => {
    const text = PROBLEM_CATALOGUES[lang][p.code as ProblemCode];
    if (!text) throw new Error(`no text for ${p.code}`);
    return line(p.path, `${p.line}:${p.column}`, text.message(p.params), text.hint?.(p.params));
  });
  const joined = said.join(separator);
  return joined.length > max ? `${joined.slice(0, max - 1)}…` : joined;
}

/** What the bot refused to read in a change (src/bot/unreadable.ts). */
function refusedObject(p: TextParams['unreadable-refused']): string {
  const where = p.path ? ` (${p.path})` : '';
  if (p.refused === 'too-large') return `it holds a ${p.kind === 'blob' ? 'file' : p.kind} ${p.oid} larger than the bot reads${where}`;
  if (p.refused === 'tree') return `it holds a tree that git fsck and the bot refuse (tree ${p.oid}${where})`;
  return `it holds a git object the bot cannot read (${p.kind} ${p.oid}${where})`;
}
