/** `noclout new post|proposal "<title>"`: write a valid file to start from. */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { handle as handleSchema, tag as tagSchema } from '../../commons/schema/common.ts';
import { slugify } from '../../commons/slug.ts';
import { formatProblem } from '../../commons/problem.ts';
import { snapshotOf } from '../../commons/snapshot.ts';
import { documentTemplate } from '../../commons/template.ts';
import { validateCommons } from '../../commons/validate.ts';
import { parseCommand, UsageError } from '../arguments.ts';
import type { Command } from '../io.ts';
import { readCommonsDirectory } from '../snapshot-fs.ts';

const help = `Usage: noclout new post|proposal "<title>" [options]

Write a new post (content/posts/<year>/<slug>.md) or proposal
(content/proposals/<slug>.md) with valid front matter. The slug comes from the
title with accents folded ("Égalité des voix" → egalite-des-voix) and Greek or
Cyrillic letters spelt in Latin ones ("Привет мир" → privet-mir); for a title in
another script, give the file name with --slug. Existing files are never
overwritten.

Options:
  --author HANDLE   your handle in governance/members.yml
                    (default: git config noclout.author, then user.name if it is a handle)
  --lang CODE       language of the text (default: the commons' defaultLanguage)
  --tags a,b        tags for a post
  --reply-to ID     the post this one answers, as <year>/<slug>
  --slug SLUG       use this file name instead of one made from the title
  --repo DIR, --format text|json, --at <ISO time> (sets "today")

Exit codes: 0 written, 1 refused (file exists, unknown author…), 2 usage error.`;

export const newCommand: Command = {
  name: 'new',
  summary: 'write a new post or proposal to start from',
  help,
  async run(args, io) {
    const { common, values, positionals } = parseCommand(
      args,
      { author: { type: 'string' }, lang: { type: 'string' }, tags: { type: 'string' }, 'reply-to': { type: 'string' }, slug: { type: 'string' } },
      io.cwd,
    );
    const [kind, title, ...extra] = positionals;
    if (kind !== 'post' && kind !== 'proposal') throw new UsageError(`say what to create: "post" or "proposal", received ${JSON.stringify(kind ?? '')}`);
    if (!title?.trim()) throw new UsageError('give a title in quotes, like: noclout new post "Égalité des voix"');
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')} (quote the title)`);
    const root = resolve(io.cwd, common.repo);
    const slug = typeof values.slug === 'string' ? values.slug : slugify(title);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw new UsageError(`cannot make a file name from ${JSON.stringify(title)}: file names are lowercase ASCII words (a–z, digits) and ${typeof values.slug === 'string' ? 'the --slug given is not' : 'no letter of this title folds to them'}; give one with --slug, like --slug my-post`);

    const fail = (message: string): number => {
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: false, error: { kind: 'refused', message } }, null, 2));
      io.stderr(`noclout new: ${message}`);
      return 1;
    };
    const snapshot = await readCommonsDirectory(root);
    const { parsed } = validateCommons(snapshot);
    if (!parsed.config) return fail(`${join(root, 'governance/commons.yml')} is missing or invalid; run noclout check --repo ${common.repo}`);
    const author = typeof values.author === 'string' ? values.author : await authorFromGit(root);
    if (!author) return fail('who is writing? give --author <handle>, or run: git config noclout.author <handle>');
    if (!handleSchema.safeParse(author).success) return fail(`"${author}" is not a handle (lowercase ASCII letters, digits, hyphens); give --author <handle>`);
    if (parsed.members && !parsed.members.some((m) => m.handle === author)) {
      return fail(`"${author}" is not in governance/members.yml; members: ${parsed.members.map((m) => m.handle).join(', ')}. To join, propose a membership change first.`);
    }
    const lang = typeof values.lang === 'string' ? values.lang : parsed.config.defaultLanguage;
    if (!parsed.config.languages.includes(lang)) return fail(`language "${lang}" is not one of ${parsed.config.languages.join(', ')}`);
    const tags = typeof values.tags === 'string' ? values.tags.split(',').map((t) => t.trim()).filter(Boolean) : [];
    const badTag = tags.find((t) => !tagSchema.safeParse(t).success);
    if (badTag !== undefined) return fail(`tag "${badTag}" is not lowercase words joined by hyphens, like "gouvernance"`);
    const replyTo = typeof values['reply-to'] === 'string' ? values['reply-to'] : undefined;
    if (replyTo !== undefined && !parsed.posts.has(replyTo)) return fail(`--reply-to ${replyTo}: no post with that id (expected <year>/<slug>)`);

    // "Today" is the writer's own calendar day (the machine's time zone), not UTC's: just after
    // midnight in Paris it is still yesterday in UTC.
    const date = localDate(common.now);
    const path = kind === 'post' ? `content/posts/${date.slice(0, 4)}/${slug}.md` : `content/proposals/${slug}.md`;
    const taken = [...parsed.posts.values(), ...parsed.proposals.values()].find((doc) => doc.path.endsWith(`/${slug}.md`));
    if (taken) return fail(`${taken.path} already uses the slug "${slug}"; nothing was written. Choose another title or --slug.`);
    // A change the commons decided keeps its name, even when its file never reached main (a rejection).
    const decided = [...parsed.decisions].find(([, record]) => record.data.change === slug);
    if (decided) return fail(`the slug "${slug}" names a change already decided (governance/decisions/${decided[0]}.md); nothing was written. Choose another title or --slug.`);
    const text = documentTemplate({ kind, title: title.trim(), author, date, lang, tags, ...(replyTo ? { replyTo } : {}) });
    // Write only what check would accept: a title too long or with a control character is refused here.
    const own = validateCommons(snapshotOf([...snapshot.entries.values(), { path, mode: 'file', text, size: Buffer.byteLength(text) }]), { only: new Set([path]) }).problems;
    if (own.length > 0) return fail(`nothing was written; the file would not pass check:\n${own.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fail(`${path} already exists; nothing was written`);
      throw error;
    }
    if (common.format === 'json') io.stdout(JSON.stringify({ ok: true, path, kind, slug, author, date, lang }, null, 2));
    else io.stdout(`Wrote ${path}\nNext: edit it, run \`noclout check ${path}\`, then commit it on a branch and open a pull request.`);
    return 0;
  },
};

async function authorFromGit(root: string): Promise<string | undefined> {
  for (const key of ['noclout.author', 'user.name']) {
    const value = await promisify(execFile)('git', ['config', '--get', key], { cwd: root }).then(
      (r) => r.stdout.trim(),
      () => '',
    );
    if (value && handleSchema.safeParse(value).success) return value;
  }
  return undefined;
}

/** The writer's own calendar day (the machine's time zone), YYYY-MM-DD. */
export function localDate(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
