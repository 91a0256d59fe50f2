/**
 * `noclout init`: found a commons in this repository (or an empty folder): commons.yml, the default
 * policy with its reasons, a starter rule, the founding member and key, the demo's content removed,
 * SSH-signed commits set up on request, and the founding commit. Refuses to erase a community's
 * roster or decision records (anything but the demo's) without --force.
 */
import { mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { allowedSignersText, commonsYamlText, DEFAULT_POLICY, isDemoMember, membersFileText, policyFileText, STARTER_RULE, starterRuleText, withMember, type MemberInput } from '../../commons/founding.ts';
import { formatProblem } from '../../commons/problem.ts';
import { handle as handleSchema, language as languageSchema } from '../../commons/schema/common.ts';
import { snapshotOf, type SnapshotEntry } from '../../commons/snapshot.ts';
import { validateCommons } from '../../commons/validate.ts';
import { gitConfig, gitIn, gitOk, type Env, type Git } from '../../member/git-program.ts';
import { chooseKey, discoverKeys, KeyError, keyFromSpec, type FoundKey } from '../../member/ssh-keys.ts';
import { parseCommand, UsageError } from '../arguments.ts';
import type { Command, Io } from '../io.ts';
import { canPrompt, terminalAsker, type Asker } from '../prompt.ts';
import { readCommonsDirectory } from '../snapshot-fs.ts';
import { localDate } from './new.ts';
import { count } from '../../commons/plural.ts';
import { noclout } from '../../commons/suggested-command.ts';

const help = `Usage: noclout init [options]

Found a commons in DIR (default: the current directory): this repository, or
an empty folder (git init is run there). Writes governance/commons.yml,
governance/policy.md (default numbers, with the reason for each),
governance/rules/respect.md, governance/members.yml with you as the founder,
removes the demo's posts, proposals, rules, ballots and decisions, and commits
"Found <name>". On a terminal it asks for what is missing; otherwise every
required option must be given.

Options:
  --name TEXT               the commons' name (required)
  --description TEXT        what it is, in the default language (required)
  --description-LANG TEXT   the description in another language (--description-fr …)
  --languages fr,en         its languages (default: en)
  --default-language CODE   the first of them unless given
  --site URL                where the site is published (required)
  --repository URL          the repository's web address, https://… (required):
                            where the site links for source and contributing; not
                            the git address you push to (server:/srv/x.git)
  --handle HANDLE           your handle: lowercase letters, digits, hyphens (required)
  --member-name TEXT        your name (default: git config user.name)
  --key KEY                 your SSH public key: a file or the key line
                            (default: ssh-agent's first ed25519 key, then ~/.ssh/*.pub)
  --github LOGIN            your GitHub login (with --github-id)
  --github-id NUMBER        your GitHub numeric user id (https://api.github.com/users/LOGIN)
  --signing yes|no          set this clone up for SSH-signed commits (default: yes
                            on a terminal, no otherwise)
  --keep-demo               keep the demo's content and people beside yours
  --force                   replace a commons that has its own members or decision
                            records (erases that community's files from the tree;
                            git history keeps them)
  --repo DIR, --format text|json

Exit codes: 0 founded, 1 refused (existing commons, invalid answer), 2 usage error.`;

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
  summary: 'found a commons here: commons.yml, policy, a first rule, you as founder',
  help,
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
    );
    if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
    const flag = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
    const signingFlag = flag('signing');
    if (signingFlag !== undefined && signingFlag !== 'yes' && signingFlag !== 'no') throw new UsageError(`--signing must be "yes" or "no", received ${JSON.stringify(signingFlag)}`);
    const keepDemo = values['keep-demo'] === true;
    // "Here": --repo, else this folder (never a commons found by walking up: an empty folder inside one is refused below as nested).
    const root = resolve(io.cwd, typeof values.repo === 'string' ? values.repo : io.cwd);
    const fail = (message: string): number => {
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: false, error: { kind: 'refused', message } }, null, 2));
      io.stderr(`noclout init: ${message}`);
      return 1;
    };

    await mkdir(root, { recursive: true });
    const env = { ...process.env, ...io.env };
    const git = gitIn(root, env);
    const repository = await repositoryState(git, root);
    if (repository.kind === 'nested') return fail(`${root} is inside the git repository ${repository.top}; a commons is the root of its own repository: run ${noclout('init')} there, or in an empty folder`);
    const existing = await readCommonsDirectory(root);
    const before = validateCommons(existing).parsed;
    const refusal = values.force === true ? undefined : guard(existing.entries, before.members);
    if (refusal) return fail(refusal);
    if (repository.kind === 'repository' && values.force !== true) {
      const dirty = (await gitOk(git, ['status', '--porcelain', '--', 'content', 'governance'])).split('\n').filter(Boolean);
      if (dirty.length) return fail(`content/ or governance/ has changes that are not committed (${dirty.slice(0, 3).map((l) => l.slice(3)).join(', ')}${dirty.length > 3 ? ', …' : ''}); init would erase them: commit or discard them first, or give --force`);
    }

    let answers: Answers;
    try {
      answers = await gather(flag, describedLanguages, signingFlag, git, env, io, common.now);
    } catch (error) {
      if (error instanceof KeyError) return fail(error.message);
      throw error;
    }

    // The whole founding state, checked as `noclout check` will see it, before anything is written.
    const current = repository.kind === 'repository' ? (await git(['symbolic-ref', '--short', 'HEAD'])).stdout.trim() : '';
    const files = foundingFiles(answers, keepDemo, existing.entries, current || 'main');
    if (typeof files === 'string') return fail(files);
    const kept = keepDemo ? [...existing.entries.values()].filter((e) => !files.has(e.path)) : [];
    const next = snapshotOf([...kept, ...[...files].map(([path, text]) => ({ path, mode: 'file' as const, text, size: Buffer.byteLength(text) }))]);
    const { problems } = validateCommons(next);
    if (problems.length) return fail(`nothing was written; the new commons would not pass check:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);

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
    if (commitRun.code !== 0) return fail(`the files are written, but git could not commit them: ${commitRun.stderr.trim() || commitRun.stdout.trim()}${answers.signing ? ' (signing: is the key in ssh-agent, or its private file beside the .pub?)' : ''}; fix that and run: git commit -m "Found ${answers.name}"`);
    const commit = await gitOk(git, ['rev-parse', 'HEAD']);
    const branch = (await git(['symbolic-ref', '--short', 'HEAD'])).stdout.trim() || 'main';

    if (common.format === 'json') {
      io.stdout(JSON.stringify({ ok: true, root, commit, branch, signed: answers.signing, allowedSigners: signersFile, files: [...files.keys()], founder: answers.founder.handle, key: answers.keySource }, null, 2));
    } else {
      io.stdout(nextSteps(answers, root, commit, branch, signersFile, await isPlatformCheckout(root), (await git(['remote', 'get-url', 'origin'])).code === 0));
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
function guard(entries: ReadonlyMap<string, SnapshotEntry>, members: readonly { handle: string; keys: string[] }[] | undefined): string | undefined {
  const hasMembersFile = entries.has('governance/members.yml');
  const demoOnly = members !== undefined && members.every(isDemoMember);
  const records = [...entries.keys()].filter((p) => p.startsWith('governance/decisions/'));
  if (hasMembersFile && !demoOnly) {
    const who = members ? members.filter((m) => !isDemoMember(m)).map((m) => m.handle).slice(0, 5).join(', ') : 'a members.yml that does not read';
    return `this folder already holds a commons with its own members (${who})${records.length ? ` and ${count(records.length, 'decision record')}` : ''}; init would erase them. To found another commons, run init in an empty folder; to replace this one anyway, give --force (git history keeps the old files)`;
  }
  if (records.length && !demoOnly) return `this folder holds ${count(records.length, 'decision record')} (governance/decisions/), a community's history; init would erase them. Give --force to replace them anyway`;
  return undefined;
}

