/**
 * `noclout check`: every refusal names the file, the line and the rule.
 * Each case feeds one bad file into an otherwise valid commons.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { POLICY, sealedPostRecord, writeTree, type TreeValue } from '../fixtures/commons-tree.ts';
import { runBin, runCli } from '../fixtures/run-cli.ts';
import { sealRecord } from '../../src/commons/record-digest.ts';

const post = (front: string, body = 'Text.\n') => `---\n${front}\n---\n\n${body}`;
const validFront = 'title: A post\nauthor: amina\ndate: 2026-11-21\nlang: fr';

async function check(overrides: Record<string, TreeValue | null>) {
  const dir = await writeTree(overrides);
  const result = await runCli(['check', '--repo', dir, '--format', 'json']);
  const report = JSON.parse(result.stdout) as { ok: boolean; problems: Problem[] };
  return { ...result, report };
}

async function expectProblem(overrides: Record<string, TreeValue | null>, expected: { path: string; rule: string; line?: number; message?: RegExp }) {
  const { code, report } = await check(overrides);
  expect(code).toBe(1);
  const found = report.problems.find((p) => p.path === expected.path && p.rule === expected.rule);
  expect(found, `expected ${expected.rule} on ${expected.path}, got ${JSON.stringify(report.problems)}`).toBeDefined();
  if (expected.line !== undefined) expect(found!.line).toBe(expected.line);
  if (expected.message) expect(found!.message).toMatch(expected.message);
  return found!;
}

describe('noclout check', () => {
  it('accepts a valid commons and exits 0', async () => {
    const { code, report } = await check({});
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
  });

  it('prints problems as path:line:col: message [rule] from the real bin, exit 1', async () => {
    const dir = await writeTree({ 'content/posts/2026/bad.md': post('title: A post\nauthor: amina\ndate: 2026-11-21\nlang: fr\ntitel: typo') });
    const result = await runBin(['check', '--repo', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('content/posts/2026/bad.md:6:1: unknown key "titel" [post/unknown-key]');
    expect(result.stdout).toContain('did you mean "title"?');
  });

  it('refuses TOML front matter', () =>
    expectProblem({ 'content/posts/2026/toml.md': '+++\ntitle = "x"\n+++\n' }, { path: 'content/posts/2026/toml.md', rule: 'front-matter/toml', line: 1 }));

  it('refuses blank lines before the front matter', () =>
    expectProblem({ 'content/posts/2026/blank.md': `\n\n${post(validFront)}` }, { path: 'content/posts/2026/blank.md', rule: 'front-matter/leading-blank', line: 3 }));

  it('refuses a file without front matter', () =>
    expectProblem({ 'content/posts/2026/none.md': '# Just text\n' }, { path: 'content/posts/2026/none.md', rule: 'front-matter/missing' }));

  it('refuses an unclosed front matter', () =>
    expectProblem({ 'content/posts/2026/open.md': `---\n${validFront}\n` }, { path: 'content/posts/2026/open.md', rule: 'front-matter/unclosed' }));

  it('refuses duplicate keys, pointing at the second', () =>
    expectProblem({ 'content/posts/2026/dup.md': post(`${validFront}\ntitle: Again`) }, { path: 'content/posts/2026/dup.md', rule: 'yaml/duplicate-key', line: 6 }));

  it('refuses YAML aliases (alias bomb)', () =>
    expectProblem(
      { 'content/posts/2026/bomb.md': post(`${validFront}\ntags: &a [x, x]\nsummary: *a`) },
      { path: 'content/posts/2026/bomb.md', rule: 'yaml/alias', line: 6 },
    ));

  it('refuses __proto__ keys', () =>
    expectProblem({ 'content/posts/2026/proto.md': post(`${validFront}\n__proto__: { polluted: true }`) }, { path: 'content/posts/2026/proto.md', rule: 'yaml/forbidden-key', line: 6 }));

  it('refuses constructor keys in YAML files too', () =>
    expectProblem({ 'governance/ballots/hello/amina.yml': 'vote: yes\nconstructor: x\n' }, { path: 'governance/ballots/hello/amina.yml', rule: 'yaml/forbidden-key', line: 2 }));

  it('refuses an unknown key with a "did you mean" hint', async () => {
    const found = await expectProblem({ 'content/posts/2026/typo.md': post(`title: A post\nauhtor: amina\ndate: 2026-11-21\nlang: fr`) }, { path: 'content/posts/2026/typo.md', rule: 'post/unknown-key', line: 3 });
    expect(found.hint).toBe('did you mean "author"?');
  });

  it('refuses a schema error and says what was received', () =>
    expectProblem({ 'content/posts/2026/date.md': post('title: A post\nauthor: amina\ndate: 21/11/2026\nlang: fr') }, { path: 'content/posts/2026/date.md', rule: 'post/schema', line: 4, message: /YYYY-MM-DD.*received "21\/11\/2026"/ }));

  it('refuses a file over the policy size limit', () =>
    expectProblem({ 'content/posts/2026/big.md': post(validFront, 'x'.repeat(100_001)) }, { path: 'content/posts/2026/big.md', rule: 'file/too-large', message: /at most 100000/ }));

  it('refuses an author who is not a member', () =>
    expectProblem({ 'content/posts/2026/stranger.md': post('title: A post\nauthor: mallory\ndate: 2026-11-21\nlang: fr') }, { path: 'content/posts/2026/stranger.md', rule: 'post/unknown-author', line: 3 }));

  it('refuses a replyTo that points nowhere', () =>
    expectProblem({ 'content/posts/2026/reply.md': post(`${validFront}\nreplyTo: 2026/nowhere`) }, { path: 'content/posts/2026/reply.md', rule: 'post/reply-to-missing', line: 6 }));

  it('accepts a replyTo that points to an existing post', async () => {
    const { code } = await check({ 'content/posts/2026/reply.md': post(`${validFront}\nreplyTo: 2026/hello`) });
    expect(code).toBe(0);
  });

  for (const ext of ['mdx', 'astro', 'html']) {
    it(`refuses a post in a forbidden format (.${ext})`, () =>
      expectProblem({ [`content/posts/2026/code.${ext}`]: post(validFront) }, { path: `content/posts/2026/code.${ext}`, rule: 'path/not-allowed', message: new RegExp(`\\.${ext} files are code`) }));
  }

  it('refuses a symlink', () =>
    expectProblem({ 'content/posts/2026/link.md': { symlink: '/etc/passwd' } }, { path: 'content/posts/2026/link.md', rule: 'file/not-regular', message: /symbolic link/ }));

  it('refuses an executable file', () =>
    expectProblem({ 'content/posts/2026/run.md': { executable: post(validFront) } }, { path: 'content/posts/2026/run.md', rule: 'file/not-regular', message: /executable/ }));

  it('refuses a ballot for a change that does not exist', () =>
    expectProblem({ 'governance/ballots/no-such-change/amina.yml': 'vote: yes\n' }, { path: 'governance/ballots/no-such-change/amina.yml', rule: 'ballot/unknown-change' }));

  it('refuses a ballot file named after someone who is not a member', () =>
    expectProblem({ 'governance/ballots/hello/mallory.yml': 'vote: no\n' }, { path: 'governance/ballots/hello/mallory.yml', rule: 'ballot/unknown-voter' }));

  it('refuses a members.yml key that is not an SSH public key', () =>
    expectProblem(
      { 'governance/members.yml': '- handle: amina\n  name: Amina\n  joined: 2026-01-01\n  keys: ["not a key"]\n' },
      { path: 'governance/members.yml', rule: 'members/schema', line: 4 },
    ));

  it('refuses duplicate handles in members.yml', async () => {
    const dir = await writeTree({});
    const { readFile } = await import('node:fs/promises');
    const members = await readFile(`${dir}/governance/members.yml`, 'utf8');
    await expectProblem({ 'governance/members.yml': members + members.split('- handle: bruno')[0]!.replace('- handle: amina', '- handle: amina') }, { path: 'governance/members.yml', rule: 'members/schema', message: /already used/ });
  });

  it('refuses a non-ASCII handle', () =>
    expectProblem({ 'content/posts/2026/h.md': post('title: A post\nauthor: amína\ndate: 2026-11-21\nlang: fr') }, { path: 'content/posts/2026/h.md', rule: 'post/schema', line: 3 }));

  it('refuses a policy fraction that is not an exact string', () =>
    expectProblem(
      { 'governance/policy.md': POLICY.replace('quorum: "1/3"', 'quorum: 0.33') },
      { path: 'governance/policy.md', rule: 'policy/schema', line: 3, message: /fraction/ },
    ));

  it('refuses a decision record edited by hand', async () => {
    const record = sealedPostRecord();
    const intact = await check({ 'governance/decisions/2026/0001-hello.md': record });
    expect(intact.report.problems).toEqual([]);
    await expectProblem({ 'governance/decisions/2026/0001-hello.md': record.replace('outcome: accepted', 'outcome: rejected') }, { path: 'governance/decisions/2026/0001-hello.md', rule: 'decision/edited-by-hand', line: 2 });
  });

  it('refuses a post whose slug is already used in another year', () =>
    expectProblem({ 'content/posts/2025/hello.md': post(validFront) }, { path: 'content/posts/2026/hello.md', rule: 'change/duplicate-slug' }));

  it('tells every file sharing a slug, so checking one of them alone finds the collision', async () => {
    const dir = await writeTree({ 'content/posts/2025/hello.md': post(validFront) });
    for (const file of ['content/posts/2025/hello.md', 'content/posts/2026/hello.md']) {
      const result = await runCli(['check', file, '--repo', dir, '--format', 'json']);
      const problems = (JSON.parse(result.stdout) as { problems: { path: string; rule: string; message: string }[] }).problems;
      expect(problems.map((p) => [p.path, p.rule]), file).toEqual([[file, 'change/duplicate-slug']]);
      expect(result.code).toBe(1);
    }
  });

  it('refuses a file named after a change already decided: rejected, or accepted for another file', async () => {
    const rejected = sealedPostRecord().replace('outcome: accepted', 'outcome: rejected');
    const found = await expectProblem({ 'governance/decisions/2026/0001-hello.md': sealRecord(rejected.replace(/^digest: .*\n/m, '')) }, { path: 'content/posts/2026/hello.md', rule: 'change/name-taken' });
    expect(found.message).toBe('the slug "hello" names a change already decided (rejected, governance/decisions/2026/0001-hello.md): a decided change keeps its name');
    // The accepted record's own file is that change, not a new one.
    expect((await check({ 'governance/decisions/2026/0001-hello.md': sealedPostRecord() })).report.problems).toEqual([]);
  });

  it('reports a missing governance file', () => expectProblem({ 'governance/policy.md': null }, { path: 'governance/policy.md', rule: 'commons/missing-file' }));

  it('collects every problem at once', async () => {
    const { report } = await check({
      'content/posts/2026/a.md': '+++\n',
      'content/posts/2026/b.md': post('title: B\nauthor: nobody\ndate: 2026-11-21\nlang: fr'),
      'content/posts/2026/c.mdx': 'x',
    });
    expect(new Set(report.problems.map((p) => p.rule))).toEqual(new Set(['front-matter/toml', 'post/unknown-author', 'path/not-allowed']));
  });

  it('checks only the files given, with the rest as context', async () => {
    const dir = await writeTree({ 'content/posts/2026/bad.md': '+++\n', 'content/posts/2026/reply.md': post(`${validFront}\nreplyTo: 2026/hello`) });
    const result = await runCli(['check', 'content/posts/2026/reply.md', '--repo', dir]);
    expect(result.code).toBe(0);
    const all = await runCli(['check', '--repo', dir]);
    expect(all.code).toBe(1);
  });

  it('is a usage error (exit 2) to give an unknown option or a missing path', async () => {
    const dir = await writeTree({});
    expect((await runCli(['check', '--frobnicate', '--repo', dir])).code).toBe(2);
    const missing = await runCli(['check', 'content/nope.md', '--repo', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});
