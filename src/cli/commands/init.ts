/**
 * `noclout init`: found a commons in this repository (or an empty folder): commons.yml, the default
 * policy with its reasons, a starter rule, the founding member and key, the demo's content removed,
 * SSH-signed commits set up on request, and the founding commit. Refuses to erase a community's
 * roster or decision records (anything but the demo's) without --force.
 */
import { mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { allowedSignersText, commonsYamlText, DEFAULT_POLICY, isDemoMember, membersFileText, policyFileText, STARTER_RULE, starterRuleText, withMember, type MemberInput } from '../../commons/founding.ts';
import { formatProblemIn } from '../../commons/texts/problems.ts';
import { handle as handleSchema, language as languageSchema } from '../../commons/schema/common.ts';
import { snapshotOf, type SnapshotEntry } from '../../commons/snapshot.ts';
import { validateCommons } from '../../commons/validate.ts';
import { gitConfig, gitIn, gitOk, type Env, type Git } from '../../member/git-program.ts';
import { chooseKey, discoverKeys, KeyError, keyFromSpec, type FoundKey } from '../../member/ssh-keys.ts';
import { parseCommand } from '../arguments.ts';
import { usage, UsageError } from '../usage-error.ts';
import { USAGE_TEXTS, type UsageTexts } from '../usage-texts.ts';
import { INIT_TEXTS, type Founded, type InitTexts } from '../init-texts.ts';
import { CLI_TEXTS } from '../texts.ts';
import type { Command, Io } from '../io.ts';
import { canPrompt, terminalAsker, type Asker } from '../prompt.ts';
import { readCommonsDirectory } from '../snapshot-fs.ts';
import { localDate } from './new.ts';

/** A sentence of init's, said in the language of the texts given. */
type Said = (t: InitTexts) => string;

interface Answers {
  name: string;
  descriptions: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  site: string;
  repository: string;
  founder: MemberInput;
  signingKey: string;
  keySource: string;
  signing: boolean;
}

export const initCommand: Command = {
  name: 'init',
  async run(args, io) {
    const describedLanguages = [...new Set(args.flatMap((a) => /^--description-([a-z]{2,3})(?:=|$)/.exec(a)?.[1] ?? []))];
    const { common, values, positionals } = parseCommand(
      args,
      {
        name: { type: 'string' },
        description: { type: 'string' },
        ...Object.fromEntries(describedLanguages.map((l) => [`description-${l}`, { type: 'string' as const }])),
        languages: { type: 'string' },
        'default-language': { type: 'string' },
        site: { type: 'string' },
        repository: { type: 'string' },
        handle: { type: 'string' },
        'member-name': { type: 'string' },
        key: { type: 'string' },
        github: { type: 'string' },
        'github-id': { type: 'string' },
        signing: { type: 'string' },
        'keep-demo': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
      },
      io.cwd,
      io.env,
    );
    if (positionals.length) throw usage('unexpectedArguments', positionals.join(' '));
    const flag = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
    const signingFlag = flag('signing');
    if (signingFlag !== undefined && signingFlag !== 'yes' && signingFlag !== 'no') throw usage('signingValue', JSON.stringify(signingFlag));
    const keepDemo = values['keep-demo'] === true;
    // "Here": --repo, else this folder (never a commons found by walking up: an empty folder inside one is refused below as nested).
    const root = resolve(io.cwd, typeof values.repo === 'string' ? values.repo : io.cwd);
    const t = INIT_TEXTS[common.lang];
    // JSON is English whatever the locale; the line on stderr is in the reader's language.
    const fail = (say: Said): number => {
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: false, error: { kind: 'refused', message: say(INIT_TEXTS.en) } }, null, 2));
      io.stderr(CLI_TEXTS[common.lang].commandSaid('init', say(t)));
      return 1;
    };

    await mkdir(root, { recursive: true });
    const env = { ...process.env, ...io.env };
    const git = gitIn(root, env);
    const repository = await repositoryState(git, root);
    if (repository.kind === 'nested') return fail((t) => t.nested(root, repository.top));
    const existing = await readCommonsDirectory(root);
    const before = validateCommons(existing).parsed;
    const refusal = values.force === true ? undefined : guard(existing.entries, before.members);
    if (refusal) return fail(refusal);
    if (repository.kind === 'repository' && values.force !== true) {
      const dirty = (await gitOk(git, ['status', '--porcelain', '--', 'content', 'governance'])).split('\n').filter(Boolean);
      if (dirty.length) return fail((t) => t.uncommitted(`${dirty.slice(0, 3).map((l) => l.slice(3)).join(', ')}${dirty.length > 3 ? ', …' : ''}`));
    }

    let answers: Answers;
    try {
      answers = await gather(flag, describedLanguages, signingFlag, git, env, io, common.now, t);
    } catch (error) {
      if (error instanceof KeyError) return fail(() => error.message);
      throw error;
    }

    // The whole founding state, checked as `noclout check` will see it, before anything is written.
    const current = repository.kind === 'repository' ? (await git(['symbolic-ref', '--short', 'HEAD'])).stdout.trim() : '';
    const files = foundingFiles(answers, keepDemo, existing.entries, current || 'main');
    if (typeof files === 'function') return fail(files);
    const kept = keepDemo ? [...existing.entries.values()].filter((e) => !files.has(e.path)) : [];
    const next = snapshotOf([...kept, ...[...files].map(([path, text]) => ({ path, mode: 'file' as const, text, size: Buffer.byteLength(text) }))]);
    const { problems } = validateCommons(next);
    if (problems.length) return fail((t) => t.wouldNotPass(problems.map((p) => `  ${formatProblemIn(p, t === INIT_TEXTS.fr ? 'fr' : 'en')}`).join('\n')));

    // From here on, the tree changes.
    if (repository.kind === 'none') await gitOk(git, ['init', '-q', '-b', 'main']);
    if (!keepDemo) {
      for (const dir of ['content/posts', 'content/proposals', 'governance/rules', 'governance/ballots', 'governance/decisions']) await rm(join(root, dir), { recursive: true, force: true });
      // The demo's openings ledger names changes whose records are gone: audit would report each.
      await git(['update-ref', '-d', 'refs/noclout/ledger']);
    }
    for (const [path, text] of files) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    await gitOk(git, ['config', 'noclout.author', answers.founder.handle]);
    const identity: string[] = [];
    if (!(await gitConfig(git, 'user.name'))) identity.push('-c', `user.name=${answers.founder.name}`);
    if (!(await gitConfig(git, 'user.email'))) identity.push('-c', `user.email=${answers.founder.handle}@noclout.invalid`);
    let signersFile: string | undefined;
    if (answers.signing) {
      const members = validateCommons(next).parsed.members ?? [];
      signersFile = await configureSigning(git, root, answers.signingKey, allowedSignersText(members));
    }
    const paths: string[] = [];
    for (const top of ['content', 'governance']) {
      const tracked = repository.kind === 'repository' && (await gitOk(git, ['ls-files', '--', top])) !== '';
      const present = next.entries.size > 0 && [...next.entries.keys()].some((p) => p.startsWith(`${top}/`));
      if (tracked || present) paths.push(top);
    }
    await gitOk(git, ['add', '-A', '--', ...paths]);
    const commitRun = await git([...identity, 'commit', '-q', '-m', `Found ${answers.name}`, ...(answers.signing ? ['-S'] : []), '--', ...paths]);
    if (commitRun.code !== 0) return fail((t) => t.commitFailed(commitRun.stderr.trim() || commitRun.stdout.trim(), answers.signing, answers.name));
    const commit = await gitOk(git, ['rev-parse', 'HEAD']);
    const branch = (await git(['symbolic-ref', '--short', 'HEAD'])).stdout.trim() || 'main';

    if (common.format === 'json') {
      io.stdout(JSON.stringify({ ok: true, root, commit, branch, signed: answers.signing, allowedSigners: signersFile, files: [...files.keys()], founder: answers.founder.handle, key: answers.keySource }, null, 2));
    } else {
      io.stdout(t.nextSteps(founded(answers, root, commit, branch, signersFile, await isPlatformCheckout(root), (await git(['remote', 'get-url', 'origin'])).code === 0)));
    }
    return 0;
  },
};

