/** `noclout new post|proposal "<title>"`: write a valid file to start from. */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { handle as handleSchema, tag as tagSchema } from '../../commons/schema/common.ts';
import { slugify } from '../../commons/slug.ts';
import { formatProblemIn } from '../../commons/texts/problems.ts';
import { CLI_TEXTS } from '../texts.ts';
import { NEW_TEXTS, type NewTexts } from '../new-texts.ts';
import type { TextLanguage } from '../../commons/texts/index.ts';

import { snapshotOf } from '../../commons/snapshot.ts';
import { ruleTemplate } from '../../commons/founding.ts';
import { documentTemplate } from '../../commons/template.ts';
import { validateCommons } from '../../commons/validate.ts';
import { parseCommand } from '../arguments.ts';
import { usage } from '../usage-error.ts';
import type { Command, Io } from '../io.ts';
import { readCommonsDirectory } from '../snapshot-fs.ts';
import { noclout } from '../../commons/suggested-command.ts';

/** A sentence of new's, said in the language of the texts given. */
type Said = (t: NewTexts, lang: TextLanguage) => string;

export const newCommand: Command = {
  name: 'new',
  async run(args, io) {
    const { common, values, positionals } = parseCommand(
      args,
      { author: { type: 'string' }, lang: { type: 'string' }, tags: { type: 'string' }, 'reply-to': { type: 'string' }, rules: { type: 'string' }, slug: { type: 'string' }, moderates: { type: 'string' }, rule: { type: 'string' }, appeals: { type: 'string' } },
      io.cwd,
      io.env,
    );
    const [kind, title, ...extra] = positionals;
    if (kind !== 'post' && kind !== 'proposal' && kind !== 'rule') throw usage('whatToCreate', JSON.stringify(kind ?? ''));
    if (values.rules !== undefined && kind !== 'proposal') throw usage('rulesForProposal');
    const moderation = moderationFlags(kind, values);
    if (!title?.trim()) throw usage('giveTitle');
    if (extra.length) throw usage('quoteTitle', extra.join(' '));
    const root = resolve(io.cwd, common.repo);
    const slug = typeof values.slug === 'string' ? values.slug : slugify(title);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw usage('noFileName', JSON.stringify(title), typeof values.slug === 'string');

    // JSON is English whatever the locale; the line on stderr is in the reader's language.
    const fail = (say: Said): number => {
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: false, error: { kind: 'refused', message: say(NEW_TEXTS.en, 'en') } }, null, 2));
      io.stderr(CLI_TEXTS[common.lang].commandSaid('new', say(NEW_TEXTS[common.lang], common.lang)));
      return 1;
    };
    const snapshot = await readCommonsDirectory(root);
    const { parsed } = validateCommons(snapshot);
    if (!parsed.config) return fail((t) => t.noConfig(join(root, 'governance/commons.yml'), common.repo));
    if (kind === 'rule') return writeRule({ root, slug, title: title.trim(), lang: typeof values.lang === 'string' ? values.lang : parsed.config.defaultLanguage, snapshot, parsed, json: common.format === 'json', io, fail, out: common.lang });
    const author = typeof values.author === 'string' ? values.author : await authorFromGit(root);
    if (!author) return fail((t) => t.whoWrites());
    if (!handleSchema.safeParse(author).success) return fail((t) => t.notHandle(author));
    if (parsed.members && !parsed.members.some((m) => m.handle === author)) {
      const { branch } = parsed.config;
      const members = parsed.members.map((m) => m.handle).join(', ');
      const ahead = await rosterListing(root, branch, author);
      if (ahead) return fail((t) => t.behind(author, ahead, branch));
      return fail((t) => t.notMember(author, members, branch));
    }
    const lang = typeof values.lang === 'string' ? values.lang : parsed.config.defaultLanguage;
    const languages = parsed.config.languages.join(', ');
    if (!parsed.config.languages.includes(lang)) return fail((t) => t.notLanguage(lang, languages));
    const tags = typeof values.tags === 'string' ? values.tags.split(',').map((t) => t.trim()).filter(Boolean) : [];
    const badTag = tags.find((t) => !tagSchema.safeParse(t).success);
    if (badTag !== undefined) return fail((t) => t.badTag(badTag));
    const replyTo = typeof values['reply-to'] === 'string' ? values['reply-to'] : undefined;
    const rules = kind === 'proposal' && !moderation ? (typeof values.rules === 'string' ? values.rules.split(',').map((r) => r.trim()).filter(Boolean) : await changedRules(root)) : [];
    const unknownRule = rules.find((r) => !parsed.rules.has(r));
    if (unknownRule !== undefined) return fail((t) => t.unknownRule(unknownRule));
    if (replyTo !== undefined && !parsed.posts.has(replyTo)) return fail((t) => t.unknownReplyTo(replyTo));
    const target = moderation ? moderationTarget(moderation, parsed) : undefined;
    if (typeof target === 'function') return fail(target);

    // "Today" is the writer's own calendar day (the machine's time zone), not UTC's: just after
    // midnight in Paris it is still yesterday in UTC.
    const date = localDate(common.now);
    const path = kind === 'post' ? `content/posts/${date.slice(0, 4)}/${slug}.md` : `content/proposals/${slug}.md`;
    const taken = [...parsed.posts.values(), ...parsed.proposals.values()].find((doc) => doc.path.endsWith(`/${slug}.md`));
    if (taken) return fail((t) => t.slugTaken(taken.path, slug));
    // A change the commons decided keeps its name, even when its file never reached main (a rejection).
    const decided = [...parsed.decisions].find(([, record]) => record.data.change === slug);
    if (decided) return fail((t) => t.slugDecided(slug, decided[0]));
    const text = documentTemplate({ kind, title: title.trim(), author, date, lang, tags, ...(replyTo ? { replyTo } : {}), ...(rules.length ? { rules } : {}), ...(moderation ?? {}) });
    // Write only what check would accept: a title too long or with a control character is refused here.
    const own = validateCommons(snapshotOf([...snapshot.entries.values(), { path, mode: 'file', text, size: Buffer.byteLength(text) }]), { only: new Set([path]) }).problems;
    if (own.length > 0) return fail((_, lang) => `${CLI_TEXTS[lang].wouldNotPass()}\n${own.map((p) => `  ${formatProblemIn(p, lang)}`).join('\n')}`);
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fail((t) => t.exists(path));
      throw error;
    }
    if (target) {
      const next = [target.command, `git add ${path} && git commit -S -m ${JSON.stringify(title.trim())}`];
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: true, path, kind, slug, author, date, lang, ...moderation, post: target.post, next }, null, 2));
      else io.stdout(NEW_TEXTS[common.lang].moderationWritten({ path, appeals: moderation!.appeals, moderates: moderation!.moderates, rule: moderation!.rule, slug, next }));
      return 0;
    }
    if (common.format === 'json') io.stdout(JSON.stringify({ ok: true, path, kind, slug, author, date, lang, ...(kind === 'proposal' ? { rules } : {}) }, null, 2));
    else io.stdout(`${CLI_TEXTS[common.lang].wrote(path, rules.join(', '))}\n${CLI_TEXTS[common.lang].wroteNext(noclout(`check ${path}`))}`);
    return 0;
  },
};

