/** The texts a commons is founded with (src/commons/founding.ts), and commons.yml's description per language. */
import { describe, expect, it } from 'vitest';
import { allowedSignersText, commonsYamlText, DEFAULT_POLICY, isDemoMember, keyFingerprint, policyFileText, starterRuleText } from '../../src/commons/founding.ts';
import { readFrontMatter } from '../../src/commons/front-matter.ts';
import { descriptionIn } from '../../src/commons/schema/commons-config.ts';
import { policySchema } from '../../src/commons/schema/policy.ts';
import { snapshotOf } from '../../src/commons/snapshot.ts';
import { validateCommons } from '../../src/commons/validate.ts';
import { keyFor } from '../repo/fixture.ts';

const problemsOf = (path: string, text: string) =>
  validateCommons(snapshotOf([{ path, mode: 'file', text, size: Buffer.byteLength(text) }]), { only: new Set([path]) }).problems.map((p) => `${p.line}:${p.column} ${p.message} [${p.rule}]`);

const config = (description: string) => `name: X\ndescription: ${description}\nurl: https://a.example/\nrepository: https://b.example/\nlanguages: [fr, en]\ndefaultLanguage: fr\n`;

describe('founding texts', () => {
  it('the default policy, in French and in English, reads back as exactly DEFAULT_POLICY, with a reason for each kind of vote', () => {
    for (const lang of ['fr', 'en']) {
      const text = policyFileText(lang);
      const { lang: prose, ...numbers } = policySchema.parse(readFrontMatter(text, { path: 'governance/policy.md' }).data);
      expect(numbers).toEqual(DEFAULT_POLICY);
      expect(prose).toBe(lang);
      expect(text.match(/^## /gm)).toHaveLength(6);
      expect(problemsOf('governance/policy.md', text)).toEqual([]);
    }
  });

  it('the starter rule passes check in both languages; another language gets the English text', () => {
    expect(problemsOf('governance/rules/respect.md', starterRuleText('fr'))).toEqual([]);
    expect(starterRuleText('de')).toContain('lang: en');
  });

  it('commons.yml holds one description per language, the default language\'s first, and passes check', () => {
    const text = commonsYamlText({ name: 'Jardin: partagé', descriptions: { en: 'A commons.', fr: 'Un commun.' }, url: 'https://a.example/', repository: 'https://b.example/', languages: ['fr', 'en'], defaultLanguage: 'fr' });
    expect(text).toContain('description:\n  fr: Un commun.\n  en: A commons.\n');
    expect(text).toContain('name: "Jardin: partagé"');
    expect(problemsOf('governance/commons.yml', text)).toEqual([]);
  });

  it('allowed_signers lists each key of each member under the handle, for git commits only', () => {
    const line = keyFor('amina').publicLine;
    expect(allowedSignersText([{ handle: 'amina', keys: [line] }])).toBe(`amina namespaces="git" ${line.split(' ').slice(0, 2).join(' ')}\n`);
  });

  it('a demo member is one whose every key carries the demo comment; a fingerprint is ssh-keygen\'s', () => {
    const blob = keyFor('amina').publicLine.split(' ').slice(0, 2).join(' ');
    expect(isDemoMember({ keys: [`${blob} amina@demo.noclout`] })).toBe(true);
    expect(isDemoMember({ keys: [`${blob} amina@demo.noclout`, keyFor('bruno').publicLine] })).toBe(false);
    expect(keyFingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyFingerprint('ssh-rsa AAAA')).toBeUndefined();
  });
});

describe('commons.yml description', () => {
  it('is one text, or one per language of the commons with the default language\'s required', () => {
    expect(problemsOf('governance/commons.yml', config('"Un commun."'))).toEqual([]);
    expect(problemsOf('governance/commons.yml', config('{ fr: "Un commun.", en: "A commons." }'))).toEqual([]);
    expect(problemsOf('governance/commons.yml', config('{ en: "A commons." }'))).toEqual(['2:1 description: the description in the default language (fr) is required (received {"en":"A commons."}) [commons/schema]']);
    expect(problemsOf('governance/commons.yml', config('{ fr: "Un.", de: "Ein." }'))).toEqual(['2:27 description.de: "de" is not one of languages (fr, en) (received "Ein.") [commons/schema]']);
    expect(problemsOf('governance/commons.yml', config('5'))[0]).toContain('the description is a text, or one text per language');
  });

  it('is shown in the page\'s language, else in the default language', () => {
    const c = { description: { fr: 'Un commun.', en: 'A commons.' }, defaultLanguage: 'fr' };
    expect(descriptionIn(c, 'en')).toBe('A commons.');
    expect(descriptionIn({ ...c, description: { fr: 'Un commun.' } }, 'en')).toBe('Un commun.');
    expect(descriptionIn({ ...c, description: 'Un.' }, 'en')).toBe('Un.');
  });
});
