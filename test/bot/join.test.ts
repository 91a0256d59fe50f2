/**
 * `noclout join` (issue 11, §3 "noclout join prepares a membership change for yourself … and says
 * who decides it and how to push it"): the newcomer asks, a member opens the change signed with
 * their own key, and the bot judges it a valid pending membership change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFor } from '../repo/fixture.ts';
import { initFlags, person, scratch, type Person } from './person.ts';

/** A commons founded by amina with init, and a clone of it for the newcomer. */
function founded(): { amina: Person; origin: string; clone: string; zoe: Person } {
  const amina = person('amina', { gitName: 'Amina Diallo' });
  const origin = scratch();
  expect(amina.noclout([...initFlags(amina), '--signing', 'yes'], origin).code).toBe(0);
  const zoe = person('zoe', { gitName: 'Zoé Laurent' });
  const clone = join(scratch(), 'clone');
  zoe.git(['clone', '-q', origin, clone], origin);
  return { amina, origin, clone, zoe };
}

const review = (p: Person, dir: string, head: string) => p.noclout(['review', head, '--format', 'json'], dir);

describe('noclout join', () => {
  it('a newcomer learns the one line a member runs, with their key and a handle from their git name; nothing is written', () => {
    const { clone, zoe } = founded();
    const run = zoe.noclout(['join'], clone);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`npx noclout join --for zoe-laurent --name 'Zoé Laurent' --key '${keyFor('zoe').publicLine}'`);
    expect(run.stdout).toMatch(/SHA256:[A-Za-z0-9+/]{43}/);
    expect(zoe.git(['branch', '--list'], clone)).toBe('* main');
    expect(zoe.git(['status', '--porcelain'], clone)).toBe('');
  });

  it('the member\'s join --for writes member/<handle>, signed by them, without touching their checkout; the bot judges it a valid pending membership change', () => {
    const { amina, origin, zoe, clone } = founded();
    const line = zoe.noclout(['join', '--handle', 'zoe', '--format', 'json'], clone).json;
    // amina is in the middle of her own work: another branch checked out, an edit not committed.
    amina.git(['switch', '-q', '-c', 'post/brouillon'], origin);
    const rulePath = join(origin, 'governance/rules/respect.md');
    const edited = `${readFileSync(rulePath, 'utf8')}\nÀ relire.\n`;
    writeFileSync(rulePath, edited);

    const run = amina.noclout(['join', '--for', 'zoe', '--name', line.name, '--key', line.key], origin);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Who decides: the 1 member of the roster');
    expect(run.stdout).toContain('quorum 1/4');
    expect(run.stdout).toContain('git push origin member/zoe');
    expect(amina.git(['symbolic-ref', '--short', 'HEAD'], origin)).toBe('post/brouillon');
    expect(readFileSync(rulePath, 'utf8')).toBe(edited);
    expect(amina.git(['diff', '--cached', '--name-only'], origin)).toBe('');

    expect(amina.git(['log', '-1', '--show-signature', 'member/zoe'], origin)).toContain('Good "git" signature for amina');
    expect(amina.git(['diff', '--name-only', 'main', 'member/zoe'], origin).split('\n')).toEqual(['content/proposals/join-zoe.md', 'governance/members.yml']);
    expect(amina.git(['show', 'member/zoe:content/proposals/join-zoe.md'], origin)).toContain('author: amina');
    const judged = review(amina, origin, 'member/zoe');
    expect(judged.json, judged.stderr).toMatchObject({ head: 'member/zoe', kind: 'membership', decision: 'pending', problems: [] });
  });

  it('a branch the newcomer writes with --sponsor is not taken as the sponsor\'s: the git-native bot finds no member\'s signature (principle 5)', () => {
    const { clone, zoe } = founded();
    const run = zoe.noclout(['join', '--handle', 'zoe', '--sponsor', 'amina'], clone);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('ask amina to open the pull request');
    expect(zoe.git(['show', 'member/zoe:content/proposals/join-zoe.md'], clone)).toContain('author: amina');
    expect(zoe.git(['symbolic-ref', '--short', 'HEAD'], clone)).toBe('main');
    const judged = review(zoe, clone, 'member/zoe');
    expect(judged.json.decision).toBe('invalid');
    expect(judged.json.problems.map((p: { rule: string }) => p.rule)).toEqual(['change/unsigned']);
  });

  it('join --for is refused to someone none of whose keys the roster lists, and writes no branch', () => {
    const { clone, zoe } = founded();
    const run = zoe.noclout(['join', '--for', 'yann', '--name', 'Yann', '--key', keyFor('yann').publicLine], clone);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--for is run by a member');
    expect(zoe.git(['branch', '--list', 'member/*'], clone)).toBe('');
  });

  it('refuses a key the roster already lists, a handle already taken, and a branch that exists', () => {
    const { amina, origin } = founded();
    expect(amina.noclout(['join', '--for', 'bis', '--name', 'Bis', '--key', keyFor('amina').publicLine], origin).stderr).toContain('already listed for amina');
    expect(amina.noclout(['join', '--for', 'amina', '--name', 'Other', '--key', keyFor('other').publicLine], origin).stderr).toContain('"amina" is already a member');
    expect(amina.noclout(['join', '--for', 'zoe', '--name', 'Zoé', '--key', keyFor('zoe').publicLine], origin).code).toBe(0);
    const again = amina.noclout(['join', '--for', 'zoe', '--name', 'Zoé', '--key', keyFor('zoe').publicLine], origin);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('branch member/zoe exists already');
  });
});
