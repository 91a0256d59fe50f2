/** Deeply nested YAML is refused by name before the parser can exhaust its stack. */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/commons/yaml-document.ts';

describe('YAML nesting limit', () => {
  it('refuses 20,000 nested flow brackets with yaml/too-deep, naming line and column', () => {
    const result = parseYaml(`title: x\ntags: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, { path: 'content/posts/2026/deep.md', firstLine: 2 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ path: 'content/posts/2026/deep.md', rule: 'yaml/too-deep', line: 3, column: 39 });
  });

  it('refuses indentation nested beyond the limit', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
    expect(parseYaml(lines, { path: 'x.yml' }).problems[0]?.rule).toBe('yaml/too-deep');
  });

  it('accepts the nesting real commons files use', () => {
    const policy = 'voting:\n  rules: { quorum: "1/3", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false }\nposts:\n  objectionHours: 24\n';
    expect(parseYaml(policy, { path: 'governance/policy.md' }).problems).toEqual([]);
  });
});
