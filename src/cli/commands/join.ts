/**
 * `noclout join`: a membership change. The bot takes the author of a change from the member who
 * signed it (principle 5), and a newcomer is nobody's key yet: so a member opens the change. The
 * newcomer runs `noclout join`, which reads their key and name and prints the one line a member
 * runs, `noclout join --for <handle> --key …`; that run writes branch member/<handle> (members.yml
 * plus the proposal, `author:` the member) as one commit signed with the member's own key, without
 * touching the checkout. With --sponsor, the newcomer writes that branch unsigned themselves, for
 * a forge where the sponsor opens the pull request from it (GitHub counts who opens it).
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { keyFingerprint, membershipProposalText, withMember, type MemberInput } from '../../commons/founding.ts';
import { handle as handleSchema } from '../../commons/schema/common.ts';
import type { Members } from '../../commons/schema/members.ts';
import type { VoteRule } from '../../commons/schema/policy.ts';
import { snapshotOf } from '../../commons/snapshot.ts';
import { validateCommons, type ParsedCommons } from '../../commons/validate.ts';
import { gitConfig, gitIn, gitOk, type Git } from '../../member/git-program.ts';
import { findSigningKey, holdersOf } from '../../member/signing-key.ts';
import { chooseKey, KeyError, keyFromSpec, type FoundKey } from '../../member/ssh-keys.ts';
import { openRepository, resolveCommit, RepoError } from '../../repo/repository.ts';
import { readSnapshot, readText, treeOf } from '../../repo/tree.ts';
import { parseCommand, UsageError } from '../arguments.ts';
import { usage } from '../usage-error.ts';
import { USAGE_TEXTS } from '../usage-texts.ts';
import { usageOf } from '../bot-context.ts';
import { JOIN_TEXTS, type Decides, type JoinTexts, type Request } from '../join-texts.ts';
import { CLI_TEXTS } from '../texts.ts';
import { nameIn } from '../../commons/schema/commons-config.ts';
import { formatProblemIn } from '../../commons/texts/problems.ts';

import type { Command } from '../io.ts';
import { derivedHandle } from './init.ts';
import { localDate } from './new.ts';
import { noclout } from '../../commons/suggested-command.ts';

/** A sentence of join's, said in the language of the texts given. */
type Said = (t: JoinTexts) => string;

