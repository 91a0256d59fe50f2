/**
 * Issue 12: "The CLI speaks French when the locale is French (`LANG`/`LC_ALL` `fr*`) and English
 * otherwise: every problem's message and hint has a French text, kept in one catalogue beside the
 * English one, so a missing translation is a test failure and not a silent English line."
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { PROBLEM_CATALOGUES, UNTRANSLATED_RULES, codedProblem, formatProblemIn, type ProblemCode, type ProblemParams } from '../../src/commons/texts/problems.ts';
import { languageOf } from '../../src/cli/arguments.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runBin, runCli } from '../fixtures/run-cli.ts';

const NB = '\u202f';

/** One set of parameters per code (tsc fails when a code has none), each value a marker to find in the text. */
const SAMPLES: { [C in ProblemCode]: ProblemParams<C> } = {
  'schema/unknown-key': { where: 'W1', key: 'K1', suggestion: 'S1', allowed: '' },
  'schema/more-unknown-keys': { where: 'W1', more: 7, allowed: 'A1' },
  'schema/empty': { expected: 'X1' },
  'schema/required': { where: 'W1', expected: 'X1' },
  'schema/wrong-type': { where: 'W1', expected: 'X1', received: 'R1', key: 'K1', list: 'L1' },
  'schema/one-of': { where: 'W1', values: 'V1', received: 'R1' },
  'front-matter/toml': {},
  'front-matter/leading-blank': {},
  'front-matter/opening-spaces': {},
  'front-matter/missing': {},
  'front-matter/empty': {},
  'front-matter/closing-spaces': {},
  'front-matter/unclosed': {},
  'front-matter/not-a-map': {},
  'yaml/too-deep': { max: 7 },
  'yaml/tag': { tag: 'T1' },
  'yaml/forbidden-key': { key: 'K1' },
  'yaml/complex-key': {},
  'yaml/duplicate-key': { key: 'K1', first: 7 },
  'yaml/more-duplicate-keys': { more: 7 },
  'yaml/alias': {},
  'file/too-large-fixed': { size: 7, max: 8, kind: 'ballot' },
  'file/too-large': { size: 7, max: 8 },
  'file/too-large-post': { size: 7, max: 8 },
  'change/name-decided': { change: 'C1', outcome: 'accepted', id: 'I1' },
  'proposal/moderation-fields': {},
  'proposal/moderates-missing': { moderates: 'M1', near: 'N1' },
  'proposal/appeals-missing': { appeals: 'M1', near: 'N1' },
  'author/not-member': { author: 'H1', near: 'N1' },
  'author/placeholder': { author: 'H1' },
  'ballot/unknown-voter': { voter: 'H1', near: 'N1' },
  'post/reply-to-missing': { replyTo: 'P1' },
  'post/language': { lang: 'G1', languages: 'G2' },
  'proposal/unknown-rule': { rule: 'U1', rules: 'U2' },
  'ballot/unknown-change': { change: 'C1' },
  'file/nul-byte': {},
  'file/not-utf8': {},
  'file/not-regular': { mode: 'executable' },
  'file/not-regular-change': { mode: 'symlink' },
  'change/post-edited': {},
  'change/ballot-only': { change: 'C1' },
  'change/several-posts': { other: 'P1' },
  'change/needs-proposal': { hidden: 'H1', kind: 'policy' },
  'change/proposal-edited': { status: 'deleted' },
  'change/decision-record-added': {},
  'change/decision-record': { status: 'modified', path: 'P1' },
  'change/several-proposals': { other: 'P1' },
  'change/foreign-ballot': { id: 'I1', change: 'C1' },
  'moderation/adds-post': { path: 'P1' },
  'change/mixed-post': { kind: 'policy', path: 'P1' },
  'moderation/unnamed-post': { post: 'P1' },
  'change/post-removed': { post: 'P1' },
  'moderation/post-not-removed': { moderates: 'M1' },
  'moderation/appeal-restores': {},
  'moderation/appeal-restores-post': { post: 'P1' },
  'proposal/appeal-fields': { extra: 'rule', remove: 'both' },
  'proposal/moderates-hidden': { moderates: 'M1', decision: 'D1' },
  'moderation/appeal-target': { appeals: 'A1', outcome: 'rejected', kind: 'policy' },
  'yaml/syntax': { detail: 'D1', tab: '' },
  'ballot/not-voters-words': { handle: 'H1', path: 'P1' },
  'path/not-allowed': { ext: '', like: 'P1', yearFolder: 'yes', layout: 'L1' },
  'path/not-allowed-change': { ext: 'E1', like: '', yearFolder: '' },
  'moderation/unknown-rule': { rule: 'U1', governed: 'frozen', policy: 'C1', head: 'D1', opened: '2026-11-21T10:00:00.000Z' },
  'change/author-not-member': { author: 'H1', governed: 'frozen', policy: 'C1', head: 'D1', opened: '2026-11-21T10:00:00.000Z' },
  'change/forged-author': { author: 'H1', submitter: 'H2', governed: 'checked', policy: 'C1', head: '', opened: '' },
  'policy/sealed-no-beacon': { key: 'K1' },
  'policy/sealed-close-early': { key: 'K1' },
  'ballot/sealed-structure': { issue: 'sealed-stanza-count', received: 'R1' },
  'ballot/sealed-chain': { chainHash: 'C1', expected: 'C2' },
};

