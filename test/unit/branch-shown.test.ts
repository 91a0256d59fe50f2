/**
 * A branch name on the proposals page (issue 10, "every field that reaches a record or a page is a
 * single line or escaped"; wave 3's hostile review). git accepts a branch named with a
 * right-to-left override or a zero-width character (`prop/\u202Etxt.exe`), and the page shows
 * the open change's branch, and the commands that vote on it, in a <pre> a member copies. Raw,
 * the override reorders the rest of the command line on screen, and a zero-width character makes
 * one branch look like another: the shown commands name such characters as `$'\u202e'`, which
 * bash and zsh run as the real name, and the shown name writes them as <U+202E>.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ballotCommands, shellWord, shownBranch } from '../../src/pages/[lang]/proposals/_ballot-example.ts';

const HIDDEN = /[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0080-\u009F]/u;

describe('a branch name that hides or reorders characters is shown with them visible', () => {
  it('the commands a member copies show no override or zero-width character, and still name the real branch', () => {
    for (const branch of ['prop/\u202Eexe.txt', 'prop/cite\u200Bsources', "prop/\u2067it's\u2069"]) {
      const commands = ballotCommands('cite-sources', branch);
      expect(commands).not.toMatch(HIDDEN);
      expect(execFileSync('bash', ['-c', `printf %s ${shellWord(branch)}`], { encoding: 'utf8' })).toBe(branch);
    }
    expect(ballotCommands('x', 'prop/\u202Eexe.txt')).toContain("git push origin $'prop/\\u202eexe.txt'");
    expect(shownBranch('prop/\u202Eexe.txt')).toBe('prop/<U+202E>exe.txt');
  });

  it('control: an ordinary branch name, accents included, is shown and quoted as before', () => {
    expect(shellWord('proposal/longer-posts')).toBe('proposal/longer-posts');
    expect(shellWord('prop/égalité')).toBe("'prop/égalité'");
    expect(shownBranch('prop/égalité')).toBe('prop/égalité');
    const branch = "x;touch pwned$(id)'`";
    expect(execFileSync('bash', ['-c', `printf %s ${shellWord(branch)}`], { encoding: 'utf8' })).toBe(branch);
  });
});
