/**
 * Issue 10: "every check is linear in its input". A front matter of tens of
 * thousands of keys took 45 s to refuse at 300 KB and did not finish at 1 MB:
 * duplicate keys were compared with every earlier key, and each unknown key
 * was looked up by a scan of the whole map.
 */
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/commons/front-matter.ts';
import { checkSchema } from '../../src/commons/schema-problems.ts';
import { postSchema } from '../../src/commons/schema/post.ts';
import { parseYaml } from '../../src/commons/yaml-document.ts';

const head = '---\ntitle: "Keys"\nauthor: amina\ndate: 2026-11-01\nlang: en\n';

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe('front matter checks are linear', () => {
  for (const [label, count] of [['300 KB', 15_000], ['1 MB', 50_000]] as const) {
    it(`${label} of unknown keys (${count}) is refused in well under thirty seconds (the quadratic check did not finish in ten minutes), 50 listed and the rest counted`, () => {
      const text = `${head}${Array.from({ length: count }, (_, i) => `extra_key_number_${String(i).padStart(5, '0')}: x\n`).join('')}---\n\nBody.\n`;
      const { value: problems, ms } = timed(() => {
        const front = readFrontMatter(text, { path: 'p.md' });
        const checked = checkSchema(postSchema, front.data, { path: 'p.md', kind: 'post', positionOf: front.positionOf });
        return checked.ok ? [] : checked.problems;
      });
      expect(ms).toBeLessThan(30_000);
      expect(problems).toHaveLength(51);
      expect(problems[0]).toMatchObject({ rule: 'post/unknown-key', line: 6, message: 'unknown key "extra_key_number_00000"' });
      expect(problems[49]).toMatchObject({ line: 55 });
      expect(problems[50]).toMatchObject({ rule: 'post/unknown-key', message: `${count - 50} more unknown keys are not listed`, line: 56 });
    });
  }

  it('50,000 copies of one key (1 MB): refused in well under thirty seconds (minutes when quadratic), each duplicate at its line, the rest counted', () => {
    const text = `${head}${'tags: [potager]\n'.repeat(50_000)}---\n`;
    const { value: front, ms } = timed(() => readFrontMatter(text, { path: 'p.md' }));
    expect(ms).toBeLessThan(30_000);
    expect(front.problems).toHaveLength(51);
    expect(front.problems[0]).toMatchObject({ rule: 'yaml/duplicate-key', line: 7, message: 'duplicate key "tags": each key may appear once', hint: expect.stringContaining('line 6') });
    expect(front.problems[50]).toMatchObject({ rule: 'yaml/duplicate-key', message: '49949 more duplicate keys are not listed' });
  });

  it('keys that become the same key once read are duplicates: 1 and "1", an empty key and null', () => {
    expect(parseYaml('1: a\n"1": b\n', { path: 'x.yml' }).problems).toEqual([expect.objectContaining({ rule: 'yaml/duplicate-key', line: 2, message: 'duplicate key "1": each key may appear once' })]);
    expect(parseYaml('"": a\n~: b\n', { path: 'x.yml' }).problems).toEqual([expect.objectContaining({ rule: 'yaml/duplicate-key', line: 2 })]);
    // Control: distinct keys, and the same key in two different maps.
    expect(parseYaml('1: a\n"2": b\nx: { 1: c }\n', { path: 'x.yml' }).problems).toEqual([]);
  });
});
