/**
 * A control character in a title or summary is invisible on a page, and in an RSS feed it makes
 * the whole feed invalid XML: one post would break every reader's subscription. `noclout check`
 * refuses it where it is written, naming the character.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';

async function checkPost(frontMatter: string) {
  const dir = await writeTree({ 'content/posts/2026/bell.md': `---\n${frontMatter}\nauthor: amina\ndate: 2026-11-21\nlang: fr\n---\n\nText.\n` });
  const result = await runCli(['check', '--repo', dir, '--format', 'json']);
  return { code: result.code, problems: (JSON.parse(result.stdout) as { problems: Problem[] }).problems };
}

describe('control characters in text fields', () => {
  it('a title with a bell character (YAML "\\a") is refused, naming the character and where it is', async () => {
    const { code, problems } = await checkPost('title: "Ring \\a the bell"');
    expect(code).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'content/posts/2026/bell.md', line: 2, rule: 'post/control-character' });
    // Reported once, by the field's rule, not again as a character of the body.
    expect(problems[0]!.message).toContain('U+0007 at character 6');
    expect(problems[0]!.hint).toMatch(/delete it/);
  });

  it('a summary with a C1 control character is refused too', async () => {
    const { problems } = await checkPost('title: Fine\nsummary: "odd \\x85 here"');
    expect(problems.map((p) => [p.rule, p.line])).toEqual([['post/control-character', 3]]);
    expect(problems[0]!.message).toContain('U+0085');
  });

  it('a right-to-left override, which makes a title display in another order than written, is refused', async () => {
    const { problems } = await checkPost('title: "Invoice \u202Efdp.exe"');
    expect(problems.map((p) => p.rule)).toEqual(['post/control-character']);
    expect(problems[0]!.message).toContain('U+202E');
  });

  it('prints the invisible characters it quotes as <U+XXXX>, so a terminal neither acts on nor hides them', async () => {
    const dir = await writeTree({ 'content/posts/2026/bell.md': '---\ntitle: Fine\nauthor: "ami\u202Ena\u0007"\ndate: 2026-11-21\nlang: fr\n---\n\nText.\n' });
    const result = await runCli(['check', '--repo', dir]);
    expect(result.stdout).toContain('(received "ami<U+202E>na\\u0007")');
    expect(result.stdout).not.toMatch(/[\u0007\u202E]/u);
  });

  it('a control character in the body is refused at its line and column', async () => {
    const dir = await writeTree({ 'content/posts/2026/bell.md': '---\ntitle: Fine\nauthor: amina\ndate: 2026-11-21\nlang: fr\n---\n\nFirst line.\nRing \u0007 here.\n' });
    const result = await runCli(['check', '--repo', dir, '--format', 'json']);
    const problems = (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
    expect(problems).toEqual([expect.objectContaining({ rule: 'post/control-character', line: 9, column: 6, message: expect.stringContaining('U+0007') })]);
  });

  it('ordinary text, accents, emoji and right-to-left scripts stay valid', async () => {
    const { code, problems } = await checkPost('title: "Égalité — ça marche 👍 עברית"\nsummary: "Tabs\\tare fine in a summary"');
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  });
});
