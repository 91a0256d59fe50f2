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
  if (name === '') return 'it is empty';
  if (name === '@') return 'it is "@", which git reads as HEAD';
  if (options.branch && name.startsWith('-')) return 'it starts with "-", which git would read as an option';
  if (options.branch && name === 'HEAD') return 'HEAD is not a branch name';
  if (name.startsWith('/') || name.endsWith('/')) return 'it starts or ends with "/"';
  if (name.includes('//')) return 'it contains "//"';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.endsWith('.')) return 'it ends with "."';
  const bad = /[\u0000-\u001f\u007f ~^:?*[\\]/.exec(name);
  if (bad) return `it contains ${JSON.stringify(bad[0])} (git refuses control characters, spaces and ~ ^ : ? * [ \\)`;
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `its component "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `its component "${part}" ends with ".lock"`;
  }
  return undefined;
}

/** Why a branch name (`main`, `post/hello`) is refused, as `git check-ref-format --branch` would. */
export function branchNameProblem(name: string): string | undefined {
  return refNameProblem(name, { branch: true });
}
