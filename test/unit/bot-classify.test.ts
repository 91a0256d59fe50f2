import { describe, expect, it } from 'vitest';
import { classifyChange, type TouchedFile } from '../../src/commons/classify.ts';

const added = (path: string, mode: TouchedFile['mode'] = 'file'): TouchedFile => ({ path, status: 'added', mode });
const modified = (path: string): TouchedFile => ({ path, status: 'modified', mode: 'file' });
const deleted = (path: string): TouchedFile => ({ path, status: 'deleted', mode: 'file' });
const proposal = { title: 'P', author: 'amina', date: '2026-11-01' };

describe('classifying a change by the paths it touches', () => {
  it('a new post is a post change named by its slug', () => {
    const c = classifyChange([added('content/posts/2026/hello.md'), added('governance/ballots/hello/bruno.yml')]);
    expect(c).toMatchObject({ kind: 'post', id: 'hello', post: { id: '2026/hello' }, ballots: ['governance/ballots/hello/bruno.yml'], problems: [] });
  });

  it('a rule change with its proposal is a proposal change', () => {
    expect(classifyChange([added('content/proposals/kinder.md'), modified('governance/rules/be-kind.md')], proposal)).toMatchObject({ kind: 'proposal', id: 'kinder', problems: [] });
  });

  it('the strictest kind wins: a proposal that also edits the policy is a policy change', () => {
    const c = classifyChange([added('content/proposals/kinder.md'), modified('governance/rules/be-kind.md'), modified('governance/policy.md')], proposal);
    expect(c.kind).toBe('policy');
    expect(c.touched).toEqual(['policy', 'proposal']);
  });

  it('anything outside the commons folders is a platform change', () => {
    expect(classifyChange([added('content/posts/2026/hello.md'), modified('package.json')]).kind).toBe('platform');
    expect(classifyChange([added('.github/workflows/x.yml')]).kind).toBe('platform');
  });

  it('membership and policy changes need a proposal that names them', () => {
    const c = classifyChange([modified('governance/members.yml')]);
    expect(c.kind).toBe('membership');
    expect(c.problems.map((p) => p.rule)).toEqual(['change/needs-proposal']);
  });

  it('a moderation proposal must remove the post it names', () => {
    const ok = classifyChange([added('content/proposals/hide.md'), deleted('content/posts/2026/spam.md')], { ...proposal, moderates: '2026/spam', rule: 'be-kind' });
    expect(ok).toMatchObject({ kind: 'moderation', id: 'hide', hidden: ['2026/spam'], problems: [] });
    const missing = classifyChange([added('content/proposals/hide.md')], { ...proposal, moderates: '2026/spam', rule: 'be-kind' });
    expect(missing.problems.map((p) => p.rule)).toEqual(['moderation/post-not-removed']);
  });

  it('refuses symlinks, executables, submodules, decision records, edits of published posts and foreign ballots', () => {
    const c = classifyChange([
      added('content/posts/2026/hello.md'),
      added('governance/rules/link.md', 'symlink'),
      added('governance/rules/run.md', 'executable'),
      added('content/vendor', 'submodule'),
      added('governance/decisions/2026/0001-hello.md'),
      modified('content/posts/2025/old.md'),
      added('governance/ballots/other/bruno.yml'),
      added('content/posts/2026/page.mdx'),
    ]);
    const rules = c.problems.map((p) => `${p.path} ${p.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'governance/rules/link.md file/not-regular',
        'governance/rules/run.md file/not-regular',
        'content/vendor file/not-regular',
        'governance/decisions/2026/0001-hello.md change/decision-record',
        'content/posts/2025/old.md change/post-edited',
        'governance/ballots/other/bruno.yml change/foreign-ballot',
        'content/posts/2026/page.mdx path/not-allowed',
      ]),
    );
  });
});
