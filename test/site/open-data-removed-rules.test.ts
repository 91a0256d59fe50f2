/**
 * Issue 15, "Open data": "the rules with their history … so that anyone can audit the commons
 * without git". A moderation cites its rule by slug; once the commons deletes that rule, the rule
 * left /data/rules.json with its history, and a reader of the JSON alone could no longer learn
 * what the cited slug was, when it was deleted, or by which decision. Since schema 1.1, `removed`
 * lists each rule the main branch deleted and never added back: its history, the decisions that
 * changed or deleted it, and those that cited it. The file validates, with ajv, against the schema
 * the site publishes.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../src/commons/schema/decision.ts';
import { jsonSchemaOf, rulesDocument, SCHEMA_VERSION, type DataLinks, type RuleSource } from '../../src/site/open-data.ts';
import { C, idOf, PROPOSAL, recordOfCase } from './reasons-fixture.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const SITE = 'https://example.org/';
const links = { absolute: (p: string) => new URL(p, SITE).href } as unknown as DataLinks;
const change = (n: number, status: 'added' | 'modified' | 'deleted', summary: string) => ({ commit: C(n), time: `2026-1${n % 3}-0${1 + (n % 8)}T10:00:00.000Z`, status, summary });

/** The moderation of the reasons fixture (it cites `no-advertising`), and the decision that deleted that rule. */
const moderation = { id: idOf(PROPOSAL), data: recordOfCase(PROPOSAL) };
const deletion = { id: '2026/0009-drop-no-advertising', data: { ...recordOfCase(PROPOSAL), kind: 'proposal', moderation: undefined, ballots: [], files: ['content/proposals/drop-no-advertising.md', 'governance/rules/no-advertising.md'] } as DecisionRecord };
const decisions = [deletion, moderation];

const respect: RuleSource = { id: 'respect', file: 'governance/rules/respect.md', data: { title: 'Respect', order: 1 } as RuleSource['data'], html: '<p>Be kind.</p>', translations: {}, history: [change(1, 'added', 'founding')], citedBy: [] };
const changes = new Map([
  ['governance/rules/respect.md', respect.history],
  ['governance/rules/no-advertising.md', [change(1, 'added', 'founding'), change(9, 'deleted', 'Decision 2026/0009-drop-no-advertising')]],
  // Control: a rule deleted and added back is a current rule, not a removed one.
  ['governance/rules/brevity.md', [change(1, 'added', 'founding'), change(2, 'deleted', 'drop'), change(3, 'added', 'back')]],
  // Control: a file that is not a rule.
  ['content/posts/2026/gone.md', [change(1, 'added', 'post'), change(2, 'deleted', 'gone')]],
]);
const brevity: RuleSource = { ...respect, id: 'brevity', file: 'governance/rules/brevity.md', history: changes.get('governance/rules/brevity.md')! };

describe('/data/rules.json: the rules deleted since', () => {
  const document = rulesDocument([respect, brevity], decisions, links, changes);

  it('lists a deleted rule a moderation cited, with its history, the decision that deleted it and the decision that cited it', () => {
    expect(document.schemaVersion).toBe(SCHEMA_VERSION);
    expect(document.removed).toEqual([
      { slug: 'no-advertising', file: 'governance/rules/no-advertising.md', history: changes.get('governance/rules/no-advertising.md'), changedBy: [deletion.id], citedBy: [deletion.id, moderation.id] },
    ]);
  });

  it('control: the current rules stay in `rules`, a rule added back is not removed, and a deleted post is no rule', () => {
    expect(document.rules.map((r) => r.slug)).toEqual(['respect', 'brevity']);
    expect(document.removed!.map((r) => r.slug)).toEqual(['no-advertising']);
  });

  it('validates against the published schema (ajv), which refuses a removed rule without its history', () => {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    const validate = ajv.compile(jsonSchemaOf('rules', links.absolute));
    const plain = JSON.parse(JSON.stringify(document));
    expect(validate(plain), JSON.stringify(validate.errors)).toBe(true);
    delete plain.removed[0].history;
    expect(validate(plain)).toBe(false);
  });
});
