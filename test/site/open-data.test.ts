/**
 * Issue 15, "Open data": every decision record, the rules with their history, the policy and the
 * roster are published as JSON beside the pages (one file per record plus an index), with a
 * documented, versioned schema. The files of a built fixture site are validated against the
 * schemas the same site published, by an independent validator (ajv, JSON Schema draft 2020-12);
 * a deliberately broken file fails, so the validation means something.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtSite, commonsWith } from '../e2e/harness.ts';
import { recordPath, renderRecord } from '../../src/commons/decision-record.ts';
import { idOf, OBJECTION, OLD, PROPOSAL, recordFiles, recordOfCase } from './reasons-fixture.ts';
import { buildInto } from './site-trees.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const SITE = 'https://demo.noclout.example/';
const KINDS = ['index', 'decision', 'rules', 'policy', 'members'] as const;

let dist: string;
let ajv: Ajv2020;
const read = async (file: string) => JSON.parse(await readFile(path.join(dist, file), 'utf8'));

beforeAll(async () => {
  dist = await builtSite(await commonsWith(recordFiles()));
  ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
  for (const kind of KINDS) ajv.addSchema(await read(`data/schema/v1/${kind}.json`));
}, 600_000);

/** The problems ajv finds in a file against the published schema of its kind; empty when it is valid. */
function problems(kind: (typeof KINDS)[number], value: unknown): string[] {
  const validate = ajv.getSchema(`${SITE}data/schema/v1/${kind}.json`)!;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

async function decisionFiles(): Promise<string[]> {
  const entries = await readdir(path.join(dist, 'data/decisions'), { recursive: true });
  return entries.filter((e) => e.endsWith('.json')).map((e) => `data/decisions/${e.split(path.sep).join('/')}`).sort();
}

describe('the published schemas', () => {
  it('are JSON Schema draft 2020-12, each with its own address as $id, under /data/schema/v1/', async () => {
    for (const kind of KINDS) {
      const schema = await read(`data/schema/v1/${kind}.json`);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`${SITE}data/schema/v1/${kind}.json`);
    }
  });
});

describe('the published files validate against the published schemas', () => {
  it('the index lists every decision record, each with its file, and names the other files and schemas', async () => {
    const index = await read('data/index.json');
    expect(problems('index', index)).toEqual([]);
    expect(index.schemaVersion).toBe('1.1');
    const ids = index.decisions.map((d: { id: string }) => d.id);
    expect(new Set(ids)).toEqual(new Set(['2026/0001-cite-sources', OLD, idOf(OBJECTION), idOf(PROPOSAL)]));
    expect((await decisionFiles()).map((f) => f.replace(/^data\/decisions\/|\.json$/g, ''))).toEqual([...ids].sort());
    expect(index.decisions.filter((d: { restricts: boolean }) => d.restricts).map((d: { id: string }) => d.id).sort()).toEqual([OLD, idOf(OBJECTION), idOf(PROPOSAL)].sort());
    expect(index.files.rules).toBe(`${SITE}data/rules.json`);
  });

  it('every decision record’s file, with the record exactly as its front matter', async () => {
    for (const file of await decisionFiles()) {
      const value = await read(file);
      expect(problems('decision', value), file).toEqual([]);
      expect(value.$schema).toBe(`${SITE}data/schema/v1/decision.json`);
    }
    const old = await read(`data/decisions/${OLD}.json`);
    expect(old.record.moderation.post).toBe('2026/panneaux-solaires-a-prix-reduit');
    expect(old.record.reasonCodes).toBeUndefined();
    expect(old.pages.fr).toBe(`${SITE}fr/decisions/${OLD}/`);
  });

  it('the rules, with their history in git and the decisions that changed or cited them', async () => {
    const rules = await read('data/rules.json');
    expect(problems('rules', rules)).toEqual([]);
    const advertising = rules.rules.find((r: { slug: string }) => r.slug === 'no-advertising');
    expect(advertising.history.length).toBeGreaterThan(0);
    expect(advertising.citedBy).toEqual(expect.arrayContaining([OLD, idOf(OBJECTION), idOf(PROPOSAL)]));
    const cite = rules.rules.find((r: { slug: string }) => r.slug === 'cite-sources');
    expect(cite.changedBy).toEqual(['2026/0001-cite-sources']);
  });

  it('the policy’s numbers, and the roster with public keys only', async () => {
    const policy = await read('data/policy.json');
    expect(problems('policy', policy)).toEqual([]);
    expect(policy.policy.voting.moderation.days).toBeGreaterThan(0);
    const members = await read('data/members.json');
    expect(problems('members', members)).toEqual([]);
    expect(members.members.length).toBeGreaterThan(0);
    const text = JSON.stringify(members);
    expect(text).not.toMatch(/PRIVATE KEY/);
    for (const member of members.members) for (const key of member.keys) expect(key).toMatch(/^ssh-ed25519 /);
  });
});

