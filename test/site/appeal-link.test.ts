/**
 * Issue 15, Art. 17(3)(f): "the redress available: the appeal, with a prefilled link". The link
 * opens GitHub's web editor on a new proposal file; once the author replaces the placeholder
 * handle, `noclout check` must accept the file exactly as prefilled (its name and its text), for
 * any change name the bot accepts, up to the 80 characters of a slug. Before this fix, a long
 * change name was cut to 80 characters on a hyphen, and the prefilled file name ended with one:
 * not a slug, so check refused it (layout).
 */
import { describe, expect, it } from 'vitest';
import { recordPath, renderRecord } from '../../src/commons/decision-record.ts';
import type { CommonsConfig } from '../../src/commons/schema/commons-config.ts';
import type { Problem } from '../../src/commons/problem.ts';
import { AUTHOR_PLACEHOLDER, DATE_PLACEHOLDER } from '../../src/commons/template.ts';
import { statementOfReasons } from '../../src/site/statement-of-reasons.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { datedHref } from '../../src/site/dated-links/dated-links.ts';
import { PROPOSAL, idOf, policy, recordOfCase, type Case } from './reasons-fixture.ts';

const config = { repository: 'https://github.com/example/commons', branch: 'main', defaultLanguage: 'fr', languages: ['fr', 'en'] } as unknown as CommonsConfig;

/** The file the appeal link of `c`'s record prefills, as GitHub's "new file" page reads its query. */
function prefilled(c: Case): { path: string; text: string } {
  const data = recordOfCase(c);
  const statement = statementOfReasons({ id: idOf(c), data }, { policy, config, reversedBy: undefined });
  // As the reader's browser follows it (src/site/dated-links): the template's placeholder date becomes the reader's day.
  expect(statement!.redress.appeal!.link).toContain(encodeURIComponent(`date: ${DATE_PLACEHOLDER}`));
  const link = new URL(datedHref(statement!.redress.appeal!.link, '2026-12-07'));
  expect(link.pathname).toBe('/example/commons/new/main/content/proposals');
  return { path: `content/proposals/${link.searchParams.get('filename')}`, text: link.searchParams.get('value')! };
}

/** `noclout check` on a commons holding `c`'s record (as the bot writes it) and the prefilled appeal, its author filled in. */
async function check(c: Case, file: { path: string; text: string }): Promise<Problem[]> {
  const { digest: _digest, ...record } = recordOfCase(c);
  const dir = await writeTree({
    [recordPath('2026', c.number, c.change)]: renderRecord(record),
    [file.path]: file.text.replace(`author: ${AUTHOR_PLACEHOLDER}`, 'author: amina'),
  });
  const result = await runCli(['check', '--repo', dir, '--format', 'json']);
  return (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
}

describe('the appeal link of a statement of reasons prefills a file check accepts', () => {
  it('control: a short change name gives appeal-<change>.md, which check accepts once the author is filled in', async () => {
    const file = prefilled(PROPOSAL);
    expect(file.path).toBe('content/proposals/appeal-hide-special-offer.md');
    expect(file.text).toContain(`appeals: ${idOf(PROPOSAL)}`);
    expect(await check(PROPOSAL, file)).toEqual([]);
  });

  it('a change name of 75 characters, cut on a hyphen, gives a file name that is still a slug, and check accepts it', async () => {
    const long: Case = { ...PROPOSAL, change: `hide-${'a'.repeat(67)}-bb` };
    expect(long.change).toHaveLength(75);
    const file = prefilled(long);
    expect(file.path).toBe(`content/proposals/appeal-hide-${'a'.repeat(67)}.md`);
    expect(await check(long, file)).toEqual([]);
  });

  it('a title of 200 characters, cut where an emoji begins, gives a title of whole characters, and check accepts it', async () => {
    // "Appel\u202f: " is 8 units: the cut at 200 falls between the two halves of the emoji.
    const emoji: Case = { ...PROPOSAL, title: `${'a'.repeat(191)}\u{1F600}${'b'.repeat(7)}` };
    expect(emoji.title).toHaveLength(200);
    const file = prefilled(emoji);
    expect(file.text).toContain(`title: "Appel\u202f: ${'a'.repeat(191)}"\n`);
    expect(file.text).not.toContain('\uFFFD');
    expect(await check(emoji, file)).toEqual([]);
  });
});
