/**
 * Tags are names people recognise by sight: two tags that look the same must be
 * the same tag. A tag mixing look-alike letters of different scripts, or written
 * with compatibility letters (fullwidth, mathematical), would split a tag page
 * or impersonate one, so `noclout check` refuses it by name.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { handle, slug } from '../../src/commons/schema/common.ts';
import { mixedScripts } from '../../src/commons/script.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';

const CYRILLIC_O = '\u043e';

async function checkTags(tags: string) {
  const dir = await writeTree({ 'content/posts/2026/tagged.md': `---\ntitle: Tagged\nauthor: amina\ndate: 2026-11-21\nlang: fr\ntags: ${tags}\n---\n\nText.\n` });
  const result = await runCli(['check', '--repo', dir, '--format', 'json']);
  return { code: result.code, problems: (JSON.parse(result.stdout) as { problems: Problem[] }).problems };
}

describe('tags mixing scripts', () => {
  it('a Latin "gouvernance" with a Cyrillic "о" is refused, naming each script and the odd letter by code point', async () => {
    const { code, problems } = await checkTags(`[gouvernance, g${CYRILLIC_O}uvernance]`);
    expect(code).toBe(1);
    expect(problems).toHaveLength(1);
    const [found] = problems;
    expect(found).toMatchObject({ path: 'content/posts/2026/tagged.md', line: 6, rule: 'post/tag-mixed-scripts' });
    expect(found!.message).toContain('tags.1: a tag is written in one script');
    expect(found!.message).toContain('Latin (g, u, v, e, r, n, a, c)');
    expect(found!.message).toContain(`Cyrillic (${CYRILLIC_O} U+043E)`);
    expect(found!.message).toContain(`(received "g${CYRILLIC_O}uvernance")`);
    expect(found!.hint).toMatch(/one keyboard layout/);
  });

  it('a tag whose words are in different scripts is refused too (Greek and Latin)', async () => {
    const { problems } = await checkTags('[αβγ-abc]');
    expect(problems.map((p) => p.rule)).toEqual(['post/tag-mixed-scripts']);
    expect(problems[0]!.message).toMatch(/Greek \(α U\+03B1, β U\+03B2, γ U\+03B3\) and Latin \(a, b, c\)/);
  });

  it('single-script tags in any script stay valid, and digits and hyphens go with any script', async () => {
    const { code, problems } = await checkTags('[vie-privée, δημοκρατία, демократия, العربية, עברית, 民主, 日本語のタグ, 한국어, 2026-выборы, covid-19]');
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  });

  it('words written with vowel signs or modifier letters are tags too (Hindi, Tamil, Thai, Japanese ー)', async () => {
    const { code, problems } = await checkTags('[हिन्दी, தமிழ், ภาษาไทย, ラーメン, café-crème]');
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  });

  it('a word cannot start with a modifier letter (ーラ)', async () => {
    const { problems } = await checkTags('[ーラ]');
    expect(problems.map((p) => p.rule)).toEqual(['post/schema']);
  });

  it('a letter followed by a separate accent (e + U+0301) is named as such, with the composed spelling to write', async () => {
    const { problems } = await checkTags('["cafe\u0301"]');
    expect(problems.map((p) => p.rule)).toEqual(['post/tag-not-normalized']);
    expect(problems[0]!.message).toContain('a letter followed by a separate accent');
    expect(problems[0]!.message).toContain('U+0301');
    expect(problems[0]!.hint).toBe('write it "café"');
  });

  it('a word cannot start with a combining mark', async () => {
    const { problems } = await checkTags(`["\u0301abc"]`);
    expect(problems.map((p) => p.rule)).toEqual(['post/schema']);
    expect(problems[0]!.message).toContain('a tag is lowercase words joined by hyphens');
  });

  it('Japanese kanji with kana, and Korean hangul with hanja, count as one writing system', () => {
    expect(mixedScripts('日本語のタグ')).toBeUndefined();
    expect(mixedScripts('한국語')).toBeUndefined();
    expect(mixedScripts('한국のタグ')).toEqual([
      { script: 'Hangul', letters: ['한', '국'] },
      { script: 'Hiragana', letters: ['の'] },
      { script: 'Katakana', letters: ['タ', 'グ'] },
    ]);
  });
});

describe('tags written with compatibility letters', () => {
  it('a fullwidth letter is refused with the plain spelling to write instead', async () => {
    const { problems } = await checkTags('[ｇouvernance]');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'post/tag-not-normalized', line: 6, hint: 'write it "gouvernance"' });
    expect(problems[0]!.message).toContain('ｇ U+FF47');
  });

  it('mathematical bold letters (script Common, so no script test catches them) are refused', async () => {
    const { problems } = await checkTags('[𝐠𝐨𝐮𝐯]');
    expect(problems.map((p) => p.rule)).toEqual(['post/tag-not-normalized']);
    expect(problems[0]!.hint).toBe('write it "gouv"');
  });
});

describe('handles and slugs need no script rule: they are ASCII only', () => {
  it('a handle or slug with a Cyrillic look-alike letter is refused by its schema', () => {
    expect(handle.safeParse(`${'\u0430'}mina`).success).toBe(false);
    expect(slug.safeParse(`g${CYRILLIC_O}uvernance`).success).toBe(false);
    expect(handle.safeParse('amina').success && slug.safeParse('gouvernance').success).toBe(true);
  });
});