export const joinCommand: Command = {
  name: 'join',
  async run(args, io) {
    const { common, values, positionals } = parseCommand(
      args,
      {
        handle: { type: 'string' },
        name: { type: 'string' },
        key: { type: 'string' },
        github: { type: 'string' },
        'github-id': { type: 'string' },
        for: { type: 'string' },
        sponsor: { type: 'string' },
        base: { type: 'string' },
      },
      io.cwd,
      io.env,
    );
    if (positionals.length) throw usage('unexpectedArguments', positionals.join(' '));
    const flag = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
    const forHandle = flag('for');
    if (forHandle !== undefined && flag('handle') !== undefined && flag('handle') !== forHandle) throw usage('handleOnce');
    if (forHandle !== undefined && flag('sponsor') !== undefined) throw usage('forOrSponsor');
    if (forHandle !== undefined && (flag('key') === undefined || flag('name') === undefined)) throw usage('forNeedsKeyName', forHandle);
    const login = flag('github');
    const idText = flag('github-id');
    if ((login === undefined) !== (idText === undefined) || (idText !== undefined && !/^[1-9]\d{0,11}$/.test(idText))) throw usage('githubTogether');

    const root = resolve(io.cwd, common.repo);
    const env = { ...process.env, ...io.env };
    const git = gitIn(root, env);
    // JSON is English whatever the locale; the line on stderr is in the reader's language.
    const fail = (say: Said): number => {
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: false, error: { kind: 'refused', message: say(JOIN_TEXTS.en) } }, null, 2));
      io.stderr(CLI_TEXTS[common.lang].commandSaid('join', say(JOIN_TEXTS[common.lang])));
      return 1;
    };

    const main = await readMain(root, flag('base'));
    if (typeof main === 'function') return fail(main);
    const { parsed, members } = main;

    let key: FoundKey;
    try {
      key = forHandle !== undefined ? await keyFromSpec(flag('key')!, '--key', io.cwd, env) : await chooseKey(flag('key'), io.cwd, env);
    } catch (error) {
      if (error instanceof KeyError) return fail(() => error.message);
      throw error;
    }
    const [holder] = holdersOf(members, key.publicLine);
    if (holder) return fail((t) => t.keyListed(key.source, holder.handle, forHandle === undefined));
    const gitName = await gitConfig(git, 'user.name');
    const name = flag('name') ?? gitName;
    const handle = forHandle ?? flag('handle') ?? derivedHandle(gitName ?? '');
    if (!handle || !handleSchema.safeParse(handle).success) return fail((t) => t.notHandle(handle));
    if (!name) return fail((t) => t.noName());
    if (members.some((m) => m.handle === handle)) return fail((t) => t.handleTaken(handle));
    const fingerprint = keyFingerprint(key.publicLine)!;
    const newcomer: MemberInput = { handle, name, joined: localDate(common.now), key: key.publicLine, ...(login ? { github: { login, id: Number(idText) } } : {}) };
    const request = requestLine(newcomer, common.repo === io.cwd ? undefined : common.repo);
    const sponsorFlag = flag('sponsor');

    // The newcomer without a sponsor: the request to send, nothing written.
    if (forHandle === undefined && sponsorFlag === undefined) {
      if (common.format === 'json') io.stdout(JSON.stringify({ ok: true, written: false, handle, name, key: key.publicLine, fingerprint, command: request }, null, 2));
      else io.stdout(JOIN_TEXTS[common.lang].request(requestOf(key, fingerprint, request, parsed, handle, common.lang)));
      return 0;
    }

    let sponsor: string;
    let signingKey: string | undefined;
    if (forHandle !== undefined) {
      const signer = await memberKey(git, root, env, io.cwd, members);
      if (typeof signer === 'function') return fail(signer);
      ({ handle: sponsor, signingKey } = signer);
    } else {
      sponsor = sponsorFlag!;
      if (!members.some((m) => m.handle === sponsor)) return fail((t) => t.notSponsor(sponsor, members.map((m) => m.handle).join(', ')));
    }

    const lang = parsed.config!.defaultLanguage;
    const slug = freeSlug(`join-${handle}`, parsed);
    const proposalPath = `content/proposals/${slug}.md`;
    const files = new Map([
      ['governance/members.yml', withMember(main.membersText, newcomer)],
      [proposalPath, membershipProposalText({ sponsor, member: newcomer, fingerprint, lang, date: newcomer.joined })],
    ]);
    const next = snapshotOf([...main.snapshot.entries.values()].filter((e) => !files.has(e.path)).concat([...files].map(([path, text]) => ({ path, mode: 'file' as const, text, size: Buffer.byteLength(text) }))));
    const { problems } = validateCommons(next, { only: new Set(files.keys()) });
    if (problems.length) return fail((t) => t.wouldNotPass(problems.map((p) => `  ${formatProblemIn(p, t === JOIN_TEXTS.fr ? 'fr' : 'en')}`).join('\n')));

    const branch = `member/${handle}`;
    const outcome = await writeBranch(git, { base: main.commit, branch, files, message: `${sponsor === handle ? '' : `${sponsor}: `}welcome ${name} (${handle})`, signingKey, identity: sponsor });
    if ('error' in outcome) return fail(outcome.error);
    const written = outcome.commit;
    const rule = parsed.policy!.data.voting.membership;
    if (common.format === 'json') {
      io.stdout(JSON.stringify({ ok: true, written: true, branch, commit: written, signed: signingKey !== undefined, sponsor, handle, proposal: proposalPath, fingerprint, rule, roster: members.length, needed: ballotsNeeded(rule, members.length) }, null, 2));
      return 0;
    }
    const t = JOIN_TEXTS[common.lang];
    const compare = compareUrl(parsed.config!.repository, parsed.config!.branch, branch);
    io.stdout(t.written({ branch, commit: written.slice(0, 10), signed: signingKey !== undefined, sponsor, handle, proposal: proposalPath, name, fingerprint, slug, compare, request, decides: decidesOf(rule, members.length) }));
    return 0;
  },
};

interface MainState {
  commit: string;
  snapshot: ReturnType<typeof snapshotOf>;
  parsed: ParsedCommons;
  members: Members;
  membersText: string;
}