function render(lang: 'en' | 'fr', code: ProblemCode): { message: string; hint: string | undefined } {
  const text = PROBLEM_CATALOGUES[lang][code];
  const params = SAMPLES[code] as Record<string, string | number>;
  return { message: text.message(params), hint: text.hint?.(params) };
}

const markers = (text: string) => new Set(text.match(/\b[A-Z]\d\b|\b[78]\b/g) ?? []);

describe('the problem catalogue (English and French)', () => {
  const codes = Object.keys(PROBLEM_CATALOGUES.en) as ProblemCode[];

  it('has a French text for every code, with a hint wherever the English has one', () => {
    expect(Object.keys(PROBLEM_CATALOGUES.fr).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(render('fr', code).hint === undefined, code).toBe(render('en', code).hint === undefined);
  });

  it('says the same parameters in both languages', () => {
    for (const code of codes) {
      const en = render('en', code);
      const fr = render('fr', code);
      expect(markers(`${fr.message} ${fr.hint ?? ''}`), code).toEqual(markers(`${en.message} ${en.hint ?? ''}`));
    }
  });

  it('writes French typography: a narrow no-break space before ; : ! ? and inside « »', () => {
    for (const code of codes) {
      const { message, hint } = render('fr', code);
      // An example to copy ("title: "…"", on its own lines) is YAML, not French prose.
      for (const text of [message, (hint ?? '').split('\n')[0]!]) {
        expect(text, code).not.toMatch(/[^\u202f`][;!?]|[^\u202f`] :|[^\u202f]»|«[^\u202f]|"/u);
      }
    }
  });

  it('takes 0 and 1 in the singular in French, and never "1 rules"', () => {
    const one = PROBLEM_CATALOGUES.fr['schema/more-unknown-keys'].message({ where: '', more: 1, allowed: '' });
    const two = PROBLEM_CATALOGUES.fr['schema/more-unknown-keys'].message({ where: '', more: 2, allowed: '' });
    expect(one).toBe('1 autre clé inconnue n’est pas listée');
    expect(two).toBe('2 autres clés inconnues ne sont pas listées');
  });

  it('builds a coded problem whose message and hint are the English catalogue text, with its code and params', () => {
    const p = codedProblem('content/posts/2026/a.md', 'post/reply-to-missing', 'post/reply-to-missing', { replyTo: '2026/x' }, { line: 4, column: 10 });
    expect(p).toEqual({
      path: 'content/posts/2026/a.md',
      line: 4,
      column: 10,
      rule: 'post/reply-to-missing',
      message: 'replyTo "2026/x" names no post',
      hint: 'write the replied post as "<year>/<slug>", like "2026/egalite-des-voix"',
      code: 'post/reply-to-missing',
      params: { replyTo: '2026/x' },
    });
  });

  it('prints the stored English when words were added to a coded message after it was built (no clause is dropped in translation)', () => {
    const p = codedProblem('a.md', 'post/reply-to-missing', 'post/reply-to-missing', { replyTo: '2026/x' });
    expect(formatProblemIn(p, 'fr')).toContain(`replyTo «${NB}2026/x${NB}» ne désigne aucun billet`);
    const amended = { ...p, message: `${p.message} (and a clause added later)` };
    expect(formatProblemIn(amended, 'fr')).toBe(`a.md:1:1: replyTo "2026/x" names no post (and a clause added later) [post/reply-to-missing]\n    hint: ${p.hint}`);
  });

  it('keeps the English of converted rules byte for byte (moderation/unknown-rule, path/not-allowed, yaml/syntax, file/not-regular)', () => {
    const rule = codedProblem('content/proposals/m.md', 'moderation/unknown-rule', 'moderation/unknown-rule', { rule: 'spam', governed: '', policy: '', head: '', opened: '' });
    expect([rule.message, rule.hint]).toEqual(['rule "spam" did not exist when the change was opened', 'cite a rule of governance/rules/ by its slug']);
    expect(formatProblemIn(rule, 'fr')).toBe(`content/proposals/m.md:1:1: la règle «${NB}spam${NB}» n’existait pas à l’ouverture du changement [moderation/unknown-rule]\n    conseil${NB}: citez une règle de governance/rules/ par son slug`);
    const path = codedProblem('a.js', 'path/not-allowed', 'path/not-allowed-change', { ext: '.js', like: '', yearFolder: '' });
    expect(path.message).toBe('this file is not accepted: .js files are code, not content: Markdown (.md) is the only contributed format');
    const yaml = codedProblem('a.yml', 'yaml/syntax', 'yaml/syntax', { detail: 'Unexpected', tab: 'yes' });
    expect([yaml.message, yaml.hint]).toEqual(['YAML syntax error: Unexpected', 'indent with spaces: YAML does not accept tabs for indentation']);
    const link = codedProblem('a.md', 'file/not-regular', 'file/not-regular', { mode: 'symlink' });
    expect([link.message, link.hint]).toEqual(['a symbolic link is not accepted in a commons', 'replace it with a regular Markdown or YAML file']);
  });

  it('prints a problem with an unknown code in its stored English (a newer producer, an older catalogue)', () => {
    const p: Problem = { path: 'a.md', line: 1, column: 1, rule: 'post/x', message: 'in English', code: 'post/not-a-code', params: {} };
    expect(formatProblemIn(p, 'fr')).toBe('a.md:1:1: in English [post/x]');
  });
});

/** Every rule a call site in src/ produces: `problem(path, 'rule', …)`, `codedProblem(path, 'rule', …)` and `rule: '…'`. */
function rulesProduced(): { plain: Set<string>; coded: Set<string> } {
  const plain = new Set<string>();
  const coded = new Set<string>();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
  for (const file of walk(new URL('../../src', import.meta.url).pathname)) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\b(codedProblem|problem)\(\s*[^,()]+(?:\([^()]*\))?,\s*(['`])([^'`]+)\2/g)) (m[1] === 'codedProblem' ? coded : plain).add(m[3]!);
    for (const m of source.matchAll(/\brule: (['`])([a-z${}.-]+\/[a-z0-9${}.-]+)\1/g)) plain.add(m[2]!);
  }
  return { plain, coded };
}