type Moderation = { moderates: string; rule: string; appeals?: undefined } | { appeals: string; moderates?: undefined; rule?: undefined };

/** --moderates with --rule, or --appeals alone: a moderation proposal's fields; undefined for any other document. */
function moderationFlags(kind: string, values: Record<string, unknown>): Moderation | undefined {
  const [moderates, rule, appeals] = (['moderates', 'rule', 'appeals'] as const).map((k) => (typeof values[k] === 'string' ? (values[k] as string) : undefined));
  if (moderates === undefined && rule === undefined && appeals === undefined) return undefined;
  if (kind !== 'proposal') throw usage('moderationForProposal');
  if (values.rules !== undefined) throw usage('rulesNotModeration');
  if (appeals !== undefined) {
    if (moderates !== undefined || rule !== undefined) throw usage('appealsAlone');
    return { appeals };
  }
  if (moderates === undefined || rule === undefined) throw usage(moderates === undefined ? 'ruleNeedsModerates' : 'moderatesNeedsRule');
  return { moderates, rule };
}

/**
 * What the moderation acts on, and the one command that completes the change: the bot wants the
 * post's file removed (moderation/post-not-removed), or, for an appeal, put back word for word
 * (moderation/appeal-altered). `new` only ever writes a new file, so it prints that command rather
 * than deleting or restoring a published text itself. A string is a refusal.
 */