describe('a deliberately broken file fails: the validator is real', () => {
  it('refuses a record whose outcome is not one of its values, a missing schemaVersion, and an extra key', async () => {
    const good = await read(`data/decisions/${idOf(PROPOSAL)}.json`);
    expect(problems('decision', good)).toEqual([]);
    expect(problems('decision', { ...good, record: { ...good.record, outcome: 'maybe' } }).join('\n')).toMatch(/\/record\/outcome/);
    const { schemaVersion: _v, ...unversioned } = good;
    expect(problems('decision', unversioned).join('\n')).toMatch(/schemaVersion/);
    expect(problems('decision', { ...good, statementOfReasons: { ...good.statementOfReasons, automatedMeans: { detection: true, decision: false } } }).join('\n')).toMatch(/automatedMeans\/detection/);
    expect(problems('index', { ...(await read('data/index.json')), popularity: 1 }).join('\n')).toMatch(/additional/);
  });
});

describe('one file per record, each with its own key (incremental builds, issue 14)', () => {
  it('a new decision renders its own file and the index, and keeps every other record’s file', { timeout: 600_000 }, async () => {
    const commons = await commonsWith(recordFiles());
    const work = await mkdtemp(path.join(os.tmpdir(), 'noclout-open-data-'));
    const cache = path.join(work, 'cache');
    const state = async () => (JSON.parse(await readFile(path.join(cache, 'site-state.json'), 'utf8')) as { pages: Record<string, { key: string }> }).pages;
    await buildInto(commons, path.join(work, 'first'), cache);
    const before = await state();
    const late = { number: 5, change: 'late-note', title: 'A late note', kind: 'post' as const, opened: '2026-10-05T09:00:00.000Z', ballots: () => [] };
    const { digest: _digest, ...record } = recordOfCase(late);
    await writeFile(path.join(commons, recordPath('2026', 5, 'late-note')), renderRecord(record));
    // Committed on the day of the first commit: the appeal links' date does not move.
    const git = (...args: string[]) => promisify(execFile)('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: commons, env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-01T18:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T18:00:00Z' } });
    await git('add', '-A');
    await git('commit', '-q', '-m', 'a late decision');
    const second = await buildInto(commons, path.join(work, 'second'), cache);
    expect(second.stdout).toMatch(/incremental build/);
    const after = await state();
    const records = Object.keys(before).filter((p) => p.includes('/data/decisions/'));
    expect(records.length).toBe(4);
    for (const pathname of records) expect(after[pathname]?.key, pathname).toBe(before[pathname]!.key);
    expect(Object.keys(after).some((p) => p.includes('/data/decisions/2026/0005-late-note'))).toBe(true);
    const index = Object.keys(after).find((p) => p.includes('/data/index'))!;
    expect(after[index]!.key).not.toBe(before[index]!.key);
    await rm(work, { recursive: true, force: true });
    await rm(commons, { recursive: true, force: true });
  });
});
