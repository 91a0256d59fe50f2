/**
 * Issue #11 §6: "one mistake gives one message (a date like `04/12/2026`, tags written as
 * `potager, hiver`)" and '"1 rules" reads "1 rule"'. Each mistake is one problem whose hint writes
 * the right form from what was received; every count in human output goes through one plural helper.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { count, plural } from '../../src/commons/plural.ts';
import type { Problem } from '../../src/commons/problem.ts';
import { dateMistake } from '../../src/commons/schema/common.ts';
import { writeTree, type TreeValue } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';

const post = (front: string) => `---\n${front}\n---\n\nTexte.\n`;
const PATH = 'content/posts/2026/potager.md';

async function problemsOf(overrides: Record<string, TreeValue | null>): Promise<Problem[]> {
  const dir = await writeTree(overrides);
  const result = await runCli(['check', '--repo', dir, '--format', 'json']);
  return (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
}

describe('one mistake, one message, with the right form in its hint', () => {
  it('date: 04/12/2026 is one problem, whose hint writes it both ways (day or month first)', async () => {
    const problems = await problemsOf({ [PATH]: post('title: Potager\nauthor: amina\ndate: 04/12/2026\nlang: fr') });
    expect(problems).toEqual([
      expect.objectContaining({ path: PATH, line: 4, rule: 'post/schema', message: 'date: a date is written YYYY-MM-DD, like 2026-11-24 (received "04/12/2026")', hint: 'write year-month-day: 2026-12-04 if 04 is the day, 2026-04-12 if 04 is the month' }),
    ]);
  });

  it('tags: potager, hiver (a line of text) is one problem, whose hint writes the list', async () => {
    const problems = await problemsOf({ [PATH]: post('title: Potager\nauthor: amina\ndate: 2026-12-04\nlang: fr\ntags: potager, hiver') });
    expect(problems).toEqual([expect.objectContaining({ path: PATH, line: 6, rule: 'post/schema', message: 'tags: expected a list (received "potager, hiver")', hint: 'write a list: tags: [potager, hiver]' })]);
  });

  it('a date in a member\'s `joined` is read the same way: one problem, one right form', async () => {
    const members = `- handle: amina\n  name: Amina\n  joined: 21/11/2026\n  keys:\n    - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGbM1vXH9R8wK1o1c0b1bqV0u0ZC2t5bJ9fRrZ8JbWpq amina\n`;
    const problems = (await problemsOf({ 'governance/members.yml': members })).filter((p) => p.message.includes('joined'));
    expect(problems).toEqual([expect.objectContaining({ rule: 'members/schema', hint: 'write year-month-day: 2026-11-21' })]);
  });

  it('control: the same post written right has no problem; a date that is no calendar day is still one problem', async () => {
    expect(await problemsOf({ [PATH]: post('title: Potager\nauthor: amina\ndate: 2026-12-04\nlang: fr\ntags: [potager, hiver]') })).toEqual([]);
    const wrongDay = await problemsOf({ [PATH]: post('title: Potager\nauthor: amina\ndate: 2026-02-30\nlang: fr') });
    expect(wrongDay.map((p) => p.message)).toEqual(['date: not a real calendar date (received "2026-02-30")']);
  });

  it('dateMistake: the forms people write, and the one they mean', () => {
    expect(dateMistake('2026-12-04')).toBeUndefined();
    expect(dateMistake('2026/12/4')?.hint).toBe('write 2026-12-04');
    expect(dateMistake('31/12/2026')?.hint).toBe('write year-month-day: 2026-12-31');
    expect(dateMistake('12/31/2026')?.hint).toBe('write year-month-day: 2026-12-31');
    expect(dateMistake('05.05.2026')?.hint).toBe('write year-month-day: 2026-05-05');
    expect(dateMistake('yesterday')).toEqual({ message: 'a date is written YYYY-MM-DD, like 2026-11-24', mistake: expect.objectContaining({ fault: 'form', meant: '' }) });
  });
});

describe('counts read right: "1 rule", never "1 rules"', () => {
  it('check\'s summary of a commons with one post and one rule', async () => {
    const result = await runCli(['check', '--repo', await writeTree()]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('checked: 1 post, 0 proposals, 1 rule, 0 decision records, 2 members. No problems.');
  });

  it('the helper follows the locale\'s plural rules (French puts 0 in the singular)', () => {
    expect([count(0, 'rule'), count(1, 'rule'), count(2, 'rule')]).toEqual(['0 rules', '1 rule', '2 rules']);
    expect(count(1, { one: 'branch', other: 'branches' })).toBe('1 branch');
    expect(plural(2, { one: 'it is', other: 'they are' })).toBe('they are');
    const billet = { one: 'billet', other: 'billets' };
    expect([count(0, billet, 'fr'), count(1, billet, 'fr'), count(2, billet, 'fr')]).toEqual(['0 billet', '1 billet', '2 billets']);
  });

  it('no hand-made plural is left in the command line and the bot: every count goes through src/commons/plural.ts', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
    const handMade = /=== 1 \? '' : 's'|=== 1 \? 's' : ''|!== 1 \? 's' : ''|\$\{[^}]*(?:length|size)\} (?:rules|posts|files|members|ballots|problems|records|keys|branches)\b/;
    const found = ['cli', 'bot', 'ballots'].flatMap((layer) => files(join(root, layer))).flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => [file, i + 1, line] as const)).filter(([, , line]) => handMade.test(line));
    expect(found.map(([file, line]) => `${file.slice(root.length)}:${line}`)).toEqual([]);
  });
});