describe('every rule produced in src/ is translated or listed as remaining', () => {
  const { plain, coded } = rulesProduced();

  it('finds the call sites (the scan itself works)', () => {
    expect(coded).toContain('post/reply-to-missing');
    expect(plain).toContain('tree/malformed');
  });

  it('has no rule written in English only that UNTRANSLATED_RULES does not list', () => {
    expect([...plain].filter((rule) => !UNTRANSLATED_RULES.includes(rule)).sort()).toEqual([]);
  });

  it('lists no rule that is no longer produced in English only (the list shrinks as codes are added)', () => {
    expect(UNTRANSLATED_RULES.filter((rule) => !plain.has(rule))).toEqual([]);
  });
});

describe('the locale', () => {
  it('is French for fr* in LC_ALL, then LC_MESSAGES, then LANG, and English otherwise', () => {
    expect(languageOf({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(languageOf({ LANG: 'fr' })).toBe('fr');
    expect(languageOf({ LANG: 'fr_CA.UTF-8' })).toBe('fr');
    expect(languageOf({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(languageOf({ LC_ALL: 'en_US.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(languageOf({ LC_ALL: 'fr_FR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(languageOf({ LC_MESSAGES: 'fr_BE.UTF-8', LANG: 'en_GB.UTF-8' })).toBe('fr');
    expect(languageOf({ LC_ALL: '', LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(languageOf({ LANG: 'C.UTF-8' })).toBe('en');
    expect(languageOf({ LANG: 'fur_IT' })).toBe('en');
    expect(languageOf({})).toBe('en');
  });
});

const post = (front: string) => `---\n${front}\n---\n\nText.\n`;
const badPost = { 'content/posts/2026/bad.md': post('title: A post\nauthor: amina\ndate: 2026-11-21\nlang: fr\ntitel: typo') };

describe('noclout check in the locale’s language', () => {
  it('prints the French message and hint under LANG=fr_FR.UTF-8, with the same path:line:col and [rule]', async () => {
    const dir = await writeTree(badPost);
    const result = await runBin(['check', '--repo', dir], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`content/posts/2026/bad.md:6:1: clé inconnue «${NB}titel${NB}» [post/unknown-key]`);
    expect(result.stdout).toContain(`conseil${NB}: vouliez-vous dire «${NB}title${NB}»${NB}?`);
    expect(result.stdout).toContain('1 problème dans 1 fichier');
    expect(result.stdout).not.toContain('unknown key');
  });

  it('prints English under LANG=en_US.UTF-8', async () => {
    const dir = await writeTree(badPost);
    const result = await runBin(['check', '--repo', dir], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('content/posts/2026/bad.md:6:1: unknown key "titel" [post/unknown-key]');
    expect(result.stdout).toContain('hint: did you mean "title"?');
    expect(result.stdout).toContain('1 problem in 1 file');
  });

  it('--lang overrides the locale both ways, and refuses a language it does not speak', async () => {
    const dir = await writeTree(badPost);
    const en = await runCli(['check', '--repo', dir, '--lang', 'en']);
    expect(en.stdout).toContain('unknown key "titel"');
    const fr = await runCli(['check', '--repo', dir, '--lang', 'fr']);
    expect(fr.stdout).toContain(`clé inconnue «${NB}titel${NB}»`);
    const de = await runCli(['check', '--repo', dir, '--lang', 'de']);
    expect(de.code).toBe(2);
    expect(de.stderr).toContain('--lang must be "en" or "fr"');
  });

  it('says a valid commons is valid in French', async () => {
    const dir = await writeTree({});
    const result = await runCli(['check', '--repo', dir, '--lang', 'fr']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^✓ \\d+ fichiers vérifiés${NB}: \\d+ billets?, .*Aucun problème\\.`, 'u'));
  });

  it('keeps --format json in English whatever the locale, with the codes added', async () => {
    const dir = await writeTree(badPost);
    const fr = await runBin(['check', '--repo', dir, '--format', 'json'], undefined, { LC_ALL: 'fr_FR.UTF-8' });
    const en = await runBin(['check', '--repo', dir, '--format', 'json'], undefined, { LC_ALL: 'en_US.UTF-8' });
    expect(fr.stdout).toBe(en.stdout);
    const report = JSON.parse(fr.stdout) as { problems: Problem[] };
    expect(report.problems).toContainEqual({
      path: 'content/posts/2026/bad.md',
      line: 6,
      column: 1,
      rule: 'post/unknown-key',
      message: 'unknown key "titel"',
      hint: 'did you mean "title"?',
      code: 'schema/unknown-key',
      params: { where: '', key: 'titel', suggestion: 'title', allowed: expect.any(String) },
    });
  });
});

describe('noclout new in the locale’s language', () => {
  it('says what it wrote in French under LANG=fr_FR.UTF-8, while --lang stays the post’s language', async () => {
    const dir = await writeTree({});
    const result = await runBin(['new', 'post', 'Cite your sources', '--author', 'amina', '--lang', 'en', '--repo', dir, '--at', '2026-11-24T09:00:00Z'], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('content/posts/2026/cite-your-sources.md écrit');
    expect(result.stdout).toContain(`Ensuite${NB}: rédigez-le, lancez`);
    expect(readFileSync(join(dir, 'content/posts/2026/cite-your-sources.md'), 'utf8')).toContain('lang: en');
  });
});

describe('usage errors in the locale’s language', () => {
  it('an unknown command and an unknown option are said in French under LANG=fr, in English under LANG=en', async () => {
    const fr = { LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' };
    const unknown = await runBin(['chekc'], undefined, fr);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`noclout${NB}: commande inconnue «${NB}chekc${NB}»${NB}; vouliez-vous dire «${NB}check${NB}»${NB}?`);
    const option = await runBin(['check', '--frmat', 'json'], undefined, fr);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain(`noclout check${NB}: option inconnue --frmat`);
    const en = await runBin(['chekc'], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' });
    expect(en.stderr).toContain('noclout: unknown command "chekc"; did you mean "check"?');
  });

  it('--format json keeps the English usage error whatever the locale', async () => {
    const result = await runBin(['check', '--format', 'json', '--lang', 'de'], undefined, { LC_ALL: 'fr_FR.UTF-8' });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { kind: 'usage', message: '--lang must be "en" or "fr", received "de"' } });
  });
});