/** Every answer, from the flags, else the terminal, else a usage error naming every missing flag. */
async function gather(flag: (key: string) => string | undefined, describedLanguages: readonly string[], signingFlag: string | undefined, git: Git, env: Env, io: Io, now: Date): Promise<Answers> {
  const gitName = await gitConfig(git, 'user.name');
  const origin = (await git(['remote', 'get-url', 'origin'])).stdout.trim();
  const given = flag('key');
  const found = given === undefined ? (await discoverKeys(env))[0] : undefined;
  const asker: Asker | undefined = canPrompt() ? terminalAsker() : undefined;
  try {
    if (!asker) {
      const languages = list(flag('languages') ?? 'en');
      const defaultLanguage = flag('default-language') ?? languages[0] ?? 'en';
      const missing = [
        ['--name', flag('name')],
        [`--description (or --description-${defaultLanguage})`, flag('description') ?? flag(`description-${defaultLanguage}`)],
        ['--site', flag('site')],
        ['--repository', flag('repository') ?? (httpsUrl(origin) || undefined)],
        ['--handle', flag('handle')],
        ['--member-name', flag('member-name') ?? gitName],
        ['--key (no ed25519 key in ssh-agent or ~/.ssh)', given ?? found?.publicLine],
      ].filter(([, value]) => value === undefined || value === '').map(([name]) => name);
      if (missing.length) throw new UsageError(`stdin is not a terminal, so nothing is asked; missing: ${missing.join(', ')}`);
    }
    /** A flag's value, else the terminal's answer (asked again while `problem` finds one), else the default. */
    const ask = async (key: string, question: string, fallback?: string, problem: (answer: string) => string | undefined = () => undefined): Promise<string> => {
      const value = flag(key);
      if (value !== undefined || !asker) {
        const given = value ?? fallback ?? '';
        const why = given === '' ? undefined : problem(given);
        if (why) throw new UsageError(`--${key} ${JSON.stringify(given)}: ${why}`);
        return given;
      }
      for (;;) {
        const answer = await asker.ask(question, fallback);
        const why = answer === '' ? (key.startsWith('github') ? undefined : 'an answer is needed') : problem(answer);
        if (!why) return answer;
        io.stderr(`  ${why}`);
      }
    };
    const isUrl = (answer: string) => (/^https?:\/\/[^\s/]+/.test(answer) ? undefined : 'an http(s) address, like https://example.org/');
    const isWebAddress = (answer: string) => (isUrl(answer) === undefined ? undefined : notWebAddress(answer));
    const name = await ask('name', 'Name of the commons');
    const languages = list(
      await ask('languages', 'Languages, comma-separated', 'en', (answer) => {
        const bad = list(answer).find((l) => !languageSchema.safeParse(l).success);
        return bad !== undefined || list(answer).length === 0 ? `${JSON.stringify(bad ?? '')} is not a two- or three-letter language code, like fr or en` : undefined;
      }),
    );
    const defaultLanguage = await ask('default-language', 'Default language', languages[0], (answer) => (languages.includes(answer) ? undefined : `not one of the languages (${languages.join(', ')})`));
    const descriptions: Record<string, string> = {};
    for (const lang of [defaultLanguage, ...languages.filter((l) => l !== defaultLanguage), ...describedLanguages.filter((l) => !languages.includes(l))]) {
      if (!languages.includes(lang)) throw new UsageError(`--description-${lang}: ${lang} is not one of --languages ${languages.join(',')}`);
      const value = flag(`description-${lang}`) ?? (lang === defaultLanguage ? flag('description') : undefined) ?? (asker ? await askDescription(asker, lang, lang === defaultLanguage) : undefined);
      if (value) descriptions[lang] = value;
    }
    const repository = await ask('repository', 'The repository\'s web address, where people browse it (https://…)', httpsUrl(origin) || undefined, isWebAddress);
    const site = await ask('site', 'Site URL, where it will be published', pagesUrl(repository), isUrl);
    const handle = await ask('handle', 'Your handle (lowercase letters, digits, hyphens)', derivedHandle(gitName ?? env.USER ?? ''), (answer) =>
      handleSchema.safeParse(answer).success ? undefined : 'a handle is 1–32 lowercase ASCII letters, digits or inner hyphens, like "amina" or "jean-luc"',
    );
    const memberName = await ask('member-name', 'Your name', gitName);
    let key: FoundKey;
    if (given !== undefined) key = await keyFromSpec(given, '--key', io.cwd, env);
    else if (asker) {
      const answer = await asker.ask(`Your SSH public key (file or line)${found ? `; found in ${found.source}` : ''}`, found?.publicLine);
      key = answer === found?.publicLine && found ? found : await keyFromSpec(answer, '--key', io.cwd, env);
    } else key = await chooseKey(undefined, io.cwd, env);
    const login = await ask('github', 'Your GitHub login (optional, empty for none)');
    const idText = login ? await ask('github-id', `GitHub numeric id of ${login} (https://api.github.com/users/${login})`) : (flag('github-id') ?? '');
    if (login && !/^[1-9]\d{0,11}$/.test(idText)) throw new UsageError(`--github ${login} needs --github-id, the account's numeric id (logins can be renamed, ids cannot), received ${JSON.stringify(idText)}`);
    if (!login && idText) throw new UsageError('--github-id needs --github LOGIN');
    const signing = signingFlag !== undefined ? signingFlag === 'yes' : asker ? /^y/i.test(await asker.ask('Set this clone up to sign commits with that key (git gpg.format=ssh)? yes/no', 'yes')) : false;
    const founder: MemberInput = { handle, name: memberName, joined: localDate(now), key: key.publicLine, ...(login ? { github: { login, id: Number(idText) } } : {}) };
    return { name, descriptions, languages, defaultLanguage, site, repository, founder, signingKey: key.spec, keySource: key.source, signing };
  } finally {
    asker?.close();
  }
}

