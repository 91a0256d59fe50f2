/**
 * The stable codes of every text the bot writes for people in a decision record (issue 12), with
 * the kind of each parameter. A record stores `{ code, params }` beside its English text; the site
 * renders the code in the page's language (texts/en.ts, texts/fr.ts). Codes are never renamed: a
 * new wording is a new catalogue text for the same code, a new meaning a new code.
 */

/**
 * The kind of a parameter: `instant` is an ISO instant, formatted for the reader's locale;
 * `comparison` is `moreThan` or `atLeast` (a threshold), `side` is `yes` or `no` (the vote a threshold counts).
 */
export type ParamKind = 'text' | 'instant' | 'number' | 'boolean' | 'list' | 'comparison' | 'side' | 'refusal' | 'signature-fault' | 'ballot-fault' | 'problems';

/**
 * The values of the kinds that choose a sentence (issue 12, lang-sweep): what the bot refused to read
 * in a change, why a signature does not verify (texts/problems-en.ts, SignatureFault), why a ballot
 * file does not read. A value outside its list does not read as that kind (texts/index.ts).
 */
export const CHOICES = {
  refusal: ['too-large', 'tree', 'object'],
  'signature-fault': ['not-ssh', 'no-magic', 'version', 'malformed', 'namespace', 'hash', 'key-not-ed25519', 'signature-not-ed25519', 'does-not-verify'],
  'ballot-fault': ['not-regular', 'too-large', 'not-utf8'],
} as const;

/** A vote rule's numbers, as several reasons state them (`voting.<key>: quorum …`). */
const RULE = { key: 'text', quorum: 'text', thresholdOp: 'comparison', threshold: 'text', favour: 'side', days: 'number', closeEarly: 'boolean' } as const;
/** A tally's numbers, as a reason states them. */
const COUNT = { yes: 'number', no: 'number', abstain: 'number', eligible: 'number', quorumMet: 'boolean', thresholdMet: 'boolean' } as const;

export const PARAMS = {
  // Reasons of a vote (decide.ts).
  'vote-open': { closes: 'instant', ...RULE },
  'vote-so-far': { ...COUNT, quorum: 'text' },
  'vote-closed': { at: 'instant', early: 'boolean', ...RULE },
  'vote-count': { ...COUNT, quorum: 'text', passed: 'boolean' },
  // Reasons of a post (lazy consensus, objections, the weekly cap).
  'post-waiting': { at: 'instant', hours: 'number' },
  'post-unopposed': { hours: 'number', until: 'instant' },
  'objection-open': { objectors: 'list', rules: 'list', closes: 'instant', ...RULE },
  'objection-so-far': { ...COUNT },
  'objection-closed': { objectors: 'list', rules: 'list', upheld: 'boolean', early: 'boolean', at: 'instant', ...RULE },
  'objection-count': { ...COUNT, upheld: 'boolean' },
  'weekly-limit': { posts: 'number', max: 'number', after: 'instant' },
  // A moderation's quoted reasoning: `text` is the proposer's words, in the proposal's language.
  'proposal-reasoning': { text: 'text' },
  // How to appeal a moderation; `decision` is the record's own id (a placeholder until it has one).
  'appeal-path': { decision: 'text', post: 'text' },
  // A ballot's status (tally.ts).
  'ballot-counted': {},
  'ballot-superseded': { by: 'text' },
  'ballot-not-in-roster': { voter: 'text' },
  'ballot-late': { at: 'instant', closes: 'instant' },
  'ballot-malformed': {},
  'ballot-unknown-rule': { rule: 'text' },
  // A ballot commit's status, found while collecting (src/ballots/commit-ballots.ts); `commit` is an abbreviated id.
  'ballot-touches-files': { commit: 'text', files: 'number' },
  'ballot-other-change': { change: 'text' },
  'ballot-not-member': { voter: 'text' },
  'ballot-unsigned': {},
  'ballot-unknown-key': { key: 'text' },
  'ballot-someone-else': { signer: 'text', owner: 'text' },
  'ballot-stale': { commit: 'text' },
  // A forge review's status (src/ballots/github.ts); `given` is empty when the review names no commit.
  'review-deleted-account': {},
  'review-not-member': { login: 'text', id: 'number' },
  'review-dismissed': {},
  // In a sealed vote (src/ballots/github.ts): a public review is no ballot; a text holds one sealed block at most.
  'review-not-sealed': {},
  'sealed-several-blocks': { blocks: 'number' },
  'review-state': { state: 'text' },
  'review-stale': { given: 'text', head: 'text' },
  // Reasons of a judgement that no record keeps (src/bot/judge.ts, opening.ts): the CLI and the comment say them.
  // `head` and `base` are a change's head as given and an abbreviated commit; `commit` is abbreviated too.
  'judged-later': { at: 'instant', asked: 'instant' },
  'problems-to-fix': { problems: 'number' },
  'opening-unpublished': { change: 'text', opened: 'instant', by: 'text', commit: 'text' },
  'opening-foreign': { change: 'text', opened: 'instant', by: 'text', commit: 'text', base: 'text' },
  'opening-first-head-gone': { change: 'text', opened: 'instant', by: 'text', commit: 'text' },
  'opening-first-look-invalid': { change: 'text', opened: 'instant', by: 'text', commit: 'text' },
  'adds-nothing': { head: 'text', base: 'text' },
  'platform-files': { files: 'list', more: 'boolean' },
  'ballot-only-change': {},
  'no-name': {},
  'name-taken': { change: 'text' },
  'ballot-files-refused': { files: 'number' },
  'already-decided': { accepted: 'boolean', closed: 'instant', path: 'text' },
  'already-decided-unreadable': { path: 'text' },
  // Sealed votes (docs/voting.md, Sealed ballots): reasons while open and at the close; `why` is
  // unreachable, not-yet or invalid (what asking the beacon gave, src/ballots/sealed.ts fetchRound).
  'vote-sealed-so-far': { voted: 'number', eligible: 'number', round: 'number' },
  'vote-sealed-waiting': { round: 'number', closes: 'instant', why: 'text' },
  'vote-sealed-opened': { round: 'number' },
  // A sealed ballot's status: sealed until the close, or why it did not open or does not count.
  'ballot-sealed-pending': { round: 'number' },
  'ballot-sealed-malformed': { issue: 'text' },
  'ballot-sealed-wrong-chain': { chainHash: 'text' },
  'ballot-sealed-wrong-round': { round: 'number', expected: 'number' },
  'ballot-sealed-undecryptable': {},
  'ballot-sealed-plaintext': {},
  'ballot-sealed-copied': { voter: 'text', change: 'text' },
  'ballot-sealed-too-many': { max: 'number' },
  'ballot-sealed-not-as-kept': {},
  'ballot-public-in-sealed': {},
  'ballot-sealed-in-public': {},
  // Issue 12, the last English (lang-sweep). A change whose objects cannot all be read (src/bot/unreadable.ts):
  // `oid` abbreviated; `refused` is too-large, tree or object; `path` where it was read, or ''.
  'unreadable-missing': { head: 'text', kind: 'text', oid: 'text' },
  'unreadable-refused': { head: 'text', refused: 'refusal', kind: 'text', oid: 'text', path: 'text' },
  // Why merge could not write an accepted or rejected change (src/bot/merge.ts); `base` is the base branch.
  'merge-conflict': { base: 'text', files: 'number' },
  'record-would-fail': { change: 'text' },
  'main-would-fail': { accepted: 'boolean', base: 'text', problems: 'number' },
  // A ballot commit whose signature does not verify (src/ballots/signed.ts): `fault` a SignatureFault, with what it names.
  'ballot-bad-signature': { fault: 'signature-fault', found: 'text', expected: 'text' },
  // A ballot file that does not read (src/ballots/commit-ballots.ts): not regular, too large (`size`), not UTF-8;
  // or YAML the schema refuses: its coded problems (the `problems` kind, JSON of [{ path, line, column, code, params }]).
  'ballot-unreadable': { fault: 'ballot-fault', path: 'text', size: 'number' },
  'ballot-problems': { problems: 'problems' },
} as const satisfies Record<string, Record<string, ParamKind>>;