type RepositoryState = { kind: 'none' } | { kind: 'repository' } | { kind: 'nested'; top: string };

async function repositoryState(git: Git, root: string): Promise<RepositoryState> {
  const run = await git(['rev-parse', '--show-toplevel']);
  if (run.code !== 0) return { kind: 'none' };
  const top = run.stdout.trim();
  return (await realpath(top)) === (await realpath(root)) ? { kind: 'repository' } : { kind: 'nested', top };
}

/**
 * Why init must not run here, or undefined. A roster of people other than the demo's, or decision
 * records beside such a roster (or beside none), are a community's: erasing them from the tree
 * would end that community, so it takes --force.
 */
function guard(entries: ReadonlyMap<string, SnapshotEntry>, members: readonly { handle: string; keys: string[] }[] | undefined): Said | undefined {
  const hasMembersFile = entries.has('governance/members.yml');
  const demoOnly = members !== undefined && members.every(isDemoMember);
  const records = [...entries.keys()].filter((p) => p.startsWith('governance/decisions/'));
  if (hasMembersFile && !demoOnly) {
    const who = members?.filter((m) => !isDemoMember(m)).map((m) => m.handle).slice(0, 5).join(', ');
    return (t) => t.ownMembers(who ?? t.unreadableMembers(), records.length);
  }
  if (records.length && !demoOnly) return (t) => t.ownRecords(records.length);
  return undefined;
}

