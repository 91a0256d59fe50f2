/**
 * The site's "under vote" list reads the ledger through the bot's own `standingOpening`
 * (issue 10 follow-up, "Trust holes"): an entry the bot sets aside is no vote and never
 * listed. Older bots wrote entries for invalid changes too (no `valid: true`); the bot now
 * ignores one whose first head was invalid, or which freezes a commit never published, and the
 * site must not show it as a change under vote. Real repositories and signed commits; no build.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOpenChanges } from '../../src/site/open-changes.ts';
import { nocloutInProcess } from '../bot/cli.ts';
import { T0 } from '../bot/clock.ts';
import { Fixture, proposalText, trackedCommons, type FileSpec } from '../repo/fixture.ts';

const commons = trackedCommons();
const REPO_URL = 'https://example.org/commons';

/** A rule proposal on its branch, signed by a member or pushed unsigned (an outsider). */
function proposal(f: Fixture, slug: string, signer?: string): string {
  const files: Record<string, FileSpec> = {
    [`content/proposals/${slug}.md`]: proposalText({ author: 'amina', title: `Proposal ${slug}` }),
    [`governance/rules/${slug}.md`]: `---\ntitle: "Rule ${slug}"\n---\n\nThe rule.\n`,
  };
  return f.commit(files, { branch: `prop/${slug}`, ...(signer ? { signer } : {}) });
}

/** A ledger entry as an older bot wrote it: no `valid` line, since it opened invalid changes too. */
function olderBotEntry(f: Fixture, change: string, fields: { head: string; firstHead: string; policyCommit: string; valid?: boolean }): void {
  const text = `change: ${change}\nhead: ${fields.head}\nopened: ${new Date(T0).toISOString()}\nfirstHead: ${fields.firstHead}\npolicyCommit: ${fields.policyCommit}\nrosterCommit: ${fields.policyCommit}\n${fields.valid ? 'valid: true\n' : ''}seen:\n  ${fields.firstHead}: ${new Date(T0).toISOString()}\n`;
  const file = join(f.dir, '.git', `older-${change}.yml`);
  writeFileSync(file, text);
  const index = { GIT_INDEX_FILE: join(f.dir, '.git', 'older-ledger-index') };
  const tip = f.git(['rev-parse', '--verify', '-q', 'refs/noclout/ledger'], {}, true);
  f.git(tip ? ['read-tree', tip] : ['read-tree', '--empty'], index);
  f.git(['update-index', '--add', '--cacheinfo', `100644,${f.git(['hash-object', '-w', file])},openings/${change}.yml`], index);
  const tree = f.git(['write-tree'], index);
  f.git(['update-ref', 'refs/noclout/ledger', f.git(['commit-tree', tree, ...(tip ? ['-p', tip] : []), '-m', 'an older bot'])]);
}

const underVote = async (f: Fixture) => (await readOpenChanges(f.dir, REPO_URL, new Set())).map((c) => c.change).sort();

describe('the site lists only ledger entries that stand, as the bot reads them', () => {
  it('an older bot\'s entry for an outsider\'s unsigned proposal (first seen invalid) is set aside: not under vote', async () => {
    const f = commons();
    const squat = proposal(f, 'squat');
    olderBotEntry(f, 'squat', { head: 'prop/squat', firstHead: squat, policyCommit: f.rev('main') });
    expect(await underVote(f)).toEqual([]);
    // The bot agrees: the entry opens nothing (the change, still unsigned, is invalid and not opened).
    const judged = (await nocloutInProcess(['review', 'prop/squat', '--repo', f.dir, '--at', T0, '--format', 'json'])).json;
    expect(judged).toMatchObject({ decision: 'invalid' });
    expect(judged.opened).toBeUndefined();
  });

  it('an entry freezing a commit never published is set aside: not under vote', async () => {
    const f = commons();
    const head = proposal(f, 'orphan', 'amina');
    olderBotEntry(f, 'orphan', { head: 'prop/orphan', firstHead: head, policyCommit: 'c'.repeat(40), valid: true });
    expect(await underVote(f)).toEqual([]);
  });

  it('control: an older entry whose first head was valid stands and is listed, like an entry the bot opens now', async () => {
    const f = commons();
    const kept = proposal(f, 'kept', 'amina');
    olderBotEntry(f, 'kept', { head: 'prop/kept', firstHead: kept, policyCommit: f.rev('main') });
    proposal(f, 'fresh', 'amina');
    const fresh = await nocloutInProcess(['review', 'prop/fresh', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(fresh.json, JSON.stringify(fresh.json.problems)).toMatchObject({ decision: 'pending' });
    const listed = await readOpenChanges(f.dir, REPO_URL, new Set());
    expect(listed.map((c) => c.change).sort()).toEqual(['fresh', 'kept']);
    expect(listed.find((c) => c.change === 'kept')).toMatchObject({ head: 'prop/kept', opened: new Date(T0).toISOString(), read: { kind: 'proposal' }, decides: { eligible: 5 } });
  });

  it('a clone that fetched the ledger after main (two fetches) would take a new entry for one freezing a commit never published; fetched together, as the workflows do, it is listed', async () => {
    const f = commons();
    proposal(f, 'late', 'amina');
    const clone = join(f.dir, '.git', 'site-clone');
    f.git(['clone', '-q', f.dir, clone]);
    // After the site's checkout, the bot moves main and opens the change on it, pushing both at once.
    f.commit({ 'governance/rules/be-kind.md': '---\ntitle: "Be kind"\n---\n\nAlways.\n' }, { message: 'main moves' });
    expect((await nocloutInProcess(['review', 'prop/late', '--repo', f.dir, '--at', T0, '--format', 'json'])).json).toMatchObject({ decision: 'pending' });
    const site = new Fixture(clone);
    site.git(['fetch', '-q', 'origin', '+refs/noclout/*:refs/noclout/*']);
    expect(await underVote(site)).toEqual([]);
    site.git(['fetch', '-q', 'origin', '+refs/noclout/*:refs/noclout/*', '+refs/heads/main:refs/remotes/origin/main']);
    expect(await underVote(site)).toEqual(['late']);
  });
});
