/** The demo commons that `npm start` shows must itself be a valid commons, with what issue #2 asks of it. */
import { describe, expect, it } from 'vitest';
import { readCommonsDirectory } from '../../src/cli/snapshot-fs.ts';
import { validateCommons } from '../../src/commons/validate.ts';
import { runBin } from '../fixtures/run-cli.ts';

describe('the demo commons', () => {
  it('passes noclout check', async () => {
    const result = await runBin(['check', '--repo', 'demo']);
    expect(result.stdout).toContain('No problems');
    expect(result.code).toBe(0);
  });

  it('has 6 to 10 posts in French and English, one of them a reply to another', async () => {
    const { parsed } = validateCommons(await readCommonsDirectory('demo'));
    const posts = [...parsed.posts.values()];
    expect(posts.length).toBeGreaterThanOrEqual(6);
    expect(posts.length).toBeLessThanOrEqual(10);
    expect(new Set(posts.map((p) => p.data.lang))).toEqual(new Set(['fr', 'en']));
    expect(posts.some((p) => p.data.replyTo !== undefined && parsed.posts.has(p.data.replyTo))).toBe(true);
  });

  it('has a charter of 3 to 5 rules (respect, no advertising, cite sources, privacy) and an accepted proposal with its record', async () => {
    const { parsed } = validateCommons(await readCommonsDirectory('demo'));
    expect(parsed.rules.size).toBeGreaterThanOrEqual(3);
    expect(parsed.rules.size).toBeLessThanOrEqual(5);
    expect([...parsed.rules.keys()].sort()).toEqual(['cite-sources', 'no-advertising', 'privacy', 'respect']);
    const accepted = [...parsed.decisions.values()].filter((d) => d.data.outcome === 'accepted' && parsed.proposals.has(d.data.change));
    expect(accepted.length).toBeGreaterThan(0);
  });

  it('explains each enforced number of the policy in its prose, and the size limit only where the bot applies it', async () => {
    const { parsed } = validateCommons(await readCommonsDirectory('demo'));
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
