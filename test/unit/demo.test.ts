/**
 * This repository is a commons (issue #11, §1): the root's content/ and governance/ are the demo
 * that `npm start` shows. A community replaces them with its own (or `noclout init` does), so the
 * only test of the root is one that holds for any valid commons: it passes check. What the site
 * tests rely on (replies, records, a charter) is asserted of their own copy of the demo,
 * test/fixtures/demo-commons, versioned with them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommonsDirectory } from '../../src/cli/snapshot-fs.ts';
import { validateCommons } from '../../src/commons/validate.ts';
import { DEMO_COMMONS as DEMO, ROOT } from '../fixtures/demo-commons.ts';
import { runBin } from '../fixtures/run-cli.ts';

describe('the root commons', () => {
  it('passes noclout check, run from the root without --repo as `npm run check` runs it; platform files (src/, test/, package.json) are not judged', async () => {
    const result = await runBin(['check', '--format', 'json'], ROOT);
    const report = JSON.parse(result.stdout) as { ok: boolean; files: number; problems: { path: string }[] };
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(result.code).toBe(0);
    // Only content/ and governance/ are read: the fixture commons under test/ is not the root's.
    const snapshot = await readCommonsDirectory(ROOT);
    expect(report.files).toBe(snapshot.entries.size);
    expect([...snapshot.entries.keys()].every((p) => p.startsWith('content/') || p.startsWith('governance/'))).toBe(true);
  });
});

describe("the tests' demo commons (test/fixtures/demo-commons)", () => {
  it('passes noclout check', async () => {
    const result = await runBin(['check', '--repo', path.relative(ROOT, DEMO)], ROOT);
    expect(result.stdout).toContain('No problems');
    expect(result.code).toBe(0);
  });

  it('has 6 to 10 posts in French and English, one of them a reply to another', async () => {
    const { parsed } = validateCommons(await readCommonsDirectory(DEMO));
    const posts = [...parsed.posts.values()];
    expect(posts.length).toBeGreaterThanOrEqual(6);
    expect(posts.length).toBeLessThanOrEqual(10);
    expect(new Set(posts.map((p) => p.data.lang))).toEqual(new Set(['fr', 'en']));
    expect(posts.some((p) => p.data.replyTo !== undefined && parsed.posts.has(p.data.replyTo))).toBe(true);
  });

  it('has a charter of 3 to 5 rules (respect, no advertising, cite sources, privacy) and an accepted proposal with its record', async () => {
    const { parsed } = validateCommons(await readCommonsDirectory(DEMO));
    expect(parsed.rules.size).toBeGreaterThanOrEqual(3);
    expect(parsed.rules.size).toBeLessThanOrEqual(5);
    expect([...parsed.rules.keys()].sort()).toEqual(['cite-sources', 'no-advertising', 'privacy', 'respect']);
    const accepted = [...parsed.decisions.values()].filter((d) => d.data.outcome === 'accepted' && parsed.proposals.has(d.data.change));
    expect(accepted.length).toBeGreaterThan(0);
  });

  it('explains each enforced number of the policy in its prose, and the size limit only where the bot applies it', async () => {
    const { parsed } = validateCommons(await readCommonsDirectory(DEMO));
    const { voting, posts } = parsed.policy!.data;
    const prose = parsed.policy!.body;
    for (const [kind, rule] of Object.entries(voting)) {
      const threshold = 'moreThan' in rule.threshold ? rule.threshold.moreThan : rule.threshold.atLeast;
      expect(prose, kind).toContain(`quorum ${rule.quorum}`);
      expect(prose, kind).toMatch(new RegExp(`${rule.days} days`));
      expect(threshold).toMatch(/^\d+\/\d+$/);
    }
    expect(prose).toContain(`${posts.objectionHours} objection hours`);
    expect(prose).toContain(`at most ${posts.maxPerAuthorPerWeek} per author per week`);
    expect(prose).toContain(`at most ${posts.maxBytes.toLocaleString('en')} bytes`);
    expect(prose).not.toMatch(/applies\s+to\s+every\s+file/);
    expect(prose).toMatch(/every\s+post,\s+proposal\s+and\s+rule/);
  });
});
