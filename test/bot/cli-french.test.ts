/**
 * Issue 12, "Every word in the reader's language": "The CLI speaks French when the locale is French
 * (`LANG`/`LC_ALL` `fr*`) and English otherwise". Not only problems: every `--help`, every usage
 * error and every sentence a command prints comes from a catalogue with both texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { commands } from '../../src/cli/commands/index.ts';
import { writeTree } from '../fixtures/commons-tree.ts';

const NB = '\u202f';
const FRENCH = { LANG: 'fr_FR.UTF-8' };
const ENGLISH = { LANG: 'en_US.UTF-8' };
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl zoe';

async function run(args: string[], env: Record<string, string>, cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, env, stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

/**
 * A line a person types or reads as code, the same in both languages: made only of commands
 * (noclout, git), options (--repo), placeholders (DIR, <head>, PATH…), values (text|json, fr,en),
 * paths and refs (refs/noclout/ledger), punctuation. "Usage:" or any word of prose is not.
 */
export function isCodeOnly(line: string): boolean {
  const words = line.trim().split(/[\s,]+/).filter(Boolean);
  return words.every(
    (w) =>
      /^\[?-{1,2}[\w-]+[\]]?$/.test(w) || // --repo, [--dry-run]
      /^\[?<[^>]*>(?:…)?\]?$/.test(w) || // <head>…
      /^\[?[A-Z][A-Z_-]*(?:…)?\]?$/.test(w) || // DIR, [PATH…]
      /[|/=]/.test(w) || // text|json, refs/…, key=value
      /^(?:noclout|git|npx|fetch|origin|main|yes|no|abstain|[{}[\]"…:()]+)$/.test(w),
  );
}

const names = commands.map((c) => c.name);

describe('every --help in French (issue 12)', () => {
  const cases: [string, string[]][] = [['noclout --help', ['--help']], ...names.map((name): [string, string[]] => [`noclout ${name} --help`, [name, '--help']])];
  for (const [label, args] of cases) {
    it(`${label}: under LANG=fr_FR.UTF-8 no line of the English help is left, except lines of code only; and the reverse`, async () => {
      const en = await run(args, ENGLISH);
      const fr = await run(args, FRENCH);
      expect(en.code).toBe(0);
      expect(fr.code).toBe(0);
      expect(fr.stdout).toMatch(/^(?:noclout — |Utilisation\u202f: )/);
      const enLines = new Set(en.stdout.split('\n').filter((l) => l.trim() !== ''));
      const frLines = new Set(fr.stdout.split('\n').filter((l) => l.trim() !== ''));
      const shared = [...frLines].filter((l) => enLines.has(l));
      expect(shared.filter((l) => !isCodeOnly(l)), 'lines of prose in both helps').toEqual([]);
      // A French help as long as the English: a paragraph left out would go unseen otherwise.
      expect(frLines.size).toBeGreaterThanOrEqual(enLines.size * 0.8);
    });
  }

  it('--lang fr asks for the French help whatever the locale, and --lang en for the English', async () => {
    expect((await run(['check', '--help', '--lang', 'fr'], ENGLISH)).stdout).toContain(`Utilisation${NB}: noclout check`);
    expect((await run(['check', '--help', '--lang', 'en'], FRENCH)).stdout).toContain('Usage: noclout check');
    expect((await run(['--help', '--lang', 'fr'], ENGLISH)).stdout).toContain(`Commandes${NB}:`);
  });

  it('the help of new stays in the locale\'s language: there --lang is the post\'s language', async () => {
    expect((await run(['new', '--help', '--lang', 'en'], FRENCH)).stdout).toContain(`Utilisation${NB}: noclout new`);
  });

  it('control: the English help is unchanged in substance (Usage:, Options:, Exit codes:)', async () => {
    const en = await run(['vote', '--help'], {});
    expect(en.stdout).toContain('Usage: noclout vote <change> yes|no|abstain');
    expect(en.stdout).toContain('Exit codes: 0 cast');
  });

  it('the code-only rule is not a loophole: a line of prose is not code, a line of options is', () => {
    expect(isCodeOnly('  --repo DIR, --format text|json')).toBe(true);
    expect(isCodeOnly('  git fetch origin refs/noclout/ledger:refs/noclout/ledger')).toBe(true);
    expect(isCodeOnly('Exit codes: 0 valid, 1 problems found, 2 usage error.')).toBe(false);
    expect(isCodeOnly('  --force                   replace a commons')).toBe(false);
  });
});

/** A usage error under a French locale: exit 2, French first line, French help after it, no English sentence. */
function expectFrenchUsage(out: { code: number; stderr: string }, command: string, says: string | RegExp): void {
  expect(out.code, out.stderr).toBe(2);
  const [first] = out.stderr.split('\n');
  expect(first).toMatch(new RegExp(`^noclout ${command}${NB}: `));
  if (typeof says === 'string') expect(first).toContain(says);
  else expect(first).toMatch(says);
  expect(out.stderr).toContain(`Utilisation${NB}: noclout ${command}`);
  expect(out.stderr).not.toMatch(/\b(?:must be|received|give|the|is not|no such)\b/);
}

describe('usage errors in French under LANG=fr_FR.UTF-8 (issue 12)', () => {
  it('every command: an unknown option, a bad --format and a bad --at', async () => {
    for (const name of names) {
      expectFrenchUsage(await run([name, '--frobnicate'], FRENCH), name, `option inconnue --frobnicate`);
      expectFrenchUsage(await run([name, '--format', 'xml'], FRENCH), name, `--format vaut «${NB}text${NB}» ou «${NB}json${NB}», reçu "xml"`);
      expectFrenchUsage(await run([name, '--at', '2026-12-07T10:00'], FRENCH), name, 'sans fuseau');
    }
  });

  it('check: a path outside the commons, a path that does not exist, --repo that is not a folder', async () => {
    const dir = await writeTree({});
    expectFrenchUsage(await run(['check', '/etc', '--repo', dir], FRENCH), 'check', 'est hors du commun');
    expectFrenchUsage(await run(['check', 'content/nothing-here', '--repo', dir], FRENCH), 'check', 'aucun fichier ni dossier de ce nom');
    expectFrenchUsage(await run(['check', '--repo', join(dir, 'governance/commons.yml')], FRENCH), 'check', 'n’est pas un dossier');
  });

  it('new: no kind, no title, --rules on a post, --rule without --moderates, a title without a file name', async () => {
    const dir = await writeTree({});
    expectFrenchUsage(await run(['new', '--repo', dir], FRENCH), 'new', `dites quoi créer`);
    expectFrenchUsage(await run(['new', 'post', '--repo', dir], FRENCH), 'new', 'donnez un titre entre guillemets');
    expectFrenchUsage(await run(['new', 'post', 'Titre', '--rules', 'x', '--repo', dir], FRENCH), 'new', '--rules est pour une proposition');
    expectFrenchUsage(await run(['new', 'proposal', 'Titre', '--rule', 'respect', '--repo', dir], FRENCH), 'new', '--rule va avec --moderates');
    expectFrenchUsage(await run(['new', 'post', '平等的声音', '--repo', dir], FRENCH), 'new', 'aucune lettre de ce titre ne s’y ramène');
  });

  it('init: an extra argument, --signing maybe, a script missing flags (each named), a bad site', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'noclout-init-fr-'));
    expectFrenchUsage(await run(['init', 'extra', '--repo', dir], FRENCH), 'init', `arguments inattendus${NB}: extra`);
    expectFrenchUsage(await run(['init', '--signing', 'maybe', '--repo', dir], FRENCH), 'init', `--signing vaut «${NB}yes${NB}» ou «${NB}no${NB}»`);
    const missing = await run(['init', '--name', 'Jardin', '--repo', dir], { ...FRENCH, HOME: dir, SSH_AUTH_SOCK: '' });
    expectFrenchUsage(missing, 'init', `l’entrée standard n’est pas un terminal`);
    expect(missing.stderr).toContain('--description (ou --description-en)');
    const site = await run(['init', '--name', 'J', '--description', 'D', '--site', 'javascript:alert(1)', '--repository', 'https://example.org/j', '--handle', 'amina', '--member-name', 'Amina', '--key', KEY, '--repo', dir], FRENCH);
    expectFrenchUsage(site, 'init', 'une adresse http(s), comme https://example.org/');
  });

  it('join: --for with --sponsor, --github without --github-id, outside a git repository', async () => {
    const dir = await writeTree({});
    expectFrenchUsage(await run(['join', '--for', 'bruno', '--sponsor', 'amina', '--repo', dir], FRENCH), 'join', 'donnez l’un des deux');
    expectFrenchUsage(await run(['join', '--github', 'bruno', '--repo', dir], FRENCH), 'join', '--github LOGIN et --github-id NUMBER vont ensemble');
    expectFrenchUsage(await run(['join', '--repo', dir], FRENCH), 'join', `n’est pas un dépôt git (pas de dossier .git, et pas un dépôt nu)${NB}; lancez npx noclout join dans un clone du commun`);
  });

  it('vote: no change, a vote that is not yes/no/abstain, outside a git repository', async () => {
    const dir = await writeTree({});
    expectFrenchUsage(await run(['vote', '--repo', dir], FRENCH), 'vote', 'nommez le changement par son slug');
    expectFrenchUsage(await run(['vote', 'cite-sources', 'maybe', '--repo', dir], FRENCH), 'vote', 'dites yes, no ou abstain, reçu "maybe"');
    expectFrenchUsage(await run(['vote', 'cite-sources', 'yes', '--repo', dir], FRENCH), 'vote', 'n’est pas dans un dépôt git');
  });

  it('review, merge, audit: no head, a bad --source, a folder that is no repository, a --base git refuses, GitHub without its variables', async () => {
    const dir = await writeTree({});
    expectFrenchUsage(await run(['review', '--repo', dir], FRENCH), 'review', 'nommez au moins une tête à juger');
    expectFrenchUsage(await run(['review', 'x', '--source', 'gitlab', '--repo', dir], FRENCH), 'review', `--source vaut «${NB}git${NB}» ou «${NB}github${NB}»`);
    expectFrenchUsage(await run(['review', 'x', '--repo', dir], FRENCH), 'review', 'n’est pas un dépôt git');
    expectFrenchUsage(await run(['merge', '--repo', dir], FRENCH), 'merge', 'n’est pas un dépôt git');
    expectFrenchUsage(await run(['audit', '--repo', dir], FRENCH), 'audit', 'n’est pas un dépôt git');
    const repo = process.cwd();
    expectFrenchUsage(await run(['merge', '--dry-run', '--base', 'a..b', '--repo', repo], FRENCH), 'merge', `«${NB}a..b${NB}» n’est pas un nom de branche que git accepte${NB}: il contient «${NB}..${NB}»`);
    const github = await run(['review', '1', '--source', 'github', '--repo', repo], { ...FRENCH, GITHUB_REPOSITORY: 'nope' });
    expectFrenchUsage(github, 'review', 'la source GitHub ne peut pas servir');
    expect(github.stderr).toContain(`GITHUB_TOKEN n’est pas défini`);
  });

  it('control: the same errors in English under an English locale, and --format json keeps English', async () => {
    const dir = await writeTree({});
    const en = await run(['vote', 'cite-sources', 'maybe', '--repo', dir], ENGLISH);
    expect(en.stderr).toMatch(/^noclout vote: say yes, no or abstain, received "maybe"/);
    const json = await run(['vote', 'cite-sources', 'maybe', '--repo', dir, '--format', 'json'], FRENCH);
    expect(JSON.parse(json.stdout).error.message).toBe('say yes, no or abstain, received "maybe"');
  });
});

