/**
 * A moderation record as a full statement of reasons, item by item of the EU Digital Services Act,
 * Regulation (EU) 2022/2065, Article 17(3) (pure: plain data in, plain data out).
 *
 * Which records restrict a post, and so carry one: an accepted moderation that hid a post (the
 * case started from a moderation proposal), and a post change rejected because an objection was
 * upheld (the case started from a member's objection: a `no` ballot citing a rule; the post was
 * never published). Nothing else restricts anything: a rejected moderation, an appeal, a rule or a
 * membership decision has no statement of reasons.
 *
 * Every item is derived from the record alone, plus the current policy and the appeal it may
 * already have had: records written before a field existed still read, and an item they do not
 * hold is said to be "not recorded in this record", never invented. The same statement is shown on
 * the decision's page, on the post's tombstone, and in the open data (src/pages/data/).
 *
 * The letters map exactly to Article 17(3): (a) the restriction, its territorial scope and
 * duration; (b) the facts and circumstances, and whether on a notice or on the provider's own
 * initiative (here: a member's objection or a member's proposal, with who, as the record already
 * publishes); (c) the use of automated means; (d) for allegedly illegal content, the legal
 * ground (not applicable: NoClout decides under its rules, never on legality); (e) for terms and
 * conditions, the contractual ground and why (the rule, its version, the reasoning); (f) redress.
 */
import { hidesPost } from '../commons/decision-record.ts';
import type { DecisionRecord, Tally } from '../commons/schema/decision.ts';
import type { CommonsConfig } from '../commons/schema/commons-config.ts';
import type { Policy } from '../commons/schema/policy.ts';
import { AUTHOR_PLACEHOLDER, DATE_PLACEHOLDER } from '../commons/template.ts';
import { isUiLanguage, t, type UiLanguage } from '../i18n/index.ts';
import { newFileLink } from './contribute-links.ts';
import { formatDate, formatTime, shortCommit } from './format.ts';
import { codeSpans, reasonParts, shownAppeal } from './record-text.ts';

/** How the case started: Art. 17(3)(b), "pursuant to a notice … or based on voluntary own-initiative investigations". */
export type CaseStart = 'moderation-proposal' | 'objection';

/** The words a decision relied on to say why the post breaks the rule, and whose they are. */
export interface Reasoning {
  /** The proposer or the objector; undefined when the record does not say. */
  by: string | undefined;
  words: string;
}

export interface StatementOfReasons {
  /** The decision's id, `<yyyy>/<nnnn>-<slug>`. */
  decision: string;
  started: CaseStart;
  /** (a) What was restricted, how, where and for how long. */
  restriction: {
    /** The post, `<yyyy>/<slug>`; undefined when the record names none. */
    post: string | undefined;
    /** `hidden`: taken off the site, its address kept as a tombstone; `not-published`: never put on it. */
    measure: 'hidden' | 'not-published';
    /** The commit whose tree still holds the post's text: the base the moderation removed it from, or the change's head. */
    textKeptAt: string;
    /** The appeal that ended the restriction, when one did. */
    endedBy: { decision: string; closed: string } | undefined;
  };
  /** (b) How the case started, who started it, and the vote. */
  facts: {
    /** The member who proposed the moderation (public, as the record is). */
    proposer: string | undefined;
    /** The moderation proposal, by its change name. */
    proposal: string | undefined;
    /** The members whose objection (a `no` ballot citing a rule) started the case; undefined when the record lists none. */
    objectors: string[] | undefined;
    opened: string;
    closed: string;
    tally: Tally | undefined;
  };
  /** (c) Never: a member found the post, and the members decided by vote. */
  automatedMeans: { detection: false; decision: false };
  /** (d) Not applicable: the decision applies the commons' rules, not a law. */
  legalGround: { applicable: false };
  /** (e) The rules cited, their version and why the post breaks them. */
  contractualGround: {
    rules: { rule: string; version: string }[];
    /** undefined: the record holds no reasoning. */
    reasoning: Reasoning[] | undefined;
  };
  /** (f) The appeal inside the commons, its deadline, and the outside bodies. */
  redress: {
    /** For a standing hidden post: how to appeal. */
    appeal:
      | {
          appeals: string;
          /** How the record itself says to appeal: its stored English and, since codes, its code (the page shows it in its language). */
          recorded: Pick<NonNullable<DecisionRecord['moderation']>, 'appeal' | 'appealCode'>;
          proposalFile: string;
          restoreFile: string | undefined;
          restoreFrom: string;
          link: string;
        }
      | undefined;
    /** For a post not published: it may be submitted again as a new change. */
    resubmit: boolean;
    /** The policy sets no deadline for an appeal (it has no such number): null. */
    deadline: null;
    /** `voting.moderation.days` of the current policy: how long an appeal's vote runs. */
    appealDays: number;
    outside: readonly ['out-of-court-dispute-settlement', 'courts'];
  };
}