/** Every answer, from the flags, else the terminal, else a usage error naming every missing flag. */
async function gather(flag: (key: string) => string | undefined, describedLanguages: readonly string[], signingFlag: string | undefined, git: Git, env: Env, io: Io, now: Date, t: InitTexts): Promise<Answers> {
  const gitName = await gitConfig(git, 'user.name');
  const origin = (await git(['remote', 'get-url', 'origin'])).stdout.trim();
  const given = flag('key');
  const found = given === undefined ? (await discoverKeys(env))[0] : undefined;
  const asker: Asker | undefined = canPrompt() ? terminalAsker() : undefined;
  try {
    if (!asker) {
      const languages = list(flag('languages') ?? 'en');
      const defaultLanguage = flag('default-language') ?? languages[0] ?? 'en';
      const missing = (texts: UsageTexts) =>
        [
          ['--name', flag('name')],
          [texts.missingDescription(defaultLanguage), flag('description') ?? flag(`description-${defaultLanguage}`)],
          ['--site', flag('site')],
          ['--repository', flag('repository') ?? (httpsUrl(origin) || undefined)],
          ['--handle', flag('handle')],
          ['--member-name', flag('member-name') ?? gitName],
          [texts.missingKey(), given ?? found?.publicLine],
        ]
          .filter(([, value]) => value === undefined || value === '')
          .map(([name]) => name)
          .join(', ');
      if (missing(USAGE_TEXTS.en)) throw new UsageError(USAGE_TEXTS.en.notTerminal(missing(USAGE_TEXTS.en)), USAGE_TEXTS.fr.notTerminal(missing(USAGE_TEXTS.fr)));
    }
    /** A flag's value, else the terminal's answer (asked again while `problem` finds one), else the default. */
    const ask = async (key: string, question: string, fallback?: string, problem: (answer: string) => Said | undefined = () => undefined): Promise<string> => {
      const value = flag(key);
      if (value !== undefined || !asker) {
        const given = value ?? fallback ?? '';
        const why = given === '' ? undefined : problem(given);
        if (why) throw new UsageError(USAGE_TEXTS.en.badAnswer(`--${key}`, JSON.stringify(given), why(INIT_TEXTS.en)), USAGE_TEXTS.fr.badAnswer(`--${key}`, JSON.stringify(given), why(INIT_TEXTS.fr)));
        return given;
      }
      for (;;) {
        const answer = await asker.ask(question, fallback);
        const why: Said | undefined = answer === '' ? (key.startsWith('github') ? undefined : (t) => t.answerNeeded()) : problem(answer);
        if (!why) return answer;
        io.stderr(`  ${why(t)}`);
      }
    };
    const isUrl = (answer: string): Said | undefined => (/^https?:\/\/[^\s/]+/.test(answer) ? undefined : (t) => t.notUrl());
    const isWebAddress = (answer: string) => (isUrl(answer) === undefined ? undefined : notWebAddress(answer));
    const name = await ask('name', t.askName());
    const languages = list(
      await ask('languages', t.askLanguages(), 'en', (answer) => {
        const bad = list(answer).find((l) => !languageSchema.safeParse(l).success);
        return bad !== undefined || list(answer).length === 0 ? (t) => t.notLanguage(JSON.stringify(bad ?? '')) : undefined;
      }),
    );
    const defaultLanguage = await ask('default-language', t.askDefaultLanguage(), languages[0], (answer) => (languages.includes(answer) ? undefined : (t) => t.notOneOf(languages.join(', '))));
    const descriptions: Record<string, string> = {};
    for (const lang of [defaultLanguage, ...languages.filter((l) => l !== defaultLanguage), ...describedLanguages.filter((l) => !languages.includes(l))]) {
      if (!languages.includes(lang)) throw usage('descriptionLanguage', lang, languages.join(','));
      const value = flag(`description-${lang}`) ?? (lang === defaultLanguage ? flag('description') : undefined) ?? (asker ? await askDescription(asker, lang, lang === defaultLanguage, t) : undefined);
      if (value) descriptions[lang] = value;
    }
    const repository = await ask('repository', t.askRepository(), httpsUrl(origin) || undefined, isWebAddress);
    const site = await ask('site', t.askSite(), pagesUrl(repository), isUrl);
    const handle = await ask('handle', t.askHandle(), derivedHandle(gitName ?? env.USER ?? ''), (answer) => (handleSchema.safeParse(answer).success ? undefined : (t) => t.notHandle()));
    const memberName = await ask('member-name', t.askMemberName(), gitName);
    let key: FoundKey;
    if (given !== undefined) key = await keyFromSpec(given, '--key', io.cwd, env);
    else if (asker) {
      const answer = await asker.ask(t.askKey(found?.source), found?.publicLine);
      key = answer === found?.publicLine && found ? found : await keyFromSpec(answer, '--key', io.cwd, env);
    } else key = await chooseKey(undefined, io.cwd, env);
    const login = await ask('github', t.askGithub());
    const idText = login ? await ask('github-id', t.askGithubId(login)) : (flag('github-id') ?? '');
    if (login && !/^[1-9]\d{0,11}$/.test(idText)) throw usage('githubNeedsId', login, JSON.stringify(idText));
    if (!login && idText) throw usage('githubIdNeedsLogin');
    const signing = signingFlag !== undefined ? signingFlag === 'yes' : asker ? /^[yo]/i.test(await asker.ask(t.askSigning(), 'yes')) : false;
    const founder: MemberInput = { handle, name: memberName, joined: localDate(now), key: key.publicLine, ...(login ? { github: { login, id: Number(idText) } } : {}) };
    return { name, descriptions, languages, defaultLanguage, site, repository, founder, signingKey: key.spec, keySource: key.source, signing };
  } finally {
    asker?.close();
  }
}