/** The description in one language: required in the default language, optional in the others. */
async function askDescription(asker: Asker, lang: string, required: boolean): Promise<string> {
  for (;;) {
    const answer = await asker.ask(`Description (${lang}), one or two sentences${required ? '' : ', optional'}`);
    if (answer !== '' || !required) return answer;
  }
}

/** The files init writes, by path; a string is a refusal. */
function foundingFiles(answers: Answers, keepDemo: boolean, existing: ReadonlyMap<string, SnapshotEntry>, branch: string): Map<string, string> | string {
  const files = new Map<string, string>();
  files.set('governance/commons.yml', commonsYamlText({ name: answers.name, descriptions: answers.descriptions, url: answers.site, repository: answers.repository, languages: answers.languages, defaultLanguage: answers.defaultLanguage, branch }));
  files.set('governance/policy.md', policyFileText(answers.defaultLanguage, DEFAULT_POLICY));
  const starter = `governance/rules/${STARTER_RULE}.md`;
  if (!(keepDemo && existing.has(starter))) files.set(starter, starterRuleText(answers.defaultLanguage));
  if (keepDemo && existing.has('governance/members.yml')) {
    const text = existing.get('governance/members.yml')!.text;
    if (text === undefined) return 'governance/members.yml cannot be read; --keep-demo adds you beside its members';
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

function nextSteps(a: Answers, root: string, commit: string, branch: string, signersFile: string | undefined, platform: boolean, hasOrigin: boolean): string {
  const here = root === process.cwd() ? '' : ` --repo ${root}`;
  return [
    `Founded "${a.name}" in ${root}: commit ${commit.slice(0, 10)} on ${branch}${a.signing ? `, signed with ${a.keySource}` : ''}.`,
    `  governance/commons.yml, policy.md (votes: ${Object.entries(DEFAULT_POLICY.voting).map(([k, r]) => `${k} ${r.days} d`).join(', ')}), rules/${STARTER_RULE}.md, members.yml (${a.founder.handle})`,
    a.signing ? `  Signed commits are on for this clone; allowed signers: ${signersFile} (git log --show-signature)` : `  Commits are not signed here; the bot counts only signed changes and ballots: ${noclout('init --help')}, docs/founding.md`,
    '',
    'Next:',
    `  1. Check it:        ${noclout(`check${here}`)} && ${noclout(`audit${here}`)}`,
    `  2. See the site:    ${platform ? 'npm start' : `NOCLOUT_COMMONS=${root} npm start   (from a NoClout checkout)`}`,
    `  3. Publish it:      create an empty repository for it (at ${a.repository}, or a bare one on a server: git init --bare), then`,
    // A clone keeps the branches of the repository it came from: re-pointing origin leaves them, and an
    // old origin/member then blocks the new origin/member/<handle>. Removing the remote drops them.
    ...(hasOrigin
      ? [`                      git remote remove origin && git remote add origin <its address> && git push -u origin ${branch}`, '                      (origin is still the repository this clone came from; removing it drops that repository\'s branches too)']
      : [`                      git remote add origin <its address> && git push -u origin ${branch}`]),
    `  4. Write:           ${noclout('new post "Hello"')}   (on a branch: git switch -c post/hello)`,
    `  5. Let others in:   each newcomer runs ${noclout('join')} in a clone and sends you the line it prints;`,
    `                      you run that line (${noclout('join --for …')}) and push member/<handle>. docs/founding.md says more.`,
  ].join('\n');
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
function notWebAddress(answer: string): string {
  const gitAddress = /^(?:ssh|git|file):\/\//.test(answer) || /^(?:[\w.-]+@)?[\w.-]+:(?:\/|~|[\w./-]+\.git$)/.test(answer);
  const web = httpsUrl(answer);
  return gitAddress
    ? `${answer} is a git address, for pushing (git remote add origin ${answer}); this is the repository's web address, https://…, which the site links to${web ? ` (here perhaps ${web})` : ''}. A commons with no web front gives the https address it will have: until then the site's links to it lead nowhere`
    : 'an https address where people browse the repository, like https://github.com/you/allotment';
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