/** The commons on its base branch, read from git (the work tree may be on any branch, with any edits). */
async function readMain(root: string, base: string | undefined): Promise<MainState | Said> {
  let repo;
  try {
    repo = openRepository(root);
  } catch (error) {
    if (error instanceof RepoError) throw new UsageError(USAGE_TEXTS.en.joinInClone(error.message), USAGE_TEXTS.fr.joinInClone(usageOf(error).fr));
    throw error;
  }
  const resolveBase = (name: string) => resolveCommit(repo, name).catch(() => undefined);
  let commit = await resolveBase(base ?? 'main');
  if (commit === undefined && base !== undefined) throw usage('noSuchBase', base);
  if (base === undefined) {
    // commons.yml names the branch the bot merges into; main unless it says otherwise.
    const head = commit ?? (await resolveBase('HEAD'));
    const configured = head ? /^branch:\s*["']?([A-Za-z0-9._/-]+)/m.exec((await readText(repo, await treeOf(repo, head), 'governance/commons.yml')) ?? '')?.[1] : undefined;
    if (configured && configured !== 'main') commit = await resolveBase(configured);
  }
  if (commit === undefined) return (t) => t.noMain(root);
  // Posts are listed, not read: only their names matter here.
  const snapshot = await readSnapshot(repo, commit, { load: (path) => !path.startsWith('content/posts/') });
  const { parsed } = validateCommons(snapshot);
  const membersText = snapshot.entries.get('governance/members.yml')?.text;
  if (!parsed.config || !parsed.policy || !parsed.members || membersText === undefined) return (t) => t.unreadable(commit.slice(0, 10));
  return { commit, snapshot, parsed, members: parsed.members, membersText };
}

/** The member running `--for`: the roster key they sign with (src/member/signing-key.ts), and how git signs with it. */
async function memberKey(git: Git, root: string, env: Record<string, string | undefined>, cwd: string, members: Members): Promise<{ handle: string; signingKey: string } | Said> {
  const found = await findSigningKey(git, members, { env, cwd, repo: root, flags: {} });
  if (!found.ok) return (t) => t.forNeedsKey(found.message);
  return { handle: found.key.handle, signingKey: found.key.spec };
}

/** A proposal slug no post, proposal or decision uses yet. */
function freeSlug(wanted: string, parsed: ParsedCommons): string {
  const taken = (slug: string) => parsed.proposals.has(slug) || [...parsed.posts.keys(), ...parsed.decisions.keys()].some((id) => id.endsWith(`/${slug}`) || id.endsWith(`-${slug}`)) || [...parsed.decisions.values()].some((d) => d.data.change === slug);
  let slug = wanted;
  for (let n = 2; taken(slug); n++) slug = `${wanted}-${n}`;
  return slug;
}

interface BranchWrite {
  base: string;
  branch: string;
  files: ReadonlyMap<string, string>;
  message: string;
  signingKey: string | undefined;
  /** Committer name when git has none configured. */
  identity: string;
}

/**
 * One commit on a new branch, made with git's plumbing in a scratch index: the person's checkout,
 * index and current branch are left exactly as they were. Signed with `signingKey` (SSH) when given.
 */
async function writeBranch(git: Git, w: BranchWrite): Promise<{ commit: string } | { error: Said }> {
  if ((await git(['rev-parse', '--verify', '-q', `refs/heads/${w.branch}`])).code === 0) return { error: (t) => t.branchExists(w.branch) };
  const index = join(tmpdir(), `noclout-join-${process.pid}-${Date.now()}.index`);
  const scratch = { env: { GIT_INDEX_FILE: index } };
  try {
    await gitOk(git, ['read-tree', w.base], scratch);
    for (const [path, text] of w.files) {
      const blob = await gitOk(git, ['hash-object', '-w', '--stdin'], { input: text });
      await gitOk(git, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], scratch);
    }
    const tree = await gitOk(git, ['write-tree'], scratch);
    const identity: string[] = [];
    if (!(await gitConfig(git, 'user.name'))) identity.push('-c', `user.name=${w.identity}`);
    if (!(await gitConfig(git, 'user.email'))) identity.push('-c', `user.email=${w.identity}@noclout.invalid`);
    const sign = w.signingKey !== undefined ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${w.signingKey}`] : [];
    const made = await git([...identity, ...sign, 'commit-tree', tree, '-p', w.base, '-m', w.message, w.signingKey !== undefined ? '-S' : '--no-gpg-sign']);
    if (made.code !== 0) return { error: (t) => t.commitFailed(w.signingKey !== undefined, made.stderr.trim()) };
    const commit = made.stdout.trim();
    // Created only if absent: never moves a branch someone made meanwhile.
    await gitOk(git, ['update-ref', `refs/heads/${w.branch}`, commit, '0'.repeat(40)]);
    return { commit };
  } finally {
    await rm(index, { force: true });
  }
}

/** The least number of ballots that meets the quorum: ceil(p × members / q), in integers. */
export function ballotsNeeded(rule: VoteRule, roster: number): number {
  const [p, q] = rule.quorum.split('/').map(Number) as [number, number];
  return Math.ceil((p * roster) / q);
}

function decidesOf(rule: VoteRule, roster: number): Decides {
  const threshold = 'moreThan' in rule.threshold ? { moreThan: String(rule.threshold.moreThan) } : { atLeast: String(rule.threshold.atLeast) };
  return { roster, needed: ballotsNeeded(rule, roster), quorum: rule.quorum, threshold, days: rule.days, closeEarly: rule.closeEarly === true };
}

/** The line a member runs to propose this newcomer. */
function requestLine(m: MemberInput, repo: string | undefined): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [noclout('join'), `--for ${m.handle}`, `--name ${quote(m.name)}`, `--key ${quote(m.key.trim())}`, ...(m.github ? [`--github ${m.github.login} --github-id ${m.github.id}`] : []), ...(repo ? [`--repo ${quote(repo)}`] : [])].join(' ');
}

function requestOf(key: FoundKey, fingerprint: string, request: string, parsed: ParsedCommons, handle: string, lang: string): Request {
  const members = parsed.members!.map((x) => x.handle);
  return { commons: nameIn(parsed.config!, lang), keySource: key.source, fingerprint, members: `${members.slice(0, 8).join(', ')}${members.length > 8 ? ', …' : ''}`, request, handle };
}

function compareUrl(repository: string, base: string, branch: string): string | undefined {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+?)\/?$/.exec(repository);
  return m ? `https://github.com/${m[1]}/${m[2]}/compare/${base}...${branch}?expand=1` : undefined;
}