/** The description in one language: required in the default language, optional in the others. */
async function askDescription(asker: Asker, lang: string, required: boolean, t: InitTexts): Promise<string> {
  for (;;) {
    const answer = await asker.ask(t.askDescription(lang, required));
    if (answer !== '' || !required) return answer;
  }
}

/** The files init writes, by path; a string is a refusal. */
function foundingFiles(answers: Answers, keepDemo: boolean, existing: ReadonlyMap<string, SnapshotEntry>, branch: string): Map<string, string> | Said {
  const files = new Map<string, string>();
  files.set('governance/commons.yml', commonsYamlText({ name: answers.name, descriptions: answers.descriptions, url: answers.site, repository: answers.repository, languages: answers.languages, defaultLanguage: answers.defaultLanguage, branch }));
  files.set('governance/policy.md', policyFileText(answers.defaultLanguage, DEFAULT_POLICY));
  const starter = `governance/rules/${STARTER_RULE}.md`;
  if (!(keepDemo && existing.has(starter))) files.set(starter, starterRuleText(answers.defaultLanguage));
  if (keepDemo && existing.has('governance/members.yml')) {
    const text = existing.get('governance/members.yml')!.text;
    if (text === undefined) return (t) => t.membersUnreadable();
    files.set('governance/members.yml', withMember(text, answers.founder));
  } else files.set('governance/members.yml', membersFileText(answers.founder));
  return files;
}