describe('what commands say, in French under LANG=fr_FR.UTF-8 (issue 12)', () => {
  it('refusals (exit 1): new with an author who is not a member, join where there is no main, init over a community', async () => {
    const dir = await writeTree({});
    const refused = await run(['new', 'post', 'Bonjour', '--author', 'nobody', '--repo', dir], FRENCH);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^noclout new${NB}: «${NB}nobody${NB}» n’est pas dans governance/members.yml${NB}; membres${NB}: `));
    const json = await run(['new', 'post', 'Bonjour', '--author', 'nobody', '--repo', dir, '--format', 'json'], FRENCH);
    expect(JSON.parse(json.stdout).error.message).toMatch(/^"nobody" is not in governance\/members.yml; members: /);
    const git = await mkdtemp(join(tmpdir(), 'noclout-join-fr-'));
    await promisify(execFile)('git', ['init', '-q', '-b', 'trunk', git]);
    const join_ = await run(['join', '--key', KEY, '--name', 'Zoé', '--handle', 'zoe', '--repo', git], FRENCH);
    expect(join_.code).toBe(1);
    expect(join_.stderr).toContain(`noclout join${NB}: pas de branche main dans ${git}${NB}: récupérez d’abord le commun`);
    const init = await run(['init', '--repo', dir], FRENCH);
    expect(init.stderr).toContain(`noclout init${NB}: ce dossier contient déjà un commun avec ses propres membres`);
  });

  it('new writes a rule and says what is next in French, with the command to run as typed', async () => {
    const dir = await writeTree({});
    const out = await run(['new', 'rule', 'Citer ses sources', '--repo', dir], FRENCH);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(`governance/rules/citer-ses-sources.md écrit\nEnsuite${NB}: rédigez la règle, puis la proposition qui l’ajoute (une règle entre dans la charte par un vote)${NB}: npx noclout new proposal "Citer ses sources" --rules citer-ses-sources\n`);
  });
});

/** The files that hold the command line's sentences, in both languages. */
const CATALOGUES = new Set(['help.ts', 'texts.ts', 'usage-texts.ts', 'init-texts.ts', 'join-texts.ts', 'new-texts.ts', 'vote-texts.ts', 'run-texts.ts']);

/**
 * String literals of src/cli outside the catalogues that read as prose: three words or more of
 * letters in a row ("no open change against"). A command, option or path is not prose
 * ("git fetch --prune" has two words of letters, then an option). Such a literal reaches people in
 * one language only, whatever it is handed to (io.stdout, io.stderr, UsageError, a refusal).
 */
export function proseOutsideCatalogues(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of files) {
    if (CATALOGUES.has(path.split('/').at(-1)!)) continue;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const parts: string[] = [];
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) parts.push(node.text);
      else if (ts.isTemplateExpression(node)) parts.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
      const inImport = node.parent !== undefined && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent));
      const prose = parts.find((p) => /(?:^|[\s(])\p{L}+(?: \p{L}+){2,}(?![\p{L}/._-])/u.test(p));
      if (prose !== undefined && !inImport && !isRegExpSource(node)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${path}:${line + 1}: ${JSON.stringify(prose.slice(0, 70))}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** `new RegExp('…')`: a pattern, not a sentence. */
function isRegExpSource(node: ts.Node): boolean {
  return node.parent !== undefined && ts.isNewExpression(node.parent) && node.parent.expression.getText() === 'RegExp';
}

function cliSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'src/cli'));
  return files;
}

describe('no sentence of the command line outside its catalogues (issue 12)', () => {
  it('src/cli holds no string literal of prose outside help.ts, texts.ts and the *-texts.ts catalogues', () => {
    expect(proseOutsideCatalogues(cliSources(process.cwd()))).toEqual([]);
  });

  it('the scan finds what it is for: an English sentence handed to io.stdout, UsageError or a refusal', () => {
    const offenders = new Map([
      ['src/cli/commands/x.ts', "io.stdout(`no open change against ${base}`);\nthrow new UsageError('--x must be given');\nreturn fail(`the key from ${k} is already listed`);"],
      ['src/cli/commands/y.ts', "io.stdout(CLI_TEXTS[lang].wrote(path));\ngit(['fetch', '--prune', remote]);\nconst re = new RegExp('a b c d');"],
      ['src/cli/usage-texts.ts', "const en = { x: () => 'a sentence in the catalogue' };"],
    ]);
    expect(proseOutsideCatalogues(offenders).map((f) => f.split(':').slice(0, 2).join(':'))).toEqual(['src/cli/commands/x.ts:1', 'src/cli/commands/x.ts:2', 'src/cli/commands/x.ts:3']);
  });
});
