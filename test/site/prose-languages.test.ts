/**
 * Issue 12: "the policy's and rules' prose may be written per language as well, and the site
 * shows the reader's, marking the other with its lang when only one exists". One file per rule,
 * other languages after `<!-- lang: xx -->` markers (src/commons/prose-languages.ts), titles and
 * summaries in front matter `translations`.
 */
import { describe, expect, it } from 'vitest';
import { readCommonsDirectory } from '../../src/cli/snapshot-fs.ts';
import { proseFor, splitProse } from '../../src/commons/prose-languages.ts';
import { validateCommons } from '../../src/commons/validate.ts';
import { ruleIn } from '../../src/site/rule-text.ts';
import { writeTree } from '../fixtures/commons-tree.ts';

const at = { lang: 'fr', path: 'governance/rules/respect.md', bodyLine: 6 };

describe('a rule or the policy in several languages, in one file', () => {
  it('splits the body at each marker: the file’s own language first, then each marked one', () => {
    const { sections, problems } = splitProse('\nSoyez bienveillants.\n\n<!-- lang: en -->\n\nBe kind.\n', at);
    expect(problems).toEqual([]);
    expect(sections.map((s) => [s.lang, s.body.trim(), s.line])).toEqual([
      ['fr', 'Soyez bienveillants.', 1],
      ['en', 'Be kind.', 5],
    ]);
    expect(proseFor(sections, 'en')?.body.trim()).toBe('Be kind.');
    expect(proseFor(sections, 'de')?.lang).toBe('fr');
  });

  it('a body without markers is one text in the file’s language', () => {
    expect(splitProse('Be kind.\n', { ...at, lang: 'en' }).sections).toEqual([{ lang: 'en', body: 'Be kind.\n', line: 1 }]);
  });

  it('a marker inside a fenced code block is code, not a marker', () => {
    const body = 'Un exemple :\n\n```markdown\n<!-- lang: en -->\n```\n\nFin.\n';
    const { sections, problems } = splitProse(body, at);
    expect(problems).toEqual([]);
    expect(sections).toHaveLength(1);
  });

  it('reports, with the line in the file, a marker for the file’s own language, a repeated one, one outside the commons’ languages, a malformed one and an empty text', () => {
    const body = ['Texte.', '<!-- lang: fr -->', 'Encore.', '<!-- lang: en -->', 'Text.', '<!-- lang: en -->', 'Again.', '<!-- lang: de -->', 'Text.', '<!-- lang EN -->', '<!-- lang: es -->', ''].join('\n');
    const { problems, sections } = splitProse(body, { ...at, languages: ['fr', 'en', 'es'] });
    expect(problems.map((p) => `${p.line}: ${p.rule}: ${p.message}`)).toEqual([
      '7: prose/language-marker: the text before the first marker is already in "fr" (the file\'s lang)',
      '11: prose/language-marker: a second text in "en"',
      '13: prose/language-marker: "de" is not one of this commons\' languages (fr, en, es)',
      '15: prose/language-marker: this line looks like a language marker but is not one: "<!-- lang EN -->"',
      '16: prose/language-marker: the text in "es" is empty',
    ]);
    // What a reader sees never depends on which of two texts in one language wins: the first.
    expect(proseFor(sections, 'en')?.body.trim()).toBe('Text.');
  });

  it('noclout check reports a bad marker and a translation in a language the commons does not have, and accepts the demo’s form', async () => {
    const good = '---\ntitle: Respect\nlang: fr\ntranslations:\n  en: { title: Respect for people, summary: Be kind. }\n---\n\nSoyez bienveillants.\n\n<!-- lang: en -->\n\nBe kind.\n';
    const ok = validateCommons(await readCommonsDirectory(await writeTree({ 'governance/rules/respect.md': good })));
    expect(ok.problems).toEqual([]);
    const bad = '---\ntitle: Respect\nlang: fr\ntranslations:\n  de: { title: Respekt }\n---\n\nSoyez bienveillants.\n\n<!-- lang: de -->\n\nSeid freundlich.\n';
    const { problems } = validateCommons(await readCommonsDirectory(await writeTree({ 'governance/rules/respect.md': bad })));
    expect(problems.map((p) => `${p.path}:${p.line}: ${p.rule}: ${p.message}`)).toEqual([
      'governance/rules/respect.md:4: prose/language-marker: translations.de: "de" is not one of this commons\' languages (fr, en)',
      'governance/rules/respect.md:10: prose/language-marker: "de" is not one of this commons\' languages (fr, en)',
    ]);
  });

  it('the policy’s prose is checked the same way', async () => {
    const { POLICY } = await import('../fixtures/commons-tree.ts');
    const policy = `${POLICY.trimEnd()}\n\n<!-- lang: xx -->\n\nTexte.\n`;
    const { problems } = validateCommons(await readCommonsDirectory(await writeTree({ 'governance/policy.md': policy })));
    expect(problems.map((p) => `${p.path}: ${p.rule}`)).toEqual(['governance/policy.md: prose/language-marker']);
  });
});

describe('the words a rule page shows', () => {
  const rule = {
    data: { title: 'Respect des personnes', summary: 'On critique des idées.', lang: 'fr', translations: { en: { title: 'Respect for people' } } },
    html: '<p>Soyez bienveillants.</p>',
    translations: { en: '<p>Be kind.</p>' },
  };

  it('in the reader’s language when written, each part marked with the language it is in', () => {
    expect(ruleIn(rule, 'en', 'fr')).toEqual({ title: 'Respect for people', titleLang: 'en', summary: 'On critique des idées.', summaryLang: 'fr', html: '<p>Be kind.</p>', htmlLang: 'en' });
    expect(ruleIn(rule, 'fr', 'fr')).toMatchObject({ title: 'Respect des personnes', titleLang: 'fr', html: '<p>Soyez bienveillants.</p>', htmlLang: 'fr' });
  });

  it('in its own language, marked so, when the reader’s is not written', () => {
    const only = { ...rule, data: { title: 'Respect des personnes' }, translations: {} };
    expect(ruleIn(only, 'en', 'fr')).toMatchObject({ title: 'Respect des personnes', titleLang: 'fr', htmlLang: 'fr' });
  });
});
