/**
 * `noclout check` on files the first tests did not try: Windows line endings, files that are not
 * UTF-8, policy numbers written wrongly, one key listed for two members. Each case checks the
 * file, the line and the rule, and that the message says what was expected and what was found.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/commons/front-matter.ts';
import { formatProblem, problem, type Problem } from '../../src/commons/problem.ts';
import { recordDigest } from '../../src/commons/record-digest.ts';
import { parseYaml } from '../../src/commons/yaml-document.ts';
import { POLICY, sealedPostRecord, sshPublicKeyLine, writeTree, type TreeValue } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';

async function problemsOf(dir: string): Promise<{ code: number; problems: Problem[] }> {
  const result = await runCli(['check', '--repo', dir, '--format', 'json']);
  return { code: result.code, problems: (JSON.parse(result.stdout) as { problems: Problem[] }).problems };
}

async function check(overrides: Record<string, TreeValue | null>) {
  return problemsOf(await writeTree(overrides));
}

const front = (lines: string) => `---\n${lines}\n---\n\nText.\n`;
const validFront = 'title: A post\nauthor: amina\ndate: 2026-11-21\nlang: fr';
const policyWith = (from: string, to: string) => {
  expect(POLICY).toContain(from);
  return POLICY.replace(from, to);
};

describe('Windows line endings', () => {
  it('accepts a post written with CRLF line endings, its last key without a stray \\r', async () => {
    const text = front(validFront).replace(/\n/g, '\r\n');
    const { code, problems } = await check({ 'content/posts/2026/crlf.md': text });
    expect(problems).toEqual([]);
    expect(code).toBe(0);
    expect(readFrontMatter(text, { path: 'x.md' }).data).toMatchObject({ lang: 'fr' });
  });

  it('reads a CRLF summary as the words written, without \\r', () => {
    const text = front(`${validFront}\nsummary: Deux mots`).replace(/\n/g, '\r\n');
    expect(readFrontMatter(text, { path: 'x.md' }).data).toMatchObject({ summary: 'Deux mots' });
  });

  it('reads a YAML file whose last line ends with a lone \\r without keeping it in the value', () => {
    expect(parseYaml('vote: yes\r\nreason: ok\r', { path: 'b.yml' }).data).toEqual({ vote: 'yes', reason: 'ok' });
  });
});

describe('--- lines with trailing spaces', () => {
  it('points at a closing "--- " line instead of saying the front matter is not closed at all', async () => {
    const { problems } = await check({ 'content/posts/2026/spaced.md': `---\n${validFront}\n--- \n\nText.\n` });
    expect(problems).toEqual([expect.objectContaining({ rule: 'front-matter/unclosed', line: 6, message: expect.stringMatching(/spaces after ---/) })]);
  });

  it('says why an opening "--- " line opens nothing', async () => {
    const { problems } = await check({ 'content/posts/2026/spaced.md': `--- \n${validFront}\n---\n\nText.\n` });
    expect(problems).toEqual([expect.objectContaining({ rule: 'front-matter/missing', line: 1, hint: 'remove the spaces after ---' })]);
  });
});

describe('files that are not UTF-8 text', () => {
  it('refuses a post saved in Latin-1, pointing at the first byte that is not UTF-8 [file/not-utf8]', async () => {
    const dir = await writeTree({});
    await writeFile(join(dir, 'content/posts/2026/latin1.md'), Buffer.from(front('title: Caf\u00e9\nauthor: amina\ndate: 2026-11-21\nlang: fr'), 'latin1'));
    const { code, problems } = await problemsOf(dir);
    expect(code).toBe(1);
    expect(problems).toEqual([expect.objectContaining({ path: 'content/posts/2026/latin1.md', rule: 'file/not-utf8', line: 2, column: 11 })]);
    expect(problems[0]!.message).toMatch(/not UTF-8/);
  });

  it('refuses a binary file named like a ballot [file/not-utf8]', async () => {
    const dir = await writeTree({});
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'governance/ballots/hello'), { recursive: true });
    await writeFile(join(dir, 'governance/ballots/hello/amina.yml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const { problems } = await problemsOf(dir);
    expect(problems).toEqual([expect.objectContaining({ path: 'governance/ballots/hello/amina.yml', rule: 'file/not-utf8', line: 1, column: 1 })]);
  });

  it('says an empty post is empty', async () => {
    const { problems } = await check({ 'content/posts/2026/empty.md': '' });
    expect(problems).toEqual([expect.objectContaining({ rule: 'front-matter/missing', line: 1, message: expect.stringMatching(/the file is empty/) })]);
  });

  it('says an empty ballot is empty, not "expected object, received null"', async () => {
    const { problems } = await check({ 'governance/ballots/hello/amina.yml': '' });
    expect(problems).toEqual([expect.objectContaining({ rule: 'ballot/schema', message: 'the file is empty: expected `key: value` lines' })]);
  });
});

describe('policy numbers', () => {
  const cases: [string, RegExp][] = [
    ['"1/0"', /denominator .* at least 1 \(received "1\/0"\)/],
    ['"01/3"', /without leading zeros.*\(received "01\/3"\)/],
    ['"2/1"', /between "0\/1" and "1\/1".*\(received "2\/1"\)/],
    ['0.5', /quoted string "p\/q".*\(received 0\.5\)/],
  ];
  for (const [written, message] of cases) {
    it(`refuses quorum: ${written} with one problem that says why`, async () => {
      const { problems } = await check({ 'governance/policy.md': policyWith('quorum: "1/3"', `quorum: ${written}`) });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: 'governance/policy.md', rule: 'policy/schema', line: 3, column: 17 });
      expect(problems[0]!.message).toMatch(message);
    });
  }

  it('refuses a threshold with both moreThan and atLeast, saying exactly one is allowed', async () => {
    const { problems } = await check({ 'governance/policy.md': policyWith('threshold: { moreThan: "1/2" }, days: 7', 'threshold: { moreThan: "1/2", atLeast: "1/2" }, days: 7') });
    expect(problems).toEqual([expect.objectContaining({ rule: 'policy/schema', line: 3, message: expect.stringMatching(/^voting\.rules\.threshold: a threshold is exactly one of \{ moreThan: "p\/q" \} or \{ atLeast: "p\/q" \} \(received/) })]);
  });

  it('suggests moreThan for a misspelt threshold key', async () => {
    const { problems } = await check({ 'governance/policy.md': policyWith('threshold: { moreThan: "1/2" }, days: 7', 'threshold: { moreThn: "1/2" }, days: 7') });
    expect(problems[0]!.hint).toBe('"moreThn": did you mean "moreThan"?');
  });

  it('points inside a threshold whose fraction is a number', async () => {
    const { problems } = await check({ 'governance/policy.md': policyWith('threshold: { moreThan: "1/2" }, days: 7', 'threshold: { moreThan: 0.5 }, days: 7') });
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^voting\.rules\.threshold\.moreThan: a fraction is written as a quoted string/) })]);
  });

  it('refuses days: 0 in plain words, with what was received', async () => {
    const { problems } = await check({ 'governance/policy.md': policyWith('days: 7', 'days: 0') });
    expect(problems).toEqual([expect.objectContaining({ line: 3, message: 'voting.rules.days: expected a number of at least 1 (received 0)' })]);
  });

  it('refuses closeEarly: no, which is a word in YAML 1.2, not a boolean', async () => {
    const { problems } = await check({ 'governance/policy.md': policyWith('closeEarly: false', 'closeEarly: no') });
    expect(problems[0]!.message).toBe('voting.rules.closeEarly: expected true or false (received "no")');
  });
});

describe('positions of problems across files', () => {
  it('points at a quoted "author" key of a post whose author is not a member', async () => {
    const { problems } = await check({ 'content/posts/2026/quoted.md': front('title: A post\n"author": mallory\ndate: 2026-11-21\nlang: fr') });
    expect(problems).toEqual([expect.objectContaining({ rule: 'post/unknown-author', line: 3 })]);
  });
});

describe('decision records', () => {
  it('says which digest a hand-edited record carries and which its text has', async () => {
    const record = sealedPostRecord();
    const edited = record.replace('outcome: accepted', 'outcome: rejected');
    const { problems } = await check({ 'governance/decisions/2026/0001-hello.md': edited });
    const written = /digest: (sha256:[0-9a-f]{12})/.exec(edited)![1]!;
    const computed = recordDigest(edited).slice(0, 19);
    expect(problems).toEqual([expect.objectContaining({ rule: 'decision/edited-by-hand', line: 2, message: expect.stringContaining(`(written ${written}…, its text hashes to ${computed}…)`) })]);
  });
});

describe('handles that are almost a member', () => {
  it('suggests the member a misspelt author probably is', async () => {
    const { problems } = await check({ 'content/posts/2026/typo.md': front('title: A post\nauthor: amnia\ndate: 2026-11-21\nlang: fr') });
    expect(problems).toEqual([expect.objectContaining({ rule: 'post/unknown-author', line: 3, hint: expect.stringMatching(/^did you mean "amina"\?/) })]);
  });

  it('suggests the member a misspelt ballot file name probably is', async () => {
    const { problems } = await check({ 'governance/ballots/hello/brun.yml': 'vote: yes\n' });
    expect(problems).toEqual([expect.objectContaining({ rule: 'ballot/unknown-voter', hint: expect.stringMatching(/^did you mean "bruno"\?/) })]);
  });
});

describe('size limits', () => {
  it('gives a ballot over 10,000 bytes its own fixed limit, not "the policy allows"', async () => {
    const { problems } = await check({ 'governance/ballots/hello/amina.yml': `vote: yes\nreason: ${'x'.repeat(10_000)}\n` });
    expect(problems).toEqual([expect.objectContaining({ rule: 'file/too-large', message: 'file is 10019 bytes; a ballot file is at most 10000 bytes', hint: 'shorten the reason' })]);
  });

  it('sizes posts by the policy: maxBytes 1000 refuses a post of 1,200 bytes', async () => {
    const { problems } = await check({
      'governance/policy.md': policyWith('maxBytes: 100000', 'maxBytes: 1000'),
      'content/posts/2026/long.md': front(validFront).padEnd(1200, 'x'),
    });
    expect(problems).toEqual([expect.objectContaining({ path: 'content/posts/2026/long.md', rule: 'file/too-large', message: 'file is 1200 bytes; the policy allows at most 1000' })]);
  });
});

describe('members.yml', () => {
  const member = (handle: string, key: string) => `- handle: ${handle}\n  name: ${handle}\n  joined: 2026-01-01\n  keys:\n    - ${key}\n`;

  it('refuses one SSH key listed for two members: its holder could sign ballots as both', async () => {
    const key = sshPublicKeyLine('shared');
    const { problems } = await check({ 'governance/members.yml': member('amina', key) + member('bruno', key) });
    expect(problems).toEqual([expect.objectContaining({ path: 'governance/members.yml', rule: 'members/schema', line: 10, message: expect.stringMatching(/^1\.keys\.0: this key is already listed for amina/) })]);
  });

  it('refuses an empty roster: with no member, no vote could ever reach a quorum', async () => {
    const { problems } = await check({ 'governance/members.yml': '[]\n' });
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'governance/members.yml', rule: 'members/schema', message: expect.stringMatching(/at least one member/) })]));
  });

  it('names an RSA key as what it is, and says "received" once', async () => {
    const { problems } = await check({ 'governance/members.yml': member('amina', sshPublicKeyLine()) + member('bruno', 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bruno@laptop') });
    expect(problems[0]!.message).toMatch(/found a "ssh-rsa" key/);
    expect(problems[0]!.message.match(/received/g)).toHaveLength(1);
  });

  it('names the first entry of a duplicate handle the way the path counts (from 0)', async () => {
    const { problems } = await check({ 'governance/members.yml': member('amina', sshPublicKeyLine()) + member('bruno', sshPublicKeyLine()) + member('amina', sshPublicKeyLine()) });
    expect(problems[0]!.message).toMatch(/^2\.handle: handle "amina" is already used at 0\.handle/);
  });
});

describe('misspelt keys', () => {
  it('reports a misspelt required key once, as unknown with its "did you mean", not also as missing', async () => {
    const { problems } = await check({ 'content/posts/2026/typo.md': front('title: A post\nauhtor: amina\ndate: 2026-11-21\nlang: fr') });
    expect(problems).toEqual([expect.objectContaining({ rule: 'post/unknown-key', line: 3, hint: 'did you mean "author"?' })]);
  });

  it('still reports a required key that is simply missing', async () => {
    const { problems } = await check({ 'content/posts/2026/nolang.md': front('title: A post\nauthor: amina\ndate: 2026-11-21') });
    expect(problems).toEqual([expect.objectContaining({ rule: 'post/schema', message: 'lang: required, expected a string (text)' })]);
  });
});

describe('YAML messages', () => {
  it('names the duplicate key', async () => {
    const { problems } = await check({ 'content/posts/2026/dup.md': front(`${validFront}\ntitle: Again`) });
    expect(problems).toEqual([expect.objectContaining({ rule: 'yaml/duplicate-key', line: 6, message: 'duplicate key "title": each key may appear once' })]);
  });

  it('points at an unknown key written as a number or left empty, not at the top of the file', async () => {
    const { problems } = await check({ 'content/posts/2026/keys.md': front(`${validFront}\n1: x\n: y`) });
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'unknown key "1"'],
      [7, 'unknown key ""'],
    ]);
  });

  it('says to indent with spaces when a tab indents', async () => {
    const { problems } = await check({ 'content/posts/2026/tab.md': front(`${validFront}\ntags:\n\t- x`) });
    expect(problems).toEqual([expect.objectContaining({ rule: 'yaml/syntax', line: 7, hint: expect.stringMatching(/indent with spaces/) })]);
  });

  it('keeps every line of a multi-line hint indented under its problem', () => {
    const text = formatProblem(problem('a.md', 'front-matter/missing', 'no front matter', { hint: 'start with:\n---\ntitle: "…"\n---' }));
    expect(text.split('\n').slice(1).every((line) => line.startsWith('    '))).toBe(true);
  });
});

describe('paths that are almost right', () => {
  it('suggests the lowercase file name for a post named with capitals and accents', async () => {
    const { problems } = await check({ 'content/posts/2026/Égalité des voix.md': front(validFront) });
    expect(problems).toEqual([expect.objectContaining({ rule: 'path/not-allowed', message: expect.stringMatching(/like content\/posts\/2026\/egalite-des-voix\.md$/) })]);
  });

  it('says a post outside a year folder belongs in one', async () => {
    const { problems } = await check({ 'content/posts/hello-again.md': front(validFront) });
    expect(problems).toEqual([expect.objectContaining({ rule: 'path/not-allowed', message: expect.stringMatching(/a post lives in a year folder, like content\/posts\/<yyyy>\/hello-again\.md$/) })]);
  });
});

describe('paths given to check', () => {
  it('checks the whole commons when given "." (the root), and finds its problems', async () => {
    const dir = await writeTree({ 'content/posts/2026/bad.md': '+++\n' });
    const result = await runCli(['check', '.', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).problems).toEqual([expect.objectContaining({ path: 'content/posts/2026/bad.md', rule: 'front-matter/toml' })]);
  });

  it('is a usage error to name a path that holds no commons file, instead of "0 files checked"', async () => {
    const dir = await writeTree({});
    await writeFile(join(dir, 'notes.txt'), 'hello\n');
    const result = await runCli(['check', 'notes.txt', '--repo', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('notes.txt: no commons file there');
  });

  it('says how many files were checked without claiming the whole commons was', async () => {
    const dir = await writeTree({});
    const result = await runCli(['check', 'content/posts/2026/hello.md', '--repo', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('✓ 1 file checked, with the rest of the commons as context. No problems.\n');
  });
});

describe('--format json on failures', () => {
  it('prints one JSON document on stdout for a usage error too, and exits 2', async () => {
    const dir = await writeTree({});
    const result = await runCli(['check', 'nowhere.md', '--repo', dir, '--format', 'json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { kind: 'usage', message: expect.stringContaining('nowhere.md') } });
  });

  it('prints one JSON document on stdout when noclout new refuses, and exits 1', async () => {
    const dir = await writeTree({});
    const result = await runCli(['new', 'post', 'Hello', '--author', 'amina', '--repo', dir, '--format', 'json', '--at', '2026-11-24T09:00:00Z']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { kind: 'refused', message: expect.stringContaining('already') } });
  });
});

describe('the real bin', () => {
  it('stops quietly when its reader closes the pipe (noclout check | head)', async () => {
    const dir = await writeTree({});
    const many = Array.from({ length: 400 }, (_, i) => `a${i}: x`).join('\n');
    await writeFile(join(dir, 'content/posts/2026/many.md'), front(`${validFront}\n${many}`));
    const child = spawn(process.execPath, [new URL('../../bin/noclout.ts', import.meta.url).pathname, 'check', '--repo', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(1);
  });
});
