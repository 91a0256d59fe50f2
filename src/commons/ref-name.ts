/**
 * Ref and branch names as `git check-ref-format` reads them. A branch name
 * reaches the bot from places a contributor can write (commons.yml's
 * `branch:`, which a voted policy change sets; a change's branch; `--base`),
 * and the bot turns it into a file under .git/refs: `..`, a leading `-` or a
 * `.lock` suffix would let it write outside refs/heads/ or clash with git's
 * own files. Pure: no I/O.
 */

/** Why a ref name is refused, or undefined when git would accept it. `branch`: also what git refuses as a branch name (a leading "-", HEAD). */
export function refNameProblem(name: string, options: { branch?: boolean } = {}): string | undefined {
  return refNameProblemIn(name, 'en', options);
}

const NB = '\u202f';

/** The reasons, in English and French (issue 12): the command line says them in the locale's language. */
const REASONS = {
  en: {
    empty: () => 'it is empty',
    at: () => 'it is "@", which git reads as HEAD',
    dash: () => 'it starts with "-", which git would read as an option',
    head: () => 'HEAD is not a branch name',
    slash: () => 'it starts or ends with "/"',
    doubleSlash: () => 'it contains "//"',
    dots: () => 'it contains ".."',
    atBrace: () => 'it contains "@{"',
    dotEnd: () => 'it ends with "."',
    character: (c: string) => `it contains ${JSON.stringify(c)} (git refuses control characters, spaces and ~ ^ : ? * [ \\)`,
    dotPart: (part: string) => `its component "${part}" starts with "."`,
    lockPart: (part: string) => `its component "${part}" ends with ".lock"`,
  },
  fr: {
    empty: () => 'il est vide',
    at: () => `c’est «${NB}@${NB}», que git lit comme HEAD`,
    dash: () => `il commence par «${NB}-${NB}», que git lirait comme une option`,
    head: () => 'HEAD n’est pas un nom de branche',
    slash: () => `il commence ou finit par «${NB}/${NB}»`,
    doubleSlash: () => `il contient «${NB}//${NB}»`,
    dots: () => `il contient «${NB}..${NB}»`,
    atBrace: () => `il contient «${NB}@{${NB}»`,
    dotEnd: () => `il finit par «${NB}.${NB}»`,
    character: (c: string) => `il contient ${JSON.stringify(c)} (git refuse les caractères de contrôle, les espaces et ~ ^ : ? * [ \\)`,
    dotPart: (part: string) => `sa partie «${NB}${part}${NB}» commence par «${NB}.${NB}»`,
    lockPart: (part: string) => `sa partie «${NB}${part}${NB}» finit par «${NB}.lock${NB}»`,
  },
};

/** refNameProblem in a language. */
export function refNameProblemIn(name: string, lang: 'en' | 'fr', options: { branch?: boolean } = {}): string | undefined {
  const why = REASONS[lang];
  if (name === '') return why.empty();
  if (name === '@') return why.at();
  if (options.branch && name.startsWith('-')) return why.dash();
  if (options.branch && name === 'HEAD') return why.head();
  if (name.startsWith('/') || name.endsWith('/')) return why.slash();
  if (name.includes('//')) return why.doubleSlash();
  if (name.includes('..')) return why.dots();
  if (name.includes('@{')) return why.atBrace();
  if (name.endsWith('.')) return why.dotEnd();
  const bad = /[\u0000-\u001f\u007f ~^:?*[\\]/.exec(name);
  if (bad) return why.character(bad[0]);
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return why.dotPart(part);
    if (part.endsWith('.lock')) return why.lockPart(part);
  }
  return undefined;
}

/** Why a branch name (`main`, `post/hello`) is refused, as `git check-ref-format --branch` would. */
export function branchNameProblem(name: string): string | undefined {
  return refNameProblem(name, { branch: true });
}