function moderationTarget(m: Moderation, parsed: ReturnType<typeof validateCommons>['parsed']): { post: string; command: string } | Said {
  if (m.appeals === undefined) {
    if (!parsed.posts.has(m.moderates)) return (t) => t.noPostToModerate(m.moderates);
    if (!parsed.rules.has(m.rule)) return (t) => t.noRule(m.rule, [...parsed.rules.keys()].sort().join(', '));
    return { post: m.moderates, command: `git rm content/posts/${m.moderates}.md` };
  }
  const record = parsed.decisions.get(m.appeals)?.data;
  if (!record) return (t) => t.noDecision(m.appeals);
  if (record.kind !== 'moderation' || record.outcome !== 'accepted' || !record.moderation) return (t) => t.hidNothing(m.appeals, record.outcome, record.kind);
  const path = `content/posts/${record.moderation.post}.md`;
  // git checkout, not `git show … > path`: the moderation may have emptied the post's year folder, and this also stages it.
  return { post: record.moderation.post, command: `git checkout ${record.base} -- ${path}` };
}

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

/**
 * The ref whose roster lists `handle` while the work tree's does not: origin's base branch, else
 * the base branch's upstream. A member admitted since this clone last pulled is told to pull, not
 * to join again. Undefined when neither lists them (or this is not a git repository).
 */
async function rosterListing(root: string, branch: string, handle: string): Promise<string | undefined> {
  const git = (args: string[]) => promisify(execFile)('git', ['-C', root, ...args]).then((r) => r.stdout, () => undefined);
  const upstream = (await git(['rev-parse', '--abbrev-ref', `${branch}@{upstream}`]))?.trim();
  const listed = new RegExp(`^\\s*-?\\s*handle:\\s*["']?${handle}["']?\\s*$`, 'm');
  for (const ref of [...new Set([`origin/${branch}`, ...(upstream ? [upstream] : [])])]) {
    const text = await git(['show', `${ref}:governance/members.yml`]);
    if (text !== undefined && listed.test(text)) return ref;
  }
  return undefined;
}

/** The writer's own calendar day (the machine's time zone), YYYY-MM-DD. */
export function localDate(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

interface RuleWrite {
  root: string;
  slug: string;
  title: string;
  lang: string;
  snapshot: Awaited<ReturnType<typeof readCommonsDirectory>>;
  parsed: ReturnType<typeof validateCommons>['parsed'];
  json: boolean;
  io: Io;
  fail: (say: Said) => number;
  /** The language of what is printed (the locale's), not the rule's. */
  out: TextLanguage;
}

/** `noclout new rule`: governance/rules/<slug>.md, placed last in the charter's order. */
async function writeRule(w: RuleWrite): Promise<number> {
  if (!w.parsed.config!.languages.includes(w.lang)) return w.fail((t) => t.notLanguage(w.lang, w.parsed.config!.languages.join(', ')));
  const path = `governance/rules/${w.slug}.md`;
  if (w.snapshot.entries.has(path)) return w.fail((t) => t.ruleExists(path));
  const orders = [...w.parsed.rules.values()].map((r) => r.data.order ?? 0);
  const text = ruleTemplate(w.title, w.lang, orders.length ? Math.min(999, Math.max(...orders) + 1) : 1);
  const own = validateCommons(snapshotOf([...w.snapshot.entries.values(), { path, mode: 'file', text, size: Buffer.byteLength(text) }]), { only: new Set([path]) }).problems;
  if (own.length > 0) return w.fail((_, lang) => `${CLI_TEXTS[lang].wouldNotPass()}\n${own.map((p) => `  ${formatProblemIn(p, lang)}`).join('\n')}`);
  await mkdir(dirname(join(w.root, path)), { recursive: true });
  try {
    await writeFile(join(w.root, path), text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return w.fail((t) => t.exists(path));
    throw error;
  }
  const next = noclout(`new proposal ${JSON.stringify(w.title)} --rules ${w.slug}`);
  if (w.json) w.io.stdout(JSON.stringify({ ok: true, path, kind: 'rule', slug: w.slug, lang: w.lang, next }, null, 2));
  else w.io.stdout(NEW_TEXTS[w.out].ruleWritten(path, next));
  return 0;
}

/**
 * The rules this clone changes against main: rule files that differ from main's (new, edited) or
 * are not tracked yet. Empty when the commons is not a git repository or has no main.
 */
async function changedRules(root: string): Promise<string[]> {
  const run = (args: string[]) => promisify(execFile)('git', ['-C', root, ...args]).then((r) => r.stdout.split('\n').filter(Boolean), () => [] as string[]);
  const base = (await run(['rev-parse', '--verify', '-q', 'main'])).length ? 'main' : 'HEAD';
  const paths = [...(await run(['diff', '--name-only', '--diff-filter=AMR', base, '--', 'governance/rules'])), ...(await run(['ls-files', '--others', '--exclude-standard', '--', 'governance/rules']))];
  return [...new Set(paths.map((p) => /^governance\/rules\/([a-z0-9-]+)\.md$/.exec(p)?.[1]).filter((s): s is string => s !== undefined))].sort();
}
