/**
 * Issue 14, "one merge republished in ≤ 3 s": a post page must not change when only the day
 * changes, so its reply and correction templates carry a placeholder date that the reader's
 * browser fills in when the link is followed (src/site/dated-links/). Without JavaScript the
 * contributor writes the date, and `check` names the placeholder in both languages.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { AUTHOR_PLACEHOLDER, DATE_PLACEHOLDER } from '../../src/commons/template.ts';
import { newFileLink } from '../../src/site/contribute-links.ts';
import { datedHref } from '../../src/site/dated-links/dated-links.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';

const config = { repository: 'https://github.com/noclout-demo/commons', branch: 'main' } as Parameters<typeof newFileLink>[0];
const reply = newFileLink(config, 'content/posts/2026', 're-hello.md', { kind: 'post', title: 'Re: Hello', author: AUTHOR_PLACEHOLDER, date: DATE_PLACEHOLDER, lang: 'en', replyTo: '2026/hello' });
const valueOf = (href: string) => new URL(href).searchParams.get('value') ?? '';

async function problemsOf(text: string, lang: 'en' | 'fr'): Promise<Problem[]> {
  const dir = await writeTree({ 'content/posts/2027/re-hello.md': text });
  const result = await runCli(['check', '--repo', dir, '--format', 'json', '--lang', lang]);
  return (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
}

describe('dated links: the reply template is dated by the reader, not by the build', () => {
  it('the link holds the placeholder; followed, it holds the reader\'s day and that year\'s folder', () => {
    expect(valueOf(reply)).toContain(`\ndate: ${DATE_PLACEHOLDER}\n`);
    const dated = datedHref(reply, '2027-01-02');
    expect(new URL(dated).pathname).toBe('/noclout-demo/commons/new/main/content/posts/2027');
    expect(valueOf(dated)).toBe(valueOf(reply).replace(`date: ${DATE_PLACEHOLDER}`, 'date: 2027-01-02'));
    expect(new URL(dated).searchParams.get('filename')).toBe('re-hello.md');
    expect(dated).not.toContain('+');
    // Followed twice, or a link without the placeholder: unchanged.
    expect(datedHref(dated, '2027-01-03')).toBe(dated);
    const other = 'https://github.com/noclout-demo/commons/blob/main/content/posts/2026/hello.md';
    expect(datedHref(other, '2027-01-02')).toBe(other);
  });

  it('check names the placeholder left in, in English and in French', async () => {
    const text = valueOf(reply).replace(AUTHOR_PLACEHOLDER, 'amina');
    const en = await problemsOf(text, 'en');
    expect(en).toEqual([expect.objectContaining({ path: 'content/posts/2027/re-hello.md', line: 4, rule: 'post/schema', message: `date: the template's date was not filled in (received "${DATE_PLACEHOLDER}")`, hint: 'write the day you write it, year-month-day, like 2026-11-24' })]);
    // JSON carries the code and its parameters (fault: placeholder); the text says it in the reader's language.
    expect(en[0]?.params).toEqual(expect.objectContaining({ fault: 'placeholder' }));
    const dir = await writeTree({ 'content/posts/2027/re-hello.md': text });
    const fr = await runCli(['check', '--repo', dir, '--lang', 'fr']);
    expect(fr.stdout).toContain(`content/posts/2027/re-hello.md:4:1: date\u202f: la date du modèle n’a pas été remplie (reçu "${DATE_PLACEHOLDER}") [post/schema]`);
    expect(fr.stdout).toContain('conseil\u202f: écrivez le jour où vous l’écrivez, année-mois-jour, comme 2026-11-24');
  });

  it('control: the template the browser dated, with the contributor\'s handle, passes check', async () => {
    const text = valueOf(datedHref(reply, '2027-01-02')).replace(AUTHOR_PLACEHOLDER, 'amina');
    expect(await problemsOf(text, 'en')).toEqual([]);
  });
});