/** What the statement needs besides the record. */
export interface StatementContext {
  /** The current policy: how long an appeal's vote runs. */
  policy: Pick<Policy, 'voting'>;
  config: CommonsConfig;
  /** The accepted appeal that reversed this decision, if any (src/site/moderation.ts). */
  reversedBy: { id: string; data: { closed: string } } | undefined;
}

const POST_FILE = /^content\/posts\/(\d{4}\/[^/]+)\.md$/;

/** The case a record restricts a post in, or undefined for a record that restricts nothing. */
export function restrictionCase(record: DecisionRecord): { started: CaseStart; post: string | undefined } | undefined {
  if (hidesPost(record)) return { started: 'moderation-proposal', post: record.moderation!.post };
  if (record.kind === 'post' && record.outcome === 'rejected') {
    const file = record.files.map((f) => POST_FILE.exec(f)?.[1]).find((id) => id !== undefined);
    return { started: 'objection', post: file };
  }
  return undefined;
}

/**
 * The statement of reasons of a decision record, or undefined when the record restricts nothing.
 *
 * @example statementOfReasons({ id: '2026/0002-hide-x', data }, { policy, config, reversedBy: undefined })?.started // 'moderation-proposal'
 */
export function statementOfReasons(decision: { id: string; data: DecisionRecord }, context: StatementContext): StatementOfReasons | undefined {
  const d = decision.data;
  const found = restrictionCase(d);
  if (!found) return undefined;
  const hidden = found.started === 'moderation-proposal';
  const objections = d.ballots.filter((b) => b.counted && b.vote === 'no' && b.rule !== undefined);
  const coded = d.reasonCodes?.find((c) => c.code === 'objection-closed')?.params;
  const listed = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const objectors = unique(objections.length > 0 ? objections.map((b) => b.voter) : listed(coded?.objectors));
  const citedRules = hidden ? [d.moderation!.rule] : unique(objections.length > 0 ? objections.map((b) => b.rule!) : listed(coded?.rules));
  const standing = hidden && context.reversedBy === undefined;
  return {
    decision: decision.id,
    started: found.started,
    restriction: {
      post: found.post,
      measure: hidden ? 'hidden' : 'not-published',
      textKeptAt: hidden ? d.base : d.head,
      endedBy: context.reversedBy && { decision: context.reversedBy.id, closed: context.reversedBy.data.closed },
    },
    facts: {
      proposer: hidden ? d.author : undefined,
      proposal: hidden ? d.change : undefined,
      objectors: hidden ? undefined : objectors.length > 0 ? objectors : undefined,
      opened: d.opened,
      closed: d.closed,
      tally: d.tally,
    },
    automatedMeans: { detection: false, decision: false },
    legalGround: { applicable: false },
    contractualGround: {
      // A moderation's rule version is its own field; an objection was judged by the rules of the frozen policy commit.
      rules: citedRules.map((rule) => ({ rule, version: hidden ? d.moderation!.ruleVersion : d.policyCommit })),
      reasoning: hidden ? proposalReasoning(d) : objectionReasoning(objections),
    },
    redress: {
      appeal: standing ? appealOf(decision.id, d, found.post, context) : undefined,
      resubmit: !hidden,
      deadline: null,
      appealDays: context.policy.voting.moderation.days,
      outside: ['out-of-court-dispute-settlement', 'courts'],
    },
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The proposer's words the record quotes (code `proposal-reasoning`, or the English "reasoning of the proposal: …"). */
function proposalReasoning(d: DecisionRecord): Reasoning[] | undefined {
  const coded = d.reasonCodes?.find((c) => c.code === 'proposal-reasoning')?.params.text;
  const words = typeof coded === 'string' ? coded : d.reasons.map((r) => reasonParts(r).quoted).find((q) => q !== undefined);
  return words === undefined || words.trim() === '' ? undefined : [{ by: d.author, words }];
}

/** The objectors' own words, for the ballots that carried some. */
function objectionReasoning(objections: DecisionRecord['ballots']): Reasoning[] | undefined {
  const said = objections.filter((b) => b.comment !== undefined && b.comment.trim() !== '').map((b) => ({ by: b.voter, words: b.comment! }));
  return said.length > 0 ? said : undefined;
}

function appealOf(id: string, d: DecisionRecord, post: string | undefined, context: StatementContext): NonNullable<StatementOfReasons['redress']['appeal']> {
  const lang = isUiLanguage(context.config.defaultLanguage) ? context.config.defaultLanguage : 'en';
  // A slug of at most 80 characters (layout): cut, it must not end on the hyphen of a cut word.
  const filename = `appeal-${d.change}`.slice(0, 80).replace(/-+$/, '') + '.md';
  // At most 200 UTF-16 units (a title's limit), never half of a character outside the BMP.
  const title = `${t(lang).reasons.appealTitle}${d.title}`.slice(0, 200).replace(/[\uD800-\uDBFF]$/, '');
  const { appeal, appealCode } = d.moderation!;
  return {
    appeals: id,
    recorded: appealCode === undefined ? { appeal } : { appeal, appealCode },
    proposalFile: `content/proposals/${filename}`,
    restoreFile: post === undefined ? undefined : `content/posts/${post}.md`,
    restoreFrom: d.base,
    link: newFileLink(context.config, 'content/proposals', filename, { kind: 'proposal', title, author: AUTHOR_PLACEHOLDER, date: DATE_PLACEHOLDER, lang: context.config.defaultLanguage, appeals: id }),
  };
}

// ---------------------------------------------------------------------------------------------
// The statement in words, in a UI language: each item named as Article 17(3) names it.

/** A piece of a line: words, a piece of code, or a link. People's words carry their language when known. */
export type Part = { text: string; lang?: string } | { code: string; hash?: boolean; lang?: string } | { href: string; text: string; lang?: string; code?: boolean; hash?: boolean; dated?: true };

/** One labelled line of an item. */
export interface StatementLine {
  /** `why`: the reasoning, which a page may show in full instead (the tombstone shows the proposal). */
  key?: 'why';
  label: string;
  parts: Part[];
}

export interface ShownItem {
  letter: 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
  /** The item's name, in the regulation's terms. */
  name: string;
  lines: StatementLine[];
}

export interface ShownStatement {
  heading: string;
  intro: string;
  items: ShownItem[];
}

/** Where the statement's links go, from the page that shows it (or absolute, for the open data). */
export interface StatementLinks {
  post(id: string): string;
  decision(id: string): string;
  proposal(change: string): string | undefined;
  rule(slug: string): { href: string; text: string; lang?: string } | undefined;
  commit(commit: string): string | undefined;
  contribute(): string;
  /** The language of the proposal's or objectors' words, when known. */
  reasoningLang?: string;
}

/** The statement in `lang`, every item named (Art. 17(3) (a)–(f)). */
export function statementText(s: StatementOfReasons, lang: UiLanguage, links: StatementLinks): ShownStatement {
  const w = t(lang).reasons;
  const words = (text: string, textLang?: string): Part => (textLang === undefined ? { text } : { text, lang: textLang });
  const notRecorded = words(w.notRecorded);
  const commit = (hash: string): Part => {
    const href = links.commit(hash);
    return href === undefined ? { code: shortCommit(hash), hash: true } : { href, text: shortCommit(hash), code: true, hash: true };
  };
  const list = (names: readonly string[]): Part[] => names.flatMap((name, i) => [...(i > 0 ? [words(', ')] : []), words(name)]);
  const r = s.restriction;
  const hidden = r.measure === 'hidden';
  const postPart: Part = r.post === undefined ? notRecorded : hidden ? { href: links.post(r.post), text: r.post, code: true } : { code: r.post };

  const a: StatementLine[] = [
    { label: w.post, parts: [postPart] },
    { label: w.measure, parts: [words(hidden ? w.hidden : w.notPublished)] },
    { label: w.scope, parts: [words(hidden ? w.scopeHidden : w.scopeNotPublished), commit(r.textKeptAt), words('.')] },
    {
      label: w.duration,
      parts: r.endedBy
        ? [words(w.ended(formatDate(r.endedBy.closed, lang))), { href: links.decision(r.endedBy.decision), text: r.endedBy.decision, code: true }]
        : [words(hidden ? w.untilAppeal : w.finalForChange)],
    },
  ];

  const f = s.facts;
  const proposal = f.proposal === undefined ? undefined : links.proposal(f.proposal);
  const started: Part[] =
    s.started === 'moderation-proposal'
      ? [words(w.startedProposal), ...(proposal ? [{ href: proposal, text: f.proposal!, code: true } as Part] : f.proposal ? [{ code: f.proposal } as Part] : []), words(` ${w.by} `), f.proposer === undefined ? notRecorded : words(f.proposer)]
      : [words(w.startedObjection), ...(f.objectors === undefined ? [notRecorded] : list(f.objectors))];
  const b: StatementLine[] = [
    { label: w.howStarted, parts: started },
    { label: w.factsRelied, parts: [words(s.started === 'moderation-proposal' ? w.factsProposal : w.factsObjection)] },
    { label: w.vote, parts: [words(w.voteTimes(formatTime(f.opened, lang), formatTime(f.closed, lang))), words(f.tally ? w.tally(f.tally) : w.notRecorded)] },
  ];

  const c: StatementLine[] = [
    { label: w.detection, parts: [words(s.started === 'moderation-proposal' ? w.detectedByProposer : w.detectedByObjector)] },
    { label: w.deciding, parts: [words(w.decidedByVote)] },
  ];

  const d: StatementLine[] = [{ label: w.legalGroundLabel, parts: [words(w.legalGroundNone)] }];

  const g = s.contractualGround;
  const ruleParts: Part[] =
    g.rules.length === 0
      ? [notRecorded]
      : g.rules.flatMap(({ rule }, i) => {
          const shown = links.rule(rule);
          return [...(i > 0 ? [words(', ')] : []), shown ? ({ href: shown.href, text: shown.text, ...(shown.lang ? { lang: shown.lang } : {}) } as Part) : ({ code: rule } as Part)];
        });
  const versions = unique(g.rules.map((x) => x.version));
  const e: StatementLine[] = [
    { label: w.rule, parts: ruleParts },
    { label: w.version, parts: versions.length === 0 ? [notRecorded] : [words(w.versionAt), ...versions.flatMap((v, i) => [...(i > 0 ? [words(', ')] : []), commit(v)])] },
    ...(g.reasoning === undefined
      ? [{ key: 'why' as const, label: w.why, parts: [notRecorded] }]
      : g.reasoning.map((said) => ({ key: 'why' as const, label: w.why, parts: [words(said.by === undefined ? '' : `${said.by}${t(lang).colon}`), words(said.words, links.reasoningLang)] }))),
  ];

  const red = s.redress;
  const appealLine: Part[] = r.endedBy
    ? [words(w.appealDone), { href: links.decision(r.endedBy.decision), text: r.endedBy.decision, code: true }]
    : red.appeal
      ? [
          ...recordedAppeal(red.appeal.recorded, s.decision, lang),
          words(w.appealAnyTime(red.appealDays)),
          ...(red.appeal.restoreFile ? [{ code: `git checkout ${red.appeal.restoreFrom} -- ${red.appeal.restoreFile}` } as Part] : [notRecorded]),
          words('. '),
          { href: red.appeal.link, text: w.appealLink, dated: true },
        ]
      : [words(w.noAppealForRejected), { href: links.contribute(), text: w.resubmitLink }];
  const redress: StatementLine[] = [
    { label: w.internal, parts: appealLine },
    { label: w.deadline, parts: [words(red.resubmit ? w.noDeadlineResubmit : w.noDeadline)] },
    { label: w.outside, parts: [words(w.outsideBodies)] },
  ];

  return {
    heading: w.heading,
    intro: w.intro,
    items: [
      { letter: 'a', name: w.names.a, lines: a },
      { letter: 'b', name: w.names.b, lines: b },
      { letter: 'c', name: w.names.c, lines: c },
      { letter: 'd', name: w.names.d, lines: d },
      { letter: 'e', name: w.names.e, lines: e },
      { letter: 'f', name: w.names.f, lines: redress },
    ],
  };
}

/** The record's own "how to appeal", in the page's language when coded (else its English, marked), its backticks as code. */
function recordedAppeal(recorded: NonNullable<StatementOfReasons['redress']['appeal']>['recorded'], decision: string, lang: UiLanguage): Part[] {
  const shown = shownAppeal({ post: '', rule: '', ruleVersion: '', ...recorded }, decision, lang);
  const text = shown.text.trimEnd();
  const parts: Part[] = codeSpans(text).map((segment) => (segment.code ? { code: segment.text } : { text: segment.text, lang: shown.lang }));
  return [...parts, { text: text.endsWith('.') ? ' ' : '. ' }];
}

/** A shown statement as plain text, one string per line ("label: words"), for the open data. */
export function plainStatement(shown: ShownStatement, lang: UiLanguage): { heading: string; intro: string; items: { letter: string; name: string; lines: string[] }[] } {
  const colon = t(lang).colon;
  const text = (part: Part) => ('code' in part && typeof part.code === 'string' ? part.code : 'text' in part ? part.text : '');
  return {
    heading: shown.heading,
    intro: shown.intro,
    items: shown.items.map((item) => ({ letter: item.letter, name: item.name, lines: item.lines.map((line) => `${line.label}${colon}${line.parts.map(text).join('')}`) })),
  };
}
