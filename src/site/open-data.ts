/**
 * The commons as open data (issue 15, "Open data"; docs/formats/open-data.md): every decision
 * record, the rules with their history, the policy and the roster as JSON files beside the pages,
 * each carrying `schemaVersion`, with a JSON Schema (draft 2020-12) per kind of file published at
 * /data/schema/v1/. Pure: plain data in, documents out; the endpoints under src/pages/data/ read
 * the site's data and write what these functions return.
 *
 * The schemas are zod, built on the commons' own schemas (a record's front matter is exactly the
 * record format, docs/formats/decision.md), and published through `z.toJSONSchema`, so the
 * published schema and the files cannot drift apart; test/site/open-data.test.ts validates the
 * files of a built site against the schemas it published, with an independent validator (ajv).
 */
import { z } from 'zod';
import { botTextSchema, decisionSchema, tallySchema, type DecisionRecord } from '../commons/schema/decision.ts';
import { commonsConfigSchema, type CommonsConfig } from '../commons/schema/commons-config.ts';
import { membersSchema, type Members } from '../commons/schema/members.ts';
import { policySchema, type Policy } from '../commons/schema/policy.ts';
import { ruleSchema, type RuleFrontMatter } from '../commons/schema/rule.ts';
import { uiLanguages, type UiLanguage } from '../i18n/index.ts';
import { plainStatement, statementText, type StatementLinks, type StatementOfReasons } from './statement-of-reasons.ts';

/**
 * `major.minor`. A new optional field is a minor step (the schemas at /data/schema/v1/ describe
 * the files of every 1.x); renaming, removing or changing the meaning of a field is a major step,
 * published under /data/schema/v2/ (docs/formats/open-data.md, Versions).
 */
export const SCHEMA_VERSION = '1.1';
export const SCHEMA_MAJOR = 'v1';

/** The kinds of file, each with its schema at /data/schema/v1/<kind>.json. */
export const DATA_KINDS = ['index', 'decision', 'rules', 'policy', 'members'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** Where each file is, relative to the site's root (under its base path). */
export const dataPaths = {
  index: 'data/index.json',
  decision: (id: string) => `data/decisions/${id}.json`,
  rules: 'data/rules.json',
  policy: 'data/policy.json',
  members: 'data/members.json',
  schema: (kind: DataKind) => `data/schema/${SCHEMA_MAJOR}/${kind}.json`,
};

const url = z.string().regex(/^https?:\/\/\S+$/);
const commit = z.string().regex(/^[0-9a-f]{40}$/);
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/);
const decisionId = z.string().regex(/^\d{4}\/\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$/);
const heading = {
  /** The schema this file follows (its absolute URL). */
  $schema: url,
  schemaVersion: z.string().regex(/^1\.\d+$/),
};
const byLanguage = <T extends z.ZodType>(value: T) => z.strictObject(Object.fromEntries(uiLanguages.map((lang) => [lang, value])) as Record<UiLanguage, T>);

const shownStatementSchema = z.strictObject({
  heading: z.string(),
  intro: z.string(),
  items: z.array(z.strictObject({ letter: z.enum(['a', 'b', 'c', 'd', 'e', 'f']), name: z.string(), lines: z.array(z.string()) })).length(6),
});