export type TextCode = keyof typeof PARAMS;

type ValueOf<K extends ParamKind> = K extends 'number'
  ? number
  : K extends 'boolean'
    ? boolean
    : K extends 'list'
      ? string[]
      : K extends 'comparison'
        ? 'moreThan' | 'atLeast'
        : K extends 'side'
          ? 'yes' | 'no'
          : K extends keyof typeof CHOICES
            ? (typeof CHOICES)[K][number]
            : string;

/** A problem as the `problems` kind stores it (JSON): where, and its catalogue code with its parameters. */
export interface StoredProblem {
  path: string;
  line: number;
  column: number;
  code: string;
  params: Record<string, string | number>;
}

/** The `problems` kind read back: a list of StoredProblem, or undefined when it is anything else. */
export function storedProblems(json: unknown): StoredProblem[] | undefined {
  if (typeof json !== 'string') return undefined;
  try {
    const list: unknown = JSON.parse(json);
    const ok = (p: unknown): p is StoredProblem => {
      const x = p as StoredProblem;
      return typeof x === 'object' && x !== null && typeof x.path === 'string' && Number.isInteger(x.line) && Number.isInteger(x.column) && typeof x.code === 'string' && typeof x.params === 'object' && x.params !== null && Object.values(x.params).every((v) => typeof v === 'string' || typeof v === 'number');
    };
    return Array.isArray(list) && list.length > 0 && list.every(ok) ? list : undefined;
  } catch {
    return undefined;
  }
}

/** The parameters of each code, typed from PARAMS. */
export type TextParams = { [C in TextCode]: { -readonly [P in keyof (typeof PARAMS)[C]]: ValueOf<(typeof PARAMS)[C][P] & ParamKind> } };

/** A text as a code with its parameters: what a record stores beside the English. */
export type BotText = { [C in TextCode]: { code: C; params: TextParams[C] } }[TextCode];

/** How a catalogue prints what is not words: instants and counts, in the reader's locale. */
export interface TextFormat {
  locale: 'en' | 'fr';
  instant(iso: string): string;
}

/** A catalogue: one function per code, from its parameters to a sentence. */
export type Catalogue = { [C in TextCode]: (params: TextParams[C], format: TextFormat) => string };

/** Build a text with its parameters typed by its code. */
export function text<C extends TextCode>(code: C, params: TextParams[C]): BotText {
  return { code, params } as BotText;
}
