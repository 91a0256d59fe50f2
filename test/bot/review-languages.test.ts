/**
 * Issue 12, "The CLI speaks French when the locale is French": `noclout review` says its verdict,
 * problems and next step in the reader's language; `--format json` stays the English contract.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/run-cli.ts';
import { postText, trackedCommons } from '../repo/fixture.ts';
import { T0 } from './clock.ts';

const commons = trackedCommons();
const HELLO = 'content/posts/2026/hello.md';
const NB = '\u202f';

describe('noclout review in the reader’s language', () => {
  it('a post signed by someone else than its author: the French verdict, problem and next step, with the same [rule]', async () => {
    const f = commons({ members: ['amina', 'bruno'] });
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'bruno' });
    const fr = await runCli(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--lang', 'fr']);
    expect(fr.code).toBe(1);
    expect(fr.stdout).toContain(`post/hello${NB}: changement (billet), invalide`);
    expect(fr.stdout).toContain(`${HELLO}:1:1: le fichier indique l’auteur «${NB}amina${NB}», mais le changement a été soumis (signé) par «${NB}bruno${NB}» (vérifié avec la liste des membres et la politique de main au commit `);
    expect(fr.stdout).toMatch(/poussez-le à nouveau sous le même nom\) \[change\/forged-author\]/);
    expect(fr.stdout).toContain(`conseil${NB}: écrivez author: bruno, ou laissez amina le soumettre`);
    expect(fr.stdout).toContain(`ensuite${NB}: corrigez les problèmes ci-dessus`);
    // The control: the same change in English, and JSON in English whatever the language asked.
    const en = await runCli(['review', 'post/hello', '--repo', f.dir, '--at', T0]);
    expect(en.stdout).toContain('post/hello: post change, invalid');
    expect(en.stdout).toMatch(/hello\.md:1:1: the file says author "amina", but the change was submitted \(signed\) by "bruno" \(checked against main's roster and policy at [0-9a-f]{10}: the change is not opened, .*push again under the same name\) \[change\/forged-author\]/);
    const json = await runCli(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--lang', 'fr', '--format', 'json']);
    expect(json.stdout).toBe((await runCli(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--format', 'json'])).stdout);
    expect(json.stdout).toContain('"code": "change/forged-author"');
  });

  it('a pending post: its dates in French, not as raw ISO', async () => {
    const f = commons({ members: ['amina'] });
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    const fr = await runCli(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--lang', 'fr']);
    expect(fr.code, fr.stderr).toBe(0);
    expect(fr.stdout).toContain('changement (billet), en attente');
    expect(fr.stdout).toMatch(/ouvert le \d+(?:er)? \p{L}+ \d{4}/u);
    expect(fr.stdout).not.toMatch(/ouvert le \d{4}-\d{2}-\d{2}T/);
  });
});