/** A statement of reasons (statement-of-reasons.ts) as data; `null` where the record holds nothing. */
export const statementSchema = z.strictObject({
  started: z.enum(['moderation-proposal', 'objection']),
  restriction: z.strictObject({
    post: z.string().nullable(),
    measure: z.enum(['hidden', 'not-published']),
    textKeptAt: commit,
    endedBy: z.strictObject({ decision: decisionId, closed: instant }).nullable(),
  }),
  facts: z.strictObject({
    proposer: z.string().nullable(),
    proposal: z.string().nullable(),
    objectors: z.array(z.string()).nullable(),
    opened: instant,
    closed: instant,
    tally: tallySchema.nullable(),
  }),
  automatedMeans: z.strictObject({ detection: z.literal(false), decision: z.literal(false) }),
  legalGround: z.strictObject({ applicable: z.literal(false) }),
  contractualGround: z.strictObject({
    rules: z.array(z.strictObject({ rule: z.string(), version: commit })),
    reasoning: z.array(z.strictObject({ by: z.string().nullable(), words: z.string() })).nullable(),
  }),
  redress: z.strictObject({
    appeal: z
      .strictObject({
        appeals: decisionId,
        recorded: z.strictObject({ appeal: z.string(), appealCode: botTextSchema.optional() }),
        proposalFile: z.string(),
        restoreFile: z.string().nullable(),
        restoreFrom: commit,
        link: url,
      })
      .nullable(),
    resubmit: z.boolean(),
    deadline: z.null(),
    appealDays: z.number().int().min(1),
    outside: z.tuple([z.literal('out-of-court-dispute-settlement'), z.literal('courts')]),
  }),
  /** The statement in words, each item under its Art. 17(3) name, in every UI language. */
  text: byLanguage(shownStatementSchema),
});

export const decisionFileSchema = z.strictObject({
  ...heading,
  id: decisionId,
  /** The record's file in the commons. */
  file: z.string(),
  /** The record's page in each UI language. */
  pages: byLanguage(url),
  /** The record's front matter, exactly as the bot wrote it (docs/formats/decision.md). */
  record: decisionSchema,
  /** The accepted appeal that reversed this decision; the decision this appeal reversed. */
  reversedBy: decisionId.nullable(),
  reverses: decisionId.nullable(),
  /** For a record that restricted a post: its statement of reasons (DSA Art. 17(3)); null otherwise. */
  statementOfReasons: statementSchema.nullable(),
});

const fileChangeSchema = z.strictObject({ commit, time: instant, status: z.enum(['added', 'modified', 'deleted']), summary: z.string() });

export const rulesFileSchema = z.strictObject({
  ...heading,
  rules: z.array(
    z.strictObject({
      slug: z.string(),
      file: z.string(),
      /** The front matter, as written. */
      rule: ruleSchema,
      /** The rule's text as the site shows it (sanitized HTML), and its translations by language. */
      html: z.string(),
      translations: z.record(z.string(), z.string()),
      /** Every commit that added, changed or deleted the file on the main branch, oldest first. */
      history: z.array(fileChangeSchema),
      /** The accepted decisions whose change touched the file. */
      changedBy: z.array(decisionId),
      /** The decisions that cited the rule (moderations, objections, proposals). */
      citedBy: z.array(decisionId),
    }),
  ),
  /**
   * Since 1.1: the rules deleted since (their file's latest change on the main branch deleted it),
   * so that a decision citing one can still be followed: its history, the decisions that changed
   * or deleted it and those that cited it. Its text at each commit is in git.
   */
  removed: z
    .array(z.strictObject({ slug: z.string(), file: z.string(), history: z.array(fileChangeSchema), changedBy: z.array(decisionId), citedBy: z.array(decisionId) }))
    .optional(),
});

export const policyFileSchema = z.strictObject({
  ...heading,
  file: z.literal('governance/policy.md'),
  /** The numbers the bot enforces (the policy's front matter). */
  policy: policySchema,
  history: z.array(fileChangeSchema),
  changedBy: z.array(decisionId),
});

export const membersFileSchema = z.strictObject({
  ...heading,
  file: z.literal('governance/members.yml'),
  /** members.yml as written: handles, names, when they joined, forge accounts and public SSH keys. */
  members: membersSchema,
  history: z.array(fileChangeSchema),
  changedBy: z.array(decisionId),
});

