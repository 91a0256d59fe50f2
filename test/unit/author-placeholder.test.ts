/**
 * The site's web-editor templates cannot know who clicks, so they say `author: your-handle`.
 * A contributor who forgets to replace it is told exactly that, not only "not a member".
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { AUTHOR_PLACEHOLDER, documentTemplate } from '../../src/commons/template.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';

async function check(author: string) {
  const text = documentTemplate({ kind: 'post', title: 'Mon billet', author, date: '2026-11-21', lang: 'fr' });
  const dir = await writeTree({ 'content/posts/2026/mon-billet.md': text });
  const result = await runCli(['check', '--repo', dir, '--format', 'json']);
  return (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
}

describe('the author placeholder of the web-editor templates', () => {
  it('is named in the hint: replace it with your own handle', async () => {
    const problems = await check(AUTHOR_PLACEHOLDER);
    expect(problems.map((p) => p.rule)).toEqual(['post/unknown-author']);
    expect(problems[0]!.hint).toBe(`replace "${AUTHOR_PLACEHOLDER}" with your own handle, as listed in governance/members.yml (the template cannot know who you are)`);
  });

  it('once replaced by a member handle, the template passes', async () => {
    expect(await check('amina')).toEqual([]);
  });
});
