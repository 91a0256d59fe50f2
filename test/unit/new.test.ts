/** `noclout new`: files that pass `noclout check`, slugs folded, nothing overwritten. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/commons/slug.ts';
import { sealedPostRecord, writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';

describe('slugify', () => {
  it('folds accents: "Égalité des voix" → egalite-des-voix', () => expect(slugify('Égalité des voix')).toBe('egalite-des-voix'));
  it('folds ligatures and drops punctuation', () => expect(slugify("Œuvre d'art : ça coûte ?")).toBe('oeuvre-d-art-ca-coute'));
  it('spells Greek titles in Latin letters: "Ισότητα ψήφων" → isotita-psifon', () => expect(slugify('Ισότητα ψήφων')).toBe('isotita-psifon'));
  it('spells Cyrillic titles in Latin letters: "Привет мир" → privet-mir, "Слава Україні" → slava-ukraini', () => {
    expect(slugify('Привет мир')).toBe('privet-mir');
    expect(slugify('Слава Україні')).toBe('slava-ukraini');
  });
  it('gives no slug for a title in a script without Latin spelling (Chinese)', () => expect(slugify('平等的声音')).toBe(''));
  it('cuts long titles at a word boundary', () => {
    const slug = slugify('mot '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('noclout new', () => {
  it('writes a post that passes noclout check, dated by --at, in the default language', async () => {
    const dir = await writeTree({});
    const result = await runCli(['new', 'post', 'Égalité des voix', '--author', 'amina', '--repo', dir, '--at', '2026-11-24T09:00:00Z', '--tags', 'gouvernance,egalite']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('content/posts/2026/egalite-des-voix.md');
    const text = await readFile(join(dir, 'content/posts/2026/egalite-des-voix.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: Égalité des voix\nauthor: amina\ndate: 2026-11-24\nlang: fr\ntags:\n  - gouvernance\n  - egalite\n---\n/);
    expect((await runCli(['check', '--repo', dir])).code).toBe(0);
  });

  it("dates a post by the writer's own day: 00:30 in Paris is already tomorrow there", async () => {
    const dir = await writeTree({});
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      const result = await runCli(['new', 'post', 'Minuit passé', '--author', 'amina', '--repo', dir, '--at', '2026-12-31T23:30:00Z', '--format', 'json']);
      expect(JSON.parse(result.stdout)).toMatchObject({ date: '2027-01-01', path: 'content/posts/2027/minuit-passe.md' });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('writes a proposal that passes noclout check', async () => {
    const dir = await writeTree({});
    const result = await runCli(['new', 'proposal', 'Cite your sources', '--author', 'bruno', '--lang', 'en', '--repo', dir, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ path: 'content/proposals/cite-your-sources.md', author: 'bruno', lang: 'en' });
    expect((await runCli(['check', '--repo', dir])).code).toBe(0);
  });

  it('refuses to overwrite an existing file and leaves it untouched', async () => {
    const dir = await writeTree({});
    const before = await readFile(join(dir, 'content/posts/2026/hello.md'), 'utf8');
    const result = await runCli(['new', 'post', 'Hello', '--author', 'amina', '--repo', dir, '--at', '2026-11-24T09:00:00Z']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already');
    expect(await readFile(join(dir, 'content/posts/2026/hello.md'), 'utf8')).toBe(before);
  });

  it('refuses a slug already used by a post of another year', async () => {
    const dir = await writeTree({});
    const result = await runCli(['new', 'post', 'Hello', '--author', 'amina', '--repo', dir, '--at', '2027-01-02T09:00:00Z']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/posts/2026/hello.md already uses the slug "hello"');
  });

  it('writes nothing that check would refuse: a title with a control character or over 200 characters', async () => {
    const dir = await writeTree({});
    const bell = await runCli(['new', 'post', 'Ring\u0007bell', '--author', 'amina', '--repo', dir]);
    expect(bell.code).toBe(1);
    expect(bell.stderr).toContain('nothing was written');
    expect(bell.stderr).toContain('[post/control-character]');
    const long = await runCli(['new', 'post', 'a'.repeat(250), '--slug', 'long', '--author', 'amina', '--repo', dir]);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('a title is at most 200 characters');
    const files = execFileSync('find', [join(dir, 'content'), '-name', '*.md'], { encoding: 'utf8' });
    expect(files).not.toContain('ring');
    expect(files).not.toContain('long.md');
  });

  it('refuses the slug of a change already decided, even one whose file never reached main (a rejection)', async () => {
    const dir = await writeTree({ 'content/posts/2026/hello.md': null, 'governance/decisions/2026/0001-hello.md': sealedPostRecord() });
    const result = await runCli(['new', 'post', 'Hello', '--author', 'amina', '--repo', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the slug "hello" names a change already decided (governance/decisions/2026/0001-hello.md)');
  });

  it('takes the author from git config noclout.author', async () => {
    const dir = await writeTree({});
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'config', 'noclout.author', 'bruno']);
    const result = await runCli(['new', 'post', 'From git', '--repo', dir]);
    expect(result.code).toBe(0);
    const written = result.stdout.match(/Wrote (\S+)/)![1]!;
    expect(await readFile(join(dir, written), 'utf8')).toContain('author: bruno');
  });

  it('refuses an author who is not a member, listing the members', async () => {
    const dir = await writeTree({});
    const result = await runCli(['new', 'post', 'Hi', '--author', 'mallory', '--repo', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"mallory" is not in governance/members.yml; members: amina, bruno');
  });

  it('is a usage error without a kind or a title', async () => {
    const dir = await writeTree({});
    expect((await runCli(['new', 'essay', 'x', '--repo', dir])).code).toBe(2);
    expect((await runCli(['new', 'post', '--repo', dir])).code).toBe(2);
    expect((await runCli(['new', 'post', '!!!', '--author', 'amina', '--repo', dir])).code).toBe(2);
  });

  it('writes a Greek-titled post under a Latin file name that passes noclout check', async () => {
    const dir = await writeTree({});
    const result = await runCli(['new', 'post', 'Ισότητα ψήφων', '--author', 'amina', '--repo', dir, '--at', '2026-11-24T09:00:00Z']);
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, 'content/posts/2026/isotita-psifon.md'), 'utf8')).toContain('title: Ισότητα ψήφων');
    expect((await runCli(['check', '--repo', dir])).code).toBe(0);
  });

  it('asks for --slug when a Chinese title gives no file name, saying why', async () => {
    const dir = await writeTree({});
    const refused = await runCli(['new', 'post', '平等的声音', '--author', 'amina', '--repo', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no letter of this title folds to them; give one with --slug');
    const written = await runCli(['new', 'post', '平等的声音', '--slug', 'pingdeng', '--author', 'amina', '--repo', dir, '--at', '2026-11-24T09:00:00Z']);
    expect(written.code).toBe(0);
    expect(await readFile(join(dir, 'content/posts/2026/pingdeng.md'), 'utf8')).toContain('title: 平等的声音');
  });

  it('prints help for the command with --help', async () => {
    const result = await runCli(['new', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: noclout new post|proposal');
  });
});

describe('documentTemplate', () => {
  it('writes front matter that reads back exactly, whatever the title', async () => {
    const { documentTemplate } = await import('../../src/commons/template.ts');
    const { readFrontMatter } = await import('../../src/commons/front-matter.ts');
    const titles = ['Égalité des voix', 'Note: a colon', 'yes', '123', '#hash', '- dash', 'quote "inside"', "l'apostrophe", 'emoji 🌱', '  spaced  ', 'null', '1e3', 'a # comment', '2026-11-24', '[list]', '{map}', '*star', '&amp', '!tag', '%pct', '@at', '`tick`', 'back\\slash', 'multi\nline'];
    for (const title of titles) {
      const text = documentTemplate({ kind: 'post', title, author: 'amina', date: '2026-11-24', lang: 'fr', tags: ['egalite', 'yes'], replyTo: '2026/hello' });
      const front = readFrontMatter(text, { path: 't.md' });
      expect(front.problems, title).toEqual([]);
      expect(front.data, title).toEqual({ title, author: 'amina', date: '2026-11-24', lang: 'fr', tags: ['egalite', 'yes'], replyTo: '2026/hello' });
    }
  });
});