export const indexFileSchema = z.strictObject({
  ...heading,
  /** commons.yml as written. */
  commons: commonsConfigSchema,
  files: z.strictObject({ rules: url, policy: url, members: url }),
  schemas: z.strictObject(Object.fromEntries(DATA_KINDS.map((kind) => [kind, url])) as Record<DataKind, typeof url>),
  /** Every decision record, newest first (by closing time): the same order as the decisions journal. */
  decisions: z.array(
    z.strictObject({
      id: decisionId,
      change: z.string(),
      title: z.string(),
      kind: z.string(),
      outcome: z.enum(['accepted', 'rejected']),
      closed: instant,
      /** Whether the record restricted a post (and so carries a statement of reasons). */
      restricts: z.boolean(),
      data: url,
    }),
  ),
});

const SCHEMAS: Record<DataKind, z.ZodType> = { index: indexFileSchema, decision: decisionFileSchema, rules: rulesFileSchema, policy: policyFileSchema, members: membersFileSchema };

/** The published JSON Schema of a kind of file, with its `$id`. */
export function jsonSchemaOf(kind: DataKind, absolute: (sitePath: string) => string): Record<string, unknown> {
  const schema = z.toJSONSchema(SCHEMAS[kind], { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, $id: absolute(dataPaths.schema(kind)), title: `NoClout open data ${SCHEMA_MAJOR}: ${kind}`, ...rest };
}

/** A JSON file's text: two-space indented, ending with a newline, so files diff well. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Absolute URLs of the site's files, and the links a statement's words need. */
export interface DataLinks {
  absolute(sitePath: string): string;
  /** A page in a UI language, `decisions/2026/0001-x` → absolute URL. */
  page(lang: UiLanguage, path: string): string;
  statement(lang: UiLanguage): StatementLinks;
}

const headingOf = (kind: DataKind, links: DataLinks) => ({ $schema: links.absolute(dataPaths.schema(kind)), schemaVersion: SCHEMA_VERSION });
const nullish = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** A statement of reasons as JSON: every item, `null` where the record holds nothing, and its words in each UI language. */
export function statementDocument(s: StatementOfReasons, links: DataLinks): z.output<typeof statementSchema> {
  const appeal = s.redress.appeal;
  return {
    started: s.started,
    restriction: { post: nullish(s.restriction.post), measure: s.restriction.measure, textKeptAt: s.restriction.textKeptAt, endedBy: nullish(s.restriction.endedBy) },
    facts: { proposer: nullish(s.facts.proposer), proposal: nullish(s.facts.proposal), objectors: nullish(s.facts.objectors), opened: s.facts.opened, closed: s.facts.closed, tally: nullish(s.facts.tally) },
    automatedMeans: s.automatedMeans,
    legalGround: s.legalGround,
    contractualGround: { rules: s.contractualGround.rules, reasoning: s.contractualGround.reasoning?.map((r) => ({ by: nullish(r.by), words: r.words })) ?? null },
    redress: {
      appeal: appeal ? { appeals: appeal.appeals, recorded: appeal.recorded, proposalFile: appeal.proposalFile, restoreFile: nullish(appeal.restoreFile), restoreFrom: appeal.restoreFrom, link: appeal.link } : null,
      resubmit: s.redress.resubmit,
      deadline: null,
      appealDays: s.redress.appealDays,
      outside: ['out-of-court-dispute-settlement', 'courts'],
    },
    text: Object.fromEntries(uiLanguages.map((lang) => [lang, plainStatement(statementText(s, lang, links.statement(lang)), lang)])) as Record<UiLanguage, z.output<typeof shownStatementSchema>>,
  };
}

/** One decision record's file. */
export function decisionDocument(
  decision: { id: string; file: string; data: DecisionRecord },
  related: { reversedBy: string | undefined; reverses: string | undefined; statement: StatementOfReasons | undefined },
  links: DataLinks,
): z.output<typeof decisionFileSchema> {
  return {
    ...headingOf('decision', links),
    id: decision.id,
    file: decision.file,
    pages: Object.fromEntries(uiLanguages.map((lang) => [lang, links.page(lang, `decisions/${decision.id}`)])) as Record<UiLanguage, string>,
    record: decision.data,
    reversedBy: nullish(related.reversedBy),
    reverses: nullish(related.reverses),
    statementOfReasons: related.statement ? statementDocument(related.statement, links) : null,
  };
}

/** The index: the commons, where every other file is, and every decision. */
export function indexDocument(
  config: CommonsConfig,
  decisions: readonly { id: string; data: DecisionRecord; restricts: boolean }[],
  links: DataLinks,
): z.output<typeof indexFileSchema> {
  return {
    ...headingOf('index', links),
    commons: config,
    files: { rules: links.absolute(dataPaths.rules), policy: links.absolute(dataPaths.policy), members: links.absolute(dataPaths.members) },
    schemas: Object.fromEntries(DATA_KINDS.map((kind) => [kind, links.absolute(dataPaths.schema(kind))])) as Record<DataKind, string>,
    decisions: decisions.map(({ id, data, restricts }) => ({ id, change: data.change, title: data.title, kind: data.kind, outcome: data.outcome, closed: data.closed, restricts, data: links.absolute(dataPaths.decision(id)) })),
  };
}

/** The accepted decisions whose change touched `file`, oldest first. */
export function changedBy(file: string, decisions: readonly { id: string; data: DecisionRecord }[]): string[] {
  return decisions.filter((d) => d.data.outcome === 'accepted' && d.data.files.includes(file)).map((d) => d.id).reverse();
}

export interface RuleSource {
  id: string;
  file: string;
  data: RuleFrontMatter;
  html: string;
  translations: Record<string, string>;
  history: readonly z.output<typeof fileChangeSchema>[];
  citedBy: readonly { id: string }[];
}

export function rulesDocument(
  rules: readonly RuleSource[],
  decisions: readonly { id: string; data: DecisionRecord }[],
  links: DataLinks,
  changes: ReadonlyMap<string, readonly z.output<typeof fileChangeSchema>[]> = new Map(),
): z.output<typeof rulesFileSchema> {
  return {
    ...headingOf('rules', links),
    rules: rules.map((r) => ({ slug: r.id, file: r.file, rule: r.data, html: r.html, translations: r.translations, history: [...r.history], changedBy: changedBy(r.file, decisions), citedBy: r.citedBy.map((d) => d.id) })),
    removed: removedRules(rules, decisions, changes),
  };
}

const RULE_FILE = /^governance\/rules\/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** The rules whose file the main branch deleted and never added back, by slug, with what changed and cited them. */
function removedRules(rules: readonly RuleSource[], decisions: readonly { id: string; data: DecisionRecord }[], changes: ReadonlyMap<string, readonly z.output<typeof fileChangeSchema>[]>) {
  const current = new Set(rules.map((r) => r.file));
  const removed = [...changes].flatMap(([file, history]) => {
    const slug = RULE_FILE.exec(file)?.[1];
    if (slug === undefined || current.has(file) || history.at(-1)?.status !== 'deleted') return [];
    const cites = (d: DecisionRecord) => d.moderation?.rule === slug || d.ballots.some((b) => b.rule === slug) || d.files.includes(file);
    return [{ slug, file, history: [...history], changedBy: changedBy(file, decisions), citedBy: decisions.filter((d) => cites(d.data)).map((d) => d.id) }];
  });
  return removed.sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

export function policyDocument(policy: Policy, history: readonly z.output<typeof fileChangeSchema>[], decisions: readonly { id: string; data: DecisionRecord }[], links: DataLinks): z.output<typeof policyFileSchema> {
  const file = 'governance/policy.md';
  return { ...headingOf('policy', links), file, policy, history: [...history], changedBy: changedBy(file, decisions) };
}

export function membersDocument(members: Members, history: readonly z.output<typeof fileChangeSchema>[], decisions: readonly { id: string; data: DecisionRecord }[], links: DataLinks): z.output<typeof membersFileSchema> {
  const file = 'governance/members.yml';
  return { ...headingOf('members', links), file, members, history: [...history], changedBy: changedBy(file, decisions) };
}