/**
 * Sign this clone's commits with the founder's key, and let git check signatures against the
 * roster: `git log --show-signature` then says "Good signature" for a member's commit. The
 * allowed_signers file is kept in the git directory (this clone's, not the commons'): it is
 * derived from members.yml, which stays the one list of keys.
 */
async function configureSigning(git: Git, root: string, signingKey: string, signers: string): Promise<string> {
  const gitDir = resolve(root, await gitOk(git, ['rev-parse', '--git-common-dir']));
  const file = join(gitDir, 'noclout', 'allowed_signers');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, signers);
  for (const [key, value] of [['gpg.format', 'ssh'], ['user.signingkey', signingKey], ['commit.gpgsign', 'true'], ['gpg.ssh.allowedSignersFile', file]] as const) await gitOk(git, ['config', key, value]);
  return file;
}

/** What the next steps name (src/cli/init-texts.ts words them). */
function founded(a: Answers, root: string, commit: string, branch: string, signersFile: string | undefined, platform: boolean, hasOrigin: boolean): Founded {
  return {
    name: a.name,
    root,
    commit: commit.slice(0, 10),
    branch,
    signed: a.signing,
    keySource: a.keySource,
    votes: Object.entries(DEFAULT_POLICY.voting).map(([k, r]) => `${k} ${r.days} d`).join(', '),
    rule: STARTER_RULE,
    founder: a.founder.handle,
    signersFile,
    here: root === process.cwd() ? '' : ` --repo ${root}`,
    platform,
    hasOrigin,
    repository: a.repository,
  };
}

async function isPlatformCheckout(root: string): Promise<boolean> {
  const text = await readFile(join(root, 'package.json'), 'utf8').catch(() => '');
  return /"name"\s*:\s*"noclout"/.test(text);
}

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

/** An https address for a remote written as git@host:owner/name.git, or the URL as is. */
function httpsUrl(remote: string): string {
  const ssh = /^git@([^:]+):(.+?)(?:\.git)?$/.exec(remote);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  return /^https?:\/\//.test(remote) ? remote.replace(/\.git$/, '') : '';
}

/**
 * Why an answer is not the repository's web address. commons.yml's `repository` is where the site
 * links to (source, history, GitHub's web editor) and the Contribute page's `git clone`: an SSH or
 * file address cannot be a link, and a link's scheme must be http(s) (docs/formats/commons-yml.md).
 */
function notWebAddress(answer: string): Said {
  const gitAddress = /^(?:ssh|git|file):\/\//.test(answer) || /^(?:[\w.-]+@)?[\w.-]+:(?:\/|~|[\w./-]+\.git$)/.test(answer);
  const web = httpsUrl(answer);
  return gitAddress ? (t) => t.gitAddress(answer, web) : (t) => t.notWebAddress();
}

/** GitHub Pages' address for a GitHub repository, as a default for the site. */
function pagesUrl(repository: string): string | undefined {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+?)\/?$/.exec(repository);
  return m ? `https://${m[1]!.toLowerCase()}.github.io/${m[2]}/` : undefined;
}

/** "Amina Diallo" → "amina-diallo", when that is a valid handle. */
export function derivedHandle(name: string): string | undefined {
  const candidate = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
  return handleSchema.safeParse(candidate).success ? candidate : undefined;
}
