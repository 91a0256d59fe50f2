/**
 * Issue 12: "The CLI speaks French when the locale is French (`LANG`/`LC_ALL` `fr*`) and English
 * otherwise: every problem's message and hint has a French text, kept in one catalogue beside the
 * English one, so a missing translation is a test failure and not a silent English line."
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { PROBLEM_CATALOGUES, codedProblem, formatProblemIn, type ProblemCode, type ProblemParams } from '../../src/commons/texts/problems.ts';
import { languageOf } from '../../src/cli/arguments.ts';
import { NO_AUDIT_FAULT, NO_STRUCTURE_FAULT, NO_WORDS, NOT_GOVERNED, UNATTRIBUTED, type ConflictFault, type Unattributed } from '../../src/commons/texts/problems-en.ts';
import { contentSubmitter, uncleanMerges, type ChangeCommit } from '../../src/ballots/commit-ballots.ts';
import { mergeRoster } from '../../src/commons/roster-merge.ts';
import type { CommitInfo } from '../../src/repo/history.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runBin, runCli } from '../fixtures/run-cli.ts';
import { makeCommons, postText } from '../repo/fixture.ts';
import { blob, commitTree, rawTree, withFolder, zeroBlob } from '../repo/hostile.ts';
import { badObjectProblems } from '../../src/bot/unreadable.ts';
import { readTexts } from '../../src/bot/change-files.ts';
import { BadObjectError } from '../../src/repo/bad-object.ts';
import { MAX_FILE_BYTES, tooLarge } from '../../src/repo/objects.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { readBlobBytes, treeOf } from '../../src/repo/tree.ts';
import { parseTree } from '../../src/repo/tree-object.ts';

const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;

/** One set of parameters per code (tsc fails when a code has none), each value a marker to find in the text. */
const SAMPLES: { [C in ProblemCode]: ProblemParams<C> } = {
  // Files, records and language markers (issue 12, part B).
  'text/control-character': { char: 'C1' },
  'schema/control-character': { where: 'W1', char: 'C1', at: 7, received: 'R1' },
  'schema/line-break': { where: 'W1', char: 'C1', at: 7, received: 'R1' },
  'audit/number-skipped': { year: 'Y1', number: 'N1' },
  'audit/no-record': { change: 'C1', head: 'H1' },
  'change/duplicate-slug': { slug: 'S1', others: 'P1' },
  'change/duplicate-slug-head': { slug: 'S1', others: 'P1' },
  'commons/missing-file': { file: 'F1' },
  'decision/edited-by-hand': { written: 'W1', computed: 'C1' },
  'decision/file-name': { change: 'C1' },
  'file/placeholder-not-empty': { size: 7, layout: 'L1' },
  'prose/translation-own-language': { lang: 'G1' },
  'prose/translation-not-commons': { lang: 'G1', languages: 'G2' },
  'prose/marker-malformed': { line: 'L1' },
  'prose/marker-own-language': { lang: 'G1' },
  'prose/marker-repeated': { lang: 'G1' },
  'prose/marker-not-commons': { lang: 'G1', languages: 'G2' },
  'prose/marker-empty': { lang: 'G1' },
  'record/structure': { ...NO_STRUCTURE_FAULT, fault: 'section-order', line: 7, section: 'S1', after: 'A1', sections: 'L1' },
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
  'tree/malformed': { at: 7, fsck: 'F1' },
  'tree/duplicate-entry': { name: 'N1', firstType: 'blob', first: 'O1', secondType: 'tree', second: 'O2', fsck: 'F1' },
  'tree/unsorted': { name: 'N1', previous: 'N2', fsck: 'F1' },
  'tree/bad-mode': { name: 'N1', mode: 'M1', fsck: 'F1' },
  'tree/null-oid': { name: 'N1', fsck: 'F1' },
  'tree/bad-name': { name: 'N1', fault: 'dotgit', fsck: 'F1' },
  'object/corrupt': { kind: 'blob', oid: 'O1', damage: 'size', detail: '', header: 7, content: 8, fsck: '' },
  'object/commit-without-tree': { oid: 'O1', fsck: 'F1' },
  'object/wrong-type': { oid: 'O1', type: 'tree', kind: 'blob', fsck: '' },
  'object/too-large': { kind: 'blob', size: 7, limit: 8, base: '', max: 9, fsck: '' },
  'file/change-too-large': { files: 2, total: 7, size: 8, max: 9, fsck: '' },
  'change/ballot-dropped': { voter: 'H1', commit: 'O1', seen: '', target: 'O2', present: '' },
  'change/ballot-rewritten': { voter: 'H1', commit: 'O1', committer: 'H2', author: 'H3', signer: 'H4' },
  'change/unclean-merge': { commit: 'O1', fault: 'deletes', path: 'P1' },
  'merge/conflict': { path: 'P1', base: 'B1', fault: 'roster-line', side: 'ours', line: 7 },
  'ballot/not-on-roster': { voter: 'H1', path: 'P1' },
  'change/unsigned': { author: 'H1', ...UNATTRIBUTED, why: 'signature', commit: 'O1', signature: 'unknown-key', key: 'K1', ...NOT_GOVERNED },
  'change/name-taken': { change: 'C1', head: 'H1', opened: '2026-11-21T10:00:00.000Z', published: '', decided: 'D1', file: 'post', like: 'L1' },
  'change/no-frozen-policy': { policy: 'C1' },
  'moderation/appeal-base-missing': { base: 'B1' },
  'moderation/appeal-altered': { blob: 'O1', base: 'B1', commit: 'C1', path: 'P1' },
  'moderation/unknown-rule': { rule: 'U1', governed: 'frozen', policy: 'C1', head: 'D1', opened: '2026-11-21T10:00:00.000Z' },
  'change/author-not-member': { author: 'H1', governed: 'frozen', policy: 'C1', head: 'D1', opened: '2026-11-21T10:00:00.000Z' },
  'change/forged-author': { author: 'H1', submitter: 'H2', governed: 'checked', policy: 'C1', head: '', opened: '' },
  'policy/sealed-no-beacon': { key: 'K1' },
  'policy/sealed-close-early': { key: 'K1' },
  'policy/beacon-known': { name: 'N1', field: 'F1', expected: 'E1' },
  'ballot/sealed-structure': { issue: 'sealed-stanza-count', received: 'R1' },
  'ballot/sealed-chain': { chainHash: 'C1', expected: 'C2' },
  // The last English (lang-sweep): tags, missing objects, dates, schema words and sizes, audit findings.
  'schema/tag-not-normalized': { where: 'W1', received: 'R1', plain: 'P1', odd: 'O1', forms: 7, accents: '' },
  'schema/tag-mixed-scripts': { where: 'W1', received: 'R1', scripts: JSON.stringify([{ script: 'Latin', letters: ['A1'] }, { script: 'Cyrillic', letters: ['B1'] }]) },
  'change/missing-object': { kind: 'blob', oid: 'O1', at: 'path', path: 'P1', steps: JSON.stringify([{ step: 'parent', commit: 'C1' }, { step: 'ledger-entry', change: 'E1' }]), gitdir: 'G1', shallow: '' },
  'audit/missing-object': { kind: 'commit', oid: 'O1', at: '', path: '', steps: '[]', gitdir: 'G1', shallow: 'yes', role: 'first-head', change: 'H1', commit: 'K1' },
  'schema/date': { where: 'W1', received: 'R1', fault: 'form', meant: 'both', write: '', dayFirst: 'D1', monthFirst: 'M1', first: 'F1' },
  'schema/words': { ...NO_WORDS, words: 'too-long', what: 'a summary', max: 7, where: 'W1', received: 'R1', misspelt: 'S1', suggestion: 'S2' },
  'schema/size': { where: 'W1', received: 'R1', bound: 'max', of: 'characters', limit: 7, inclusive: 'yes' },
  'audit/finding': { ...NO_AUDIT_FAULT, fault: 'ballot-rule', at: 7, detail: 'V1', commit: 'C1', said: 'S1', found: 'F1' },
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

/** The rules one source file produces: `problem(path, 'rule', …)`, `codedProblem(path, 'rule', …)`, `rule: '…'` (coded when a `code: '…'` follows on its line) and a schema refinement's `params: { rule: '…' }`. */
function scanRules(source: string, plain: Set<string>, coded: Set<string>): void {
  for (const m of source.matchAll(/\b(codedProblem|problem)\(\s*[^,()]+(?:\([^()]*\))?,\s*(['`])([^'`]+)\2/g)) (m[1] === 'codedProblem' ? coded : plain).add(m[3]!);
  // A fault or finding with its catalogue code on the same line (`rule: 'tree/x', …, code: 'tree/x'`) is coded.
  for (const m of source.matchAll(/\brule: (['`])([a-z${}.-]+\/[a-z0-9${}.-]+)\1(.*)$/gm)) (/\bcode: '/.test(m[3]!) ? coded : plain).add(m[2]!);
  // A schema refinement's own rule (src/commons/schema/), prefixed by the file's kind: coded when it names its code.
  for (const m of source.matchAll(/params: \{ rule: '([a-z-]+)'(, (?:code|problemCode): '[^']+')?/g)) (m[2] ? coded : plain).add(`\${kind}/${m[1]}`);
}

/** Every rule a call site in src/ produces. */
function rulesProduced(): { plain: Set<string>; coded: Set<string> } {
  const plain = new Set<string>();
  const coded = new Set<string>();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
  for (const file of walk(new URL('../../src', import.meta.url).pathname)) scanRules(readFileSync(file, 'utf8'), plain, coded);
  return { plain, coded };
}

describe('every rule produced in src/ has a code, and so a French text', () => {
  const { plain, coded } = rulesProduced();

  it('finds the call sites (the scan itself works)', () => {
    expect(coded).toContain('post/reply-to-missing');
    expect(coded).toContain('tree/malformed');
    const [p, c] = [new Set<string>(), new Set<string>()];
    scanRules("problem(path, 'a/plain', 'words');\ncodedProblem(f.path, 'b/coded', 'b/coded', {});\nout.push({ rule: 'c/plain', found: 'x' });\nout.push({ rule: 'd/coded', found: 'x', code: 'd/coded', params: {} });", p, c);
    expect([[...p].sort(), [...c].sort()]).toEqual([['a/plain', 'c/plain'], ['b/coded', 'd/coded']]);
  });

  it('finds no rule produced in English only: every producer gives its problem a code (issue 12)', () => {
    expect([...plain].sort()).toEqual([]);
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

/** Issue 12, part B: the rules about files, records and language markers, once written in English only. */
describe('files, records and language markers in the reader’s language', () => {
  const BELL = '\u0007';
  const tree = {
    'content/posts/2026/bell-title.md': post(`title: "Ring${BELL}"\nauthor: amina\ndate: 2026-11-21\nlang: fr`),
    'content/posts/2026/bell-body.md': `---\ntitle: Ring\nauthor: amina\ndate: 2026-11-21\nlang: fr\n---\n\nDing${BELL} dong.\n`,
    'content/proposals/hello.md': '---\ntitle: Hello again\nauthor: amina\ndate: 2026-11-21\n---\n\nWhy.\n',
    'content/posts/.gitkeep': 'not empty\n',
    'governance/rules/langs.md': '---\ntitle: Langs\nlang: fr\ntranslations:\n  fr: { title: Langues }\n---\n\nTexte.\n\n<!-- lang: fr -->\n\nEncore.\n\n<!-- lang: de -->\n\nText.\n\n<!-- lang en -->\n\n<!-- lang: en -->\n',
    'governance/members.yml': null,
  };

  it('keeps their English byte for byte in --format json, with the code and parameters added', async () => {
    const dir = await writeTree(tree);
    const result = await runCli(['check', '--repo', dir, '--format', 'json']);
    const problems = (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
    const said = (path: string, rule: string) => problems.filter((p) => p.path === path && p.rule === rule).map((p) => [p.message, p.hint, p.code]);
    expect(said('content/posts/2026/bell-title.md', 'post/control-character')).toEqual([['title: the text has an invisible control character, U+0007 at character 5: pages would hide it and feeds would break on it (received "Ring\\u0007")', 'delete it: retype the text around it, or remove the escape ("\\a", "\\x07"…) that wrote it', 'schema/control-character']]);
    expect(said('content/posts/2026/bell-body.md', 'post/control-character')).toEqual([['the text has an invisible control character, U+0007: a page shows it as a box, or reorders the text around it', 'delete it (an editor that shows invisible characters helps)', 'text/control-character']]);
    expect(said('content/proposals/hello.md', 'change/duplicate-slug')).toEqual([['the slug "hello" is also used by content/posts/2026/hello.md', 'choose another file name: ballots and decisions name a change by its slug alone', 'change/duplicate-slug']]);
    expect(said('content/posts/.gitkeep', 'file/placeholder-not-empty')).toEqual([[expect.stringMatching(/^a \.gitkeep placeholder is empty: it only keeps a folder in git; this one holds 10 bytes$/), expect.stringMatching(/^empty it, or write the text as a post or proposal: commons files live at content\/posts\//), 'file/placeholder-not-empty']]);
    expect(said('governance/members.yml', 'commons/missing-file')).toEqual([['governance/members.yml is missing: every commons has one', 'see docs/formats/ for its format, or copy the one at the root of the NoClout repository', 'commons/missing-file']]);
    expect(said('governance/rules/langs.md', 'prose/language-marker').map(([message]) => message)).toEqual([
      'translations.fr: "fr" is the rule\'s own language (lang)',
      'the text before the first marker is already in "fr" (the file\'s lang)',
      '"de" is not one of this commons\' languages (fr, en)',
      'this line looks like a language marker but is not one: "<!-- lang en -->"',
      'the text in "en" is empty',
    ]);
  });

  it('says each of them in French under LANG=fr_FR.UTF-8, with the same path:line:col and [rule], and no English message left', async () => {
    const dir = await writeTree(tree);
    const en = JSON.parse((await runCli(['check', '--repo', dir, '--format', 'json'])).stdout) as { problems: Problem[] };
    const fr = await runBin(['check', '--repo', dir], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' });
    expect(fr.stdout).toContain(`content/posts/2026/bell-title.md:2:1: title${NB}: le texte contient un caractère de contrôle invisible, U+0007 au caractère 5${NB}: les pages le cacheraient et les flux RSS casseraient dessus (reçu "Ring\\u0007") [post/control-character]`);
    expect(fr.stdout).toContain(`content/posts/2026/bell-body.md:8:5: le texte contient un caractère de contrôle invisible, U+0007${NB}: une page l’affiche comme une case, ou réordonne le texte autour [post/control-character]`);
    expect(fr.stdout).toContain(`content/proposals/hello.md:1:1: le slug «${NB}hello${NB}» est aussi utilisé par content/posts/2026/hello.md [change/duplicate-slug]`);
    expect(fr.stdout).toContain(`content/posts/.gitkeep:1:1: un fichier .gitkeep reste vide${NB}: il ne sert qu’à garder un dossier dans git${NB}; celui-ci contient 10 octets [file/placeholder-not-empty]`);
    expect(fr.stdout).toContain(`governance/members.yml:1:1: governance/members.yml manque${NB}: tout commun en a un [commons/missing-file]`);
    expect(fr.stdout).toContain(`cette ligne ressemble à un marqueur de langue mais n’en est pas un${NB}: «${NB}<!-- lang en -->${NB}» [prose/language-marker]`);
    expect(fr.stdout).toContain(`le texte en «${NB}en${NB}» est vide [prose/language-marker]`);
    const partB = new Set(['post/control-character', 'change/duplicate-slug', 'file/placeholder-not-empty', 'commons/missing-file', 'prose/language-marker']);
    const mine = en.problems.filter((p) => partB.has(p.rule));
    expect(mine.length).toBe(11);
    for (const p of mine) expect(fr.stdout, p.rule).not.toContain(p.message);
  });

  it('decision records and the audit: edited-by-hand, file-name, a skipped number, a change merged without its record', () => {
    const edited = codedProblem('governance/decisions/2026/0001-a.md', 'decision/edited-by-hand', 'decision/edited-by-hand', { written: 'sha256:0123456789ab…', computed: 'sha256:ba9876543210' });
    expect(edited.message).toBe('this decision record does not match its digest (written sha256:0123456789ab…, its text hashes to sha256:ba9876543210…): records are written by the bot only');
    expect(formatProblemIn(edited, 'fr')).toContain(`ce procès-verbal de décision ne correspond pas à son empreinte (écrite sha256:0123456789ab…, son texte donne sha256:ba9876543210…)${NB}: les procès-verbaux sont écrits par le bot seul [decision/edited-by-hand]`);
    const name = codedProblem('governance/decisions/2026/0001-a.md', 'decision/file-name', 'decision/file-name', { change: 'b' });
    expect([name.message, formatProblemIn(name, 'fr')]).toEqual(['the file name does not end with the change "b"', `governance/decisions/2026/0001-a.md:1:1: le nom du fichier ne finit pas par le changement «${NB}b${NB}» [decision/file-name]`]);
    const skipped = codedProblem('governance/decisions/2026/0001-…', 'audit/missing-record', 'audit/number-skipped', { year: '2026', number: '0001' });
    expect(skipped.message).toBe('the records of 2026 skip number 0001: a decision record was removed from main');
    const merged = codedProblem('governance/decisions/…-two.md', 'audit/missing-record', 'audit/no-record', { change: 'two', head: '0123456789' });
    expect(formatProblemIn(merged, 'fr')).toContain(`le changement «${NB}two${NB}» est sur main (sa tête 0123456789 y est), mais main n’a aucun procès-verbal de décision pour lui`);
  });

  it('the record the bot refuses to write says why in French (record/structure), its English unchanged', () => {
    const p = codedProblem('governance/decisions/2026/0001-a.md', 'record/structure', 'record/structure', { ...NO_STRUCTURE_FAULT, fault: 'no-front-matter' });
    expect([p.message, p.hint]).toEqual(['the record the bot would write fails: the record has no front matter between --- lines', "nothing was written; report this to the commons' maintainers with the change's name"]);
    expect(formatProblemIn(p, 'fr')).toContain(`le procès-verbal que le bot écrirait est refusé${NB}: le procès-verbal n’a pas d’en-tête entre deux lignes ---`);
  });

  it('sees the rules of schema refinements too, every one coded (control-character, line-break, the two tag rules)', () => {
    const { plain, coded } = rulesProduced();
    expect([...coded]).toEqual(expect.arrayContaining(['${kind}/control-character', '${kind}/line-break', '${kind}/tag-mixed-scripts', '${kind}/tag-not-normalized']));
    expect([...plain].filter((rule) => rule.startsWith('${kind}/'))).toEqual([]);
  });
});

/**
 * Issue 12, part A: the problems of refused git objects, ballots, merges and authorship, "every
 * problem's message and hint has a French text". Their English is pinned as it was before they had
 * codes: BadObjectError's `found; expected (git fsck: …)` and the hints of src/bot/unreadable.ts.
 */
const OLD_TREE_HINT = 'rebuild the branch with ordinary git commands (git add, git commit), which never write such a tree, and push again; git fsck shows the fault';
const OLD_HINTS: Record<string, string> = {
  'file/too-large': 'remove the file from the branch, and from its history (git rebase -i), then push again; a post is at most posts.maxBytes (governance/policy.md)',
  'object/too-large': "rewrite the branch without it (a commit message of a few lines, folders of a commons' size: git commit --amend or git rebase -i), and push again",
  'object/corrupt': 'run git fsck in the repository the bot reads; fetch the branch again from a copy that has it whole',
  'object/wrong-type': 'rebuild the branch with ordinary git commands (git add, git commit) and push again; git fsck shows the fault',
};

/** Raw tree bytes, entries exactly as given. */
function treeBytes(entries: { mode: string; name: string | Buffer; oid?: string }[]): Uint8Array {
  const oid = (o?: string) => Buffer.from(o ?? 'ab'.repeat(20), 'hex');
  return Buffer.concat(entries.map((e) => Buffer.concat([Buffer.from(`${e.mode} `), typeof e.name === 'string' ? Buffer.from(e.name) : e.name, Buffer.from([0]), oid(e.oid)])));
}

/** The BadObjectError a read throws. */
async function refused(read: Promise<unknown>): Promise<BadObjectError> {
  const error = await read.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BadObjectError);
  return error as BadObjectError;
}

/** Each fault's problem: the English exactly as BadObjectError's found and expected said it, and a French text with nothing of it. */
function expectBothLanguages(error: BadObjectError): Problem[] {
  const problems = badObjectProblems(error, 'post/x');
  expect(problems).toHaveLength(error.faults.length);
  error.faults.forEach((fault, i) => {
    const p = problems[i]!;
    expect(p.message, fault.found).toBe(`${fault.found}; expected ${fault.expected}${fault.fsck ? ` (git fsck: ${fault.fsck})` : ''}`);
    expect(p.hint).toBe(OLD_HINTS[fault.rule] ?? OLD_TREE_HINT);
    expect(p.code).toBe(fault.code);
    const fr = formatProblemIn(p, 'fr');
    expect(fr).toContain(`${NB}; attendu${NB}: `);
    expect(fr).not.toContain('expected');
    expect(fr).toContain(`[${fault.rule}]\n    conseil${NB}: `);
  });
  return problems;
}

describe('refused git objects, ballots, merges and authorship in French (issue 12, part A)', () => {
  it('every fault of a tree: the English of BadObjectError byte for byte, and a French sentence', () => {
    const trees = [
      [{ mode: '100644', name: 'hello.md' }, { mode: '100644', name: 'hello.md' }],
      [{ mode: '100644', name: 'b.md' }, { mode: '100644', name: 'a.md' }],
      [{ mode: '40000', name: '.git' }], [{ mode: '40000', name: '..' }], [{ mode: '40000', name: '.' }], [{ mode: '100644', name: 'content/x.md' }],
      [{ mode: '120000', name: '.gitmodules' }], [{ mode: '040000', name: 'posts' }], [{ mode: '100664', name: 'a.md' }],
      [{ mode: '100644', name: 'null.md', oid: '0'.repeat(40) }], [{ mode: '100644', name: Buffer.from([0x63, 0xe9, 0x2e, 0x6d, 0x64]) }],
      [{ mode: '100644', name: 'back\\slash.md' }], [{ mode: '100644', name: 'bell\u0007.md' }], [{ mode: '100644', name: '' }],
    ];
    const rules = new Set<string>();
    for (const entries of trees) {
      const { faults } = parseTree(treeBytes(entries));
      expect(faults.length, JSON.stringify(entries)).toBeGreaterThan(0);
      for (const p of expectBothLanguages(new BadObjectError('c'.repeat(40), 'tree', faults, 'content/posts'))) rules.add(p.rule);
    }
    const malformed = parseTree(Buffer.concat([treeBytes([{ mode: '100644', name: 'a.md' }]), Buffer.from('100644 cut')]));
    const [cut] = expectBothLanguages(new BadObjectError('c'.repeat(40), 'tree', malformed.faults, 'content'));
    expect(formatProblemIn(cut!, 'fr')).toBe(`content:1:1: l’arbre ne peut pas être lu après l’octet 32${NB}; attendu${NB}: des entrées «${NB}<mode> <nom>\\0<identifiant de 20 octets>${NB}» (git fsck${NB}: badTree) [tree/malformed]\n    conseil${NB}: reconstruisez la branche avec les commandes git ordinaires (git add, git commit), qui n’écrivent jamais un tel arbre, et poussez-la à nouveau${NB}; git fsck montre le défaut`);
    expect([...rules].sort()).toEqual(['tree/bad-mode', 'tree/bad-name', 'tree/duplicate-entry', 'tree/null-oid', 'tree/unsorted']);
  });

  it('a name with a control character stays escaped in French, as in English', () => {
    const [p] = expectBothLanguages(new BadObjectError('c'.repeat(40), 'tree', parseTree(treeBytes([{ mode: '100644', name: 'bell\u0007.md' }])).faults, ''));
    expect(formatProblemIn(p!, 'fr')).toContain(`le nom «${NB}bell\\u0007.md${NB}» contient un caractère de contrôle`);
  });

  it('objects too large, of the wrong type, damaged or without a tree line, and a change too large in all', async () => {
    const f = makeCommons({ members: ['amina'] });
    try {
      const repo = openRepository(f.dir);
      const big = expectBothLanguages(tooLarge('d'.repeat(40), 'blob', 20_000_000, MAX_FILE_BYTES, 'content/posts/2026/big.md'));
      expect(formatProblemIn(big[0]!, 'fr')).toContain(`le fichier fait 20000000 octets (d’après son en-tête git${NB}; il n’a pas été lu)${NB}; attendu${NB}: au plus 10000000 octets`);
      expectBothLanguages(tooLarge('d'.repeat(40), 'tree', 900_000, 100_000, 'content', 5_000_000));
      const empty = rawTree(f, []);
      const wrong = await refused(readBlobBytes(repo, empty, 'a.md'));
      expect(formatProblemIn(expectBothLanguages(wrong)[0]!, 'fr')).toContain(`${empty.slice(0, 10)} est un arbre${NB}; attendu${NB}: un blob, comme le dit l’arbre ou le commit qui le nomme`);
      const noTree = execFileSync('git', ['-C', f.dir, 'hash-object', '-t', 'commit', '--literally', '-w', '--stdin'], { input: 'author a <a@b> 0 +0000\n\nno tree\n', encoding: 'utf8' }).trim();
      const commitError = await refused(treeOf(openRepository(f.dir), noTree));
      expect(formatProblemIn(expectBothLanguages(commitError)[0]!, 'fr')).toContain(`le commit ${noTree.slice(0, 10)} ne commence pas par une ligne «${NB}tree${NB}»`);
      const damaged = blob(f, 'words\n');
      writeFileSync(join(f.dir, '.git', 'objects', damaged.slice(0, 2), damaged.slice(2)), '');
      const corrupt = await refused(readBlobBytes(openRepository(f.dir), damaged, 'a.md'));
      expect(formatProblemIn(expectBothLanguages(corrupt)[0]!, 'fr')).toContain(`le blob ${damaged.slice(0, 10)} est endommagé${NB}: `);
      const zeros = zeroBlob(f, 9_000_000);
      const files = Array.from({ length: 6 }, (_, i) => ({ path: `content/posts/2026/z${i}.md`, status: 'added' as const, head: { path: `z${i}.md`, mode: '100644', oid: zeros, type: 'blob' as const } }));
      const all = await refused(readTexts(openRepository(f.dir), files));
      expect(formatProblemIn(expectBothLanguages(all)[0]!, 'fr')).toContain(`les 6 fichiers du changement font 54000000 octets en tout (celui-ci en fait 9000000${NB}; aucun n’a été lu)`);
    } finally {
      f.cleanup();
    }
  });

  it('noclout review of a branch whose tree lists a post twice says it in French under LANG=fr_FR.UTF-8, in English under LANG=en_US.UTF-8', async () => {
    const f = makeCommons({ members: ['amina', 'bruno'] });
    try {
      const words = blob(f, postText({ author: 'amina', title: 'Mine' }, 'What I wrote.\n'));
      const forged = blob(f, postText({ author: 'amina', title: 'Mine' }, 'Words amina never wrote.\n'));
      const folder = rawTree(f, [{ mode: '100644', name: 'twice.md', oid: words }, { mode: '100644', name: 'twice.md', oid: forged }]);
      commitTree(f, withFolder(f, f.rev('main'), 'content/posts/2026', folder), f.rev('main'), 'amina', 'post/twice');
      const fr = await runBin(['review', 'post/twice', '--repo', f.dir], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' });
      expect(fr.stdout).toContain(`content/posts/2026/twice.md:1:1: ${q('twice.md')} figure deux fois dans un même dossier, comme blob ${words.slice(0, 10)} et comme blob ${forged.slice(0, 10)}${NB}; attendu${NB}: chaque nom une seule fois par dossier, sans quoi les lecteurs ne s’accorderaient pas sur l’entrée qui est le fichier (git fsck${NB}: duplicateEntries) [tree/duplicate-entry]`);
      expect(fr.stdout).toContain(`conseil${NB}: reconstruisez la branche`);
      expect(fr.stdout).not.toContain('is listed twice');
      const en = await runBin(['review', 'post/twice', '--repo', f.dir], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' });
      expect(en.stdout).toContain(`content/posts/2026/twice.md:1:1: "twice.md" is listed twice in one folder, as blob ${words.slice(0, 10)} and as blob ${forged.slice(0, 10)}; expected each name once per folder: readers would disagree on which entry is the file (git fsck: duplicateEntries) [tree/duplicate-entry]`);
    } finally {
      f.cleanup();
    }
  });
});

describe('ballots, merges and authorship in French, their English unchanged (issue 12, part A)', () => {
  const oid = (c: string) => c.repeat(40);
  const info = (over: Partial<CommitInfo> = {}): CommitInfo => ({ oid: oid('a'), tree: oid('b'), parents: [oid('c'), oid('d')], message: 'm', author: { name: 'Amina', email: 'a@x' }, time: 0, committer: { name: 'Amina', email: 'a@x' }, authorTime: 0, payload: new Uint8Array(), ...over });
  const dirty: ChangeCommit = { info: info(), files: [], ballot: false, content: true, merge: { clean: false, path: 'content/posts/2026/x.md', why: 'it writes a version of content/posts/2026/x.md that no side wrote', fault: 'new-version' } };

  it('an unsigned merge that is not clean (change/unclean-merge)', () => {
    const [p] = uncleanMerges([dirty]);
    expect(p!.message).toBe('commit aaaaaaaaaa is an unsigned merge that is not clean: it writes a version of content/posts/2026/x.md that no side wrote; an unsigned merge may only join its parents');
    expect(formatProblemIn(p!, 'fr')).toBe(`content/posts/2026/x.md:1:1: le commit aaaaaaaaaa est une fusion non signée qui n’est pas propre${NB}: elle écrit une version de content/posts/2026/x.md qu’aucun côté n’a écrite${NB}; une fusion non signée ne peut que joindre ses parents [change/unclean-merge]\n    conseil${NB}: refaites la fusion sans rien modifier (git merge, ou noclout vote, qui fusionne proprement les bulletins), ou laissez la personne qui soumet le changement signer la fusion comme sa propre modification${NB}: git commit -S`);
  });

  it('a change nobody signed (change/unsigned): the reason in parts, not English glued into French', () => {
    const unsigned = contentSubmitter([{ ...dirty, info: info({ parents: [oid('c')] }), merge: undefined }], []);
    expect(unsigned.handle).toBeUndefined();
    const p = codedProblem('content/posts/2026/x.md', 'change/unsigned', 'change/unsigned', { author: 'amina', ...(unsigned as { unattributed: Unattributed }).unattributed, ...NOT_GOVERNED });
    expect([p.message, p.hint]).toEqual([`the change cannot be attributed to a member: ${(unsigned as { reason: string }).reason}`, "sign every commit with amina's key: git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519 commit -S"]);
    expect(p.message).toBe('the change cannot be attributed to a member: commit aaaaaaaaaa: missing signature: the commit is not signed (git commit -S with gpg.format=ssh)');
    expect(formatProblemIn(p, 'fr')).toContain(`le changement ne peut être attribué à aucun membre${NB}: le commit aaaaaaaaaa n’est pas signé (git commit -S avec gpg.format=ssh) [change/unsigned]`);
    const merged = contentSubmitter([{ ...dirty, info: info({ signature: 'not a signature' }) }], []);
    const q2 = codedProblem('a.md', 'change/unsigned', 'change/unsigned', { author: 'amina', ...(merged as { unattributed: Unattributed }).unattributed, ...NOT_GOVERNED });
    expect(q2.message).toBe(`the change cannot be attributed to a member: ${(merged as { reason: string }).reason}`);
    expect(formatProblemIn(q2, 'fr')).toContain(`le commit aaaaaaaaaa, une fusion qui n’est pas propre (elle écrit une version de content/posts/2026/x.md qu’aucun côté n’a écrite), a une signature invalide${NB}: la signature n’est pas une signature SSH (gpg.format=ssh) [change/unsigned]`);
    expect(formatProblemIn(q2, 'fr'), 'the verifier’s detail is coded too (issue 12, lang-sweep)').not.toContain('the signature is not');
  });

  it('a roster merge refused (merge/conflict): whose side, in the reader’s language', () => {
    const refused = mergeRoster('- handle: amina\n', '- handle: bruno\n', '- handle: amina\n- handle: chloe\n', { ours: 'main', theirs: 'this change' });
    expect(refused).toMatchObject({ ok: false, fault: 'roster-line', side: 'ours', line: 1 });
    const r = refused as { why: string; fault: ConflictFault; side: 'ours'; line: number };
    const p = codedProblem('governance/members.yml', 'merge/conflict', 'merge/conflict', { path: 'governance/members.yml', base: 'main', fault: r.fault, side: r.side, line: r.line });
    expect(p.message).toBe(`governance/members.yml was changed on main and in this change (${r.why})`);
    expect(formatProblemIn(p, 'fr')).toContain(`governance/members.yml a été modifié sur main et dans ce changement (main a modifié la ligne 1 du texte dont les deux côtés sont partis${NB}: seules les entrées ajoutées après lui se fusionnent) [merge/conflict]`);
  });

  it('a taken name, a frozen policy that cannot be read, an altered appeal: English as before, French in full', () => {
    const taken = codedProblem('content/posts/2026/a.md', 'change/name-taken', 'change/name-taken', { change: 'a', head: 'post/a', opened: '2026-11-01T09:00:00.000Z', published: '', decided: '', file: 'post', like: 'content/posts/2026/a-2.md' });
    expect([taken.message, taken.hint]).toEqual(['another change already goes by the name "a" (post/a, first seen 2026-11-01T09:00:00.000Z): its opening, ballots and record are filed under that name', 'give your post another file name (its slug), like content/posts/2026/a-2.md, and push again']);
    expect(formatProblemIn(taken, 'fr')).toContain(`un autre changement porte déjà le nom «${NB}a${NB}» (post/a, vu pour la première fois le 1er novembre 2026 à 09:00${NB}UTC)${NB}: son ouverture`);
    const policy = codedProblem('governance/policy.md', 'change/no-frozen-policy', 'change/no-frozen-policy', { policy: 'abcdef1234' });
    expect([policy.message, policy.hint]).toEqual(['the policy or roster at abcdef1234 (frozen when the change was opened) cannot be read', "fix main's governance files first: `noclout check`"]);
    expect(formatProblemIn(policy, 'fr')).toContain('la politique ou la liste des membres au commit abcdef1234 (figées à l’ouverture du changement) ne peuvent pas être lues');
    const appeal = codedProblem('content/posts/2026/a.md', 'moderation/appeal-altered', 'moderation/appeal-altered', { blob: 'b'.repeat(10), base: 'c'.repeat(10), commit: oid('c'), path: 'content/posts/2026/a.md' });
    expect(appeal.message).toBe('an appeal restores exactly the text the moderation hid (blob bbbbbbbbbb, at cccccccccc); this file differs');
    expect(formatProblemIn(appeal, 'fr')).toContain(`conseil${NB}: remettez-le tel qu’il était${NB}: git show ${oid('c')}:content/posts/2026/a.md > content/posts/2026/a.md`);
  });
});
