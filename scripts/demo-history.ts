/**
 * The demo commons' life, replayed with the real commands, so that every decision the demo shows
 * was taken by the real bot from real signed commits and ballots, and `noclout audit` replays
 * them all from a clone (issue #11, §5).
 *
 *   node scripts/demo-history.ts [--from REF] [--work DIR]
 *
 * In a new bare repository (DIR, default a fresh temporary folder) whose `main` is REF (default
 * HEAD) of this repository, it:
 *
 * 1. makes a throwaway ed25519 key for each of the demo's members (`ssh-keygen`, comment
 *    `<handle>@demo.noclout`, which `noclout init` uses to recognise the demo's people) and writes
 *    their public keys into governance/members.yml, in one commit that also sets aside what the
 *    replay publishes again (the posts, the proposals and the rule they add) and removes the
 *    ballots and decision records: that commit is the demo as founded, before its first post;
 * 2. plays the demo's weeks at the times of its story: each member writes their post or proposal
 *    on its own branch (`post/<slug>`, `proposal/<slug>`, `moderation/<slug>`) in a commit signed
 *    with their key; the bot sees each push (`noclout review --at`); members vote with
 *    `noclout vote`; `noclout merge --at` publishes each post when its objection window is over
 *    and decides each vote when it closes, writing the decision records on `main` and the openings
 *    in refs/noclout/ledger. One post (2026/panneaux-solaires-a-prix-reduit) is published and then
 *    hidden by the moderation vote: its text lives here, since the commons keeps only its tombstone;
 * 3. runs `noclout audit`, deletes the private keys (they never enter any repository) and prints
 *    how to bring `main` and the ledger back.
 *
 * Git commits carry the story's times (GIT_AUTHOR_DATE, GIT_COMMITTER_DATE), and the bot's clock
 * is `--at`: the replay is what the demo's members and bot would have written on those days.
 * It stops at the first command whose outcome is not the story's.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/noclout.ts');
const MEMBERS = 'governance/members.yml';
/** The demo as founded: its commons.yml, policy, roster and first three rules, before its first post. */
const FOUNDED = '2026-09-01T08:00:00Z';

type Handle = 'amina' | 'jean-luc' | 'sofia' | 'tomas' | 'lea';

interface Ballot {
  at: string;
  who: Handle;
  vote: 'yes' | 'no' | 'abstain';
  reason?: string;
  rule?: string;
}

/** One change of the story: who writes it, when it is pushed, what it adds (and removes), and how it is decided. */
interface Change {
  who: Handle;
  branch: string;
  at: string;
  message: string;
  adds: string[];
  removes?: string[];
  ballots?: Ballot[];
  /** When the bot merges it: a post's objection window, or a vote's `days`, after the push. */
  decidedAt: string;
}

const hours = (iso: string, n: number) => new Date(Date.parse(iso) + n * 3_600_000).toISOString().replace('.000Z', 'Z');

/** A post published by lazy consensus: nobody objects within `posts.objectionHours` (24). */
function post(who: Handle, slug: string, at: string, title: string): Change {
  return { who, branch: `post/${slug}`, at, message: title, adds: [`content/posts/2026/${slug}.md`], decidedAt: hours(at, 24) };
}

const PANNEAUX = 'content/posts/2026/panneaux-solaires-a-prix-reduit.md';

/** The demo's story, in the order it happened. */
const STORY: Change[] = [
  post('amina', 'a-quoi-sert-ce-commun', '2026-09-14T08:30:00Z', 'À quoi sert ce commun ?'),
  post('sofia', 'equal-voices', '2026-09-21T17:45:00Z', 'Equal voices, and what that rules out'),
  post('jean-luc', 'rien-n-est-classe', '2026-10-02T19:10:00Z', "Pourquoi rien n'est classé"),
  {
    who: 'tomas',
    branch: 'proposal/cite-sources',
    at: '2026-10-05T09:12:00Z',
    message: 'Ajouter une règle : citer ses sources',
    adds: ['content/proposals/cite-sources.md', 'governance/rules/cite-sources.md'],
    ballots: [
      { at: '2026-10-05T12:40:00Z', who: 'amina', vote: 'yes', reason: "Un fait qu'on ne peut pas vérifier ne sert à personne. La version restreinte me convient." },
      {
        at: '2026-10-06T20:05:00Z',
        who: 'jean-luc',
        vote: 'no',
        reason: "Même restreinte, cette règle donnera prise aux objections contre les billets personnels : la frontière entre « fait vérifiable » et « expérience » sera discutée à chaque fois. Je préférerais une recommandation plutôt qu'une règle.",
      },
      { at: '2026-10-07T07:55:00Z', who: 'sofia', vote: 'yes', reason: 'Sources make disagreements productive. Glad the narrower wording protects testimonies.' },
      { at: '2026-10-08T09:30:00Z', who: 'tomas', vote: 'yes', reason: 'I proposed it; the narrowed text answers the objection raised in the discussion.' },
      { at: '2026-10-09T18:20:00Z', who: 'lea', vote: 'abstain', reason: 'Je comprends les deux positions et je laisse les autres trancher.' },
    ],
    decidedAt: hours('2026-10-05T09:12:00Z', 7 * 24), // voting.rules: 7 days
  },
  post('tomas', 'moderation-in-public', '2026-10-09T10:00:00Z', 'How moderation is explained in public'),
  post('tomas', 'why-we-cite-sources', '2026-10-14T16:20:00Z', 'Why we now ask for sources'),
  post('lea', 'ecrire-son-premier-billet', '2026-10-20T09:00:00Z', 'Écrire son premier billet'),
  post('lea', 'une-voix-meme-en-arrivant', '2026-10-23T21:30:00Z', 'Une voix égale, même en arrivant'),
  post('sofia', 'reading-without-a-feed', '2026-11-03T13:15:00Z', 'Reading without a feed that chooses for you'),
  post('tomas', 'panneaux-solaires-a-prix-reduit', '2026-11-08T11:00:00Z', 'Panneaux solaires à prix réduit'),
  {
    who: 'amina',
    branch: 'moderation/hide-solar-panel-offer',
    at: '2026-11-10T14:30:00Z',
    message: 'Masquer le billet « Panneaux solaires à prix réduit »',
    adds: ['content/proposals/hide-solar-panel-offer.md'],
    removes: [PANNEAUX],
    ballots: [
      { at: '2026-11-10T14:45:00Z', who: 'amina', vote: 'yes', rule: 'no-advertising', reason: "Code de réduction et numéro de commande, c'est de la publicité." },
      { at: '2026-11-10T16:00:00Z', who: 'sofia', vote: 'yes', reason: 'Looks like an ad to me.' },
      { at: '2026-11-11T08:10:00Z', who: 'jean-luc', vote: 'yes', rule: 'no-advertising', reason: "La règle est claire ; un billet sans l'offre serait bienvenu." },
      { at: '2026-11-11T12:00:00Z', who: 'tomas', vote: 'abstain', reason: 'It is my post. I should not decide on it; I will write a version without the offer.' },
      // Sofia votes again, citing the rule: her first ballot is superseded (listed, not counted, without its words).
      { at: '2026-11-11T19:30:00Z', who: 'sofia', vote: 'yes', rule: 'no-advertising', reason: 'Prices and a discount code make this an offer, not an experience report.' },
      {
        at: '2026-11-12T10:00:00Z',
        who: 'lea',
        vote: 'no',
        reason: 'I agree the offer breaks the rule, but I would rather give the author three days to edit the post than hide it. Hiding should be the last step.',
      },
    ],
    decidedAt: hours('2026-11-10T14:30:00Z', 3 * 24), // voting.moderation: 3 days
  },
];

/** The post the moderation hides: on main for four days, then only its tombstone (and git history) remain. */
const HIDDEN_POST = `---
title: "Panneaux solaires à prix réduit"
author: tomas
date: 2026-11-08
lang: fr
tags: [energie, maison]
summary: Six panneaux sur notre toit depuis septembre, et une offre pour équiper le vôtre.
---

Depuis septembre, six panneaux solaires couvrent le pan sud de notre toit. Sur
octobre, ils ont fourni un peu plus de la moitié de l'électricité de la maison,
et le chantier n'a pris qu'une journée.

L'entreprise qui les a posés, Soleil d'Ouest, fait une offre aux membres du
commun jusqu'à la fin du mois : l'installation complète de 3 kWc à 4 990 € au
lieu de 5 870 €, avec le code de réduction COMMUN15.

Pour commander, appelez le 01 99 00 12 34 de ma part, ou écrivez-moi et je
transmets votre demande.
`;

interface Member {
  handle: Handle;
  name: string;
  key: string;
}

interface Run {
  work: string;
  keys: string;
  members: Map<Handle, Member>;
}

function sh(program: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(program, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.on('error', () => undefined); // a program that reads no input may exit before we close it
    child.stdin?.end(options.input ?? '');
  });
}

/** The environment without git's per-repository variables (the script may run from a hook or another repository). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^GIT_/.test(name)) delete env[name];
  return { ...env, ...extra };
}

async function git(cwd: string, args: readonly string[], options: { env?: Record<string, string>; input?: string; raw?: boolean } = {}): Promise<string> {
  const out = await sh('git', args, { cwd, env: cleanEnv(options.env), ...(options.input !== undefined ? { input: options.input } : {}) });
  if (out.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${out.stderr.trim() || out.stdout.trim()}`);
  return options.raw ? out.stdout : out.stdout.trim();
}

/** Author and committer of a commit at `at`. */
function identity(name: string, email: string, at: string): Record<string, string> {
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: at, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: at };
}

function memberEnv(member: Member, at: string): Record<string, string> {
  return identity(member.name, `${member.handle}@demo.noclout`, at);
}

/**
 * A commit on `parent` that writes `files` (text, or null to delete), built aside in a private
 * index as `noclout vote` builds its ballots: nothing is checked out.
 */
async function commitFiles(run: Run, parent: string, files: Record<string, string | null>, message: string, env: Record<string, string>, signingKey?: string): Promise<string> {
  const index = path.join(run.keys, 'index');
  const empty = path.join(run.keys, 'empty-work-tree');
  await mkdir(empty, { recursive: true });
  const withIndex = { ...env, GIT_INDEX_FILE: index };
  await git(run.work, ['read-tree', parent], { env: withIndex });
  for (const [file, text] of Object.entries(files)) {
    if (text === null) await git(run.work, [`--work-tree=${empty}`, 'update-index', '--force-remove', file], { env: withIndex });
    else {
      const blob = await git(run.work, ['hash-object', '-w', '--stdin'], { input: text });
      await git(run.work, [`--work-tree=${empty}`, 'update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env: withIndex });
    }
  }
  const tree = await git(run.work, ['write-tree'], { env: withIndex });
  await rm(index, { force: true });
  const sign = signingKey ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${signingKey}`, 'commit-tree', '-S'] : ['commit-tree', '--no-gpg-sign'];
  return git(run.work, [...sign, '-p', parent, '-m', message, tree], { env });
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `noclout …` on the replay's repository; prints the command as a reader would type it. */
async function noclout(run: Run, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; json: unknown }> {
  say(`  $ noclout ${args.map((a) => (/^[\w./:@=-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}`);
  const out = await sh(process.execPath, [BIN, ...args, '--repo', run.work, '--format', 'json'], { env: cleanEnv(env) });
  let json: unknown;
  try {
    json = JSON.parse(out.stdout);
  } catch {
    throw new Error(`noclout ${args.join(' ')} printed no JSON (exit ${out.code}): ${out.stderr.trim() || out.stdout.trim()}`);
  }
  return { code: out.code, json };
}

interface Judgement {
  decision: string;
  reasons: string[];
  problems: { path: string; message: string; rule: string }[];
  closes?: string;
  merged?: boolean;
  record?: string;
}

function expectDecision(j: Judgement, decision: string, what: string): void {
  if (j.decision === decision) return;
  const problems = j.problems.map((p) => `\n    ${p.path}: ${p.message} [${p.rule}]`).join('');
  throw new Error(`${what}: the bot says ${j.decision} (${j.reasons.join('; ')})${problems}, where the story needs ${decision}`);
}

/** The bot's run on a push: it sees the change (its first valid sight opens it) and the ballots on it. */
async function botSees(run: Run, branch: string, at: string, expected = 'pending'): Promise<void> {
  const { json } = await noclout(run, ['review', branch, '--at', at]);
  const j = json as Judgement;
  expectDecision(j, expected, `review ${branch}`);
  say(`    ${j.decision}${j.closes ? ` until ${j.closes}` : ''}`);
}

async function botMerges(run: Run, change: Change): Promise<string> {
  const { json } = await noclout(run, ['merge', change.branch, '--at', change.decidedAt]);
  const [j] = (json as { results: Judgement[] }).results;
  if (!j) throw new Error(`merge ${change.branch}: no result`);
  expectDecision(j, 'accept', `merge ${change.branch}`);
  if (!j.merged || !j.record) throw new Error(`merge ${change.branch}: accepted but not merged (${j.reasons.join('; ')})`);
  say(`    ${j.reasons.at(-1) ?? 'accepted'}: merged, ${j.record}`);
  return j.record;
}

async function write(run: Run, change: Change, texts: Map<string, string>): Promise<void> {
  const member = run.members.get(change.who)!;
  const main = await git(run.work, ['rev-parse', 'refs/heads/main']);
  const files: Record<string, string | null> = {};
  for (const file of change.adds) files[file] = texts.get(file)!;
  for (const file of change.removes ?? []) files[file] = null;
  const commit = await commitFiles(run, main, files, change.message, memberEnv(member, change.at), member.key);
  await git(run.work, ['update-ref', `refs/heads/${change.branch}`, commit, '']);
  const verb = change.removes?.length ? `removes ${change.removes.join(', ')} and adds` : 'adds';
  say(`\n${change.at.replace('T', ' ').replace(':00Z', ' UTC')}  ${change.who} pushes ${change.branch}: ${verb} ${change.adds.join(', ')} (commit ${commit.slice(0, 10)}, signed with ${change.who}'s key)`);
  await botSees(run, change.branch, change.at);
}

async function vote(run: Run, change: Change, ballot: Ballot): Promise<void> {
  const member = run.members.get(ballot.who)!;
  const slug = change.adds.find((f) => f.startsWith('content/'))!.replace(/^.*\//, '').replace(/\.md$/, '');
  say(`\n${ballot.at.replace('T', ' ').replace(':00Z', ' UTC')}  ${ballot.who} votes ${ballot.vote} on ${slug}`);
  const args = ['vote', slug, ballot.vote, ...(ballot.rule ? ['--rule', ballot.rule] : []), ...(ballot.reason ? ['--reason', ballot.reason] : []), '--handle', ballot.who, '--key', member.key];
  const { json } = await noclout(run, args, memberEnv(member, ballot.at));
  const result = json as { ok: boolean; error?: { rule: string; message: string }; ballot?: string };
  if (!result.ok) throw new Error(`vote ${slug} as ${ballot.who}: ${result.error?.message} [${result.error?.rule}]`);
  await botSees(run, change.branch, ballot.at);
}

/** Each member's throwaway key: `ssh-keygen` in the keys folder, never in a repository. */
async function makeKeys(run: Run, roster: { handle: Handle; name: string }[]): Promise<void> {
  for (const { handle, name } of roster) {
    const file = path.join(run.keys, handle);
    const out = await sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${handle}@demo.noclout`, '-f', file]);
    if (out.code !== 0) throw new Error(`ssh-keygen failed (is OpenSSH installed?): ${out.stderr.trim()}`);
    run.members.set(handle, { handle, name, key: file });
  }
}

/** members.yml with each demo key line replaced by the new public key, everything else as written. */
async function rosterWithNewKeys(run: Run, text: string): Promise<string> {
  let result = text;
  for (const member of run.members.values()) {
    const line = (await readFile(`${member.key}.pub`, 'utf8')).trim();
    const old = new RegExp(`ssh-ed25519 \\S+ ${member.handle}@demo\\.noclout`);
    if (!old.test(result)) throw new Error(`${MEMBERS} lists no key "… ${member.handle}@demo.noclout" for ${member.handle}`);
    result = result.replace(old, line);
  }
  return result.replace(/^# These are demo people; .*$/m, "# These are demo people. Their keys were made for scripts/demo-history.ts, which replayed\n# the demo's decisions with them, and then thrown away: nobody holds them.");
}

/** The texts the story publishes, as they are at `from`; the hidden post's from this script. */
async function storyTexts(source: string, from: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const change of STORY) {
    for (const file of change.adds) {
      texts.set(file, file === PANNEAUX ? HIDDEN_POST : await git(source, ['show', `${from}:${file}`], { raw: true }));
    }
  }
  return texts;
}

/** Everything under content/ and governance/ at `from` that the founding commit sets aside. */
async function setAside(source: string, from: string, texts: Map<string, string>): Promise<string[]> {
  const files = (await git(source, ['ls-tree', '-r', '--name-only', from, '--', 'content', 'governance/ballots', 'governance/decisions'])).split('\n').filter(Boolean);
  const stray = files.filter((f) => f.startsWith('content/') && !texts.has(f));
  if (stray.length) throw new Error(`${from} holds files the story does not publish, which the replay would leave without a decision: ${stray.join(', ')}. Add them to STORY in scripts/demo-history.ts.`);
  return [...new Set([...files, ...[...texts.keys()].filter((f) => f.startsWith('governance/'))])];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string', default: 'HEAD' }, work: { type: 'string' } } });
  const from = await git(ROOT, ['rev-parse', '--verify', `${values.from}^{commit}`]);
  const work = path.resolve(values.work ?? (await mkdtemp(path.join(tmpdir(), 'noclout-demo-history-'))));
  if (values.work && (await readdir(work).catch(() => [])).length) throw new Error(`--work ${work} is not empty`);
  const run: Run = { work, keys: await mkdtemp(path.join(tmpdir(), 'noclout-demo-keys-')), members: new Map() };
  try {
    await git(ROOT, ['init', '-q', '--bare', '-b', 'main', work]);
    await git(work, ['fetch', '-q', '--no-tags', ROOT, `${from}:refs/heads/main`]);
    say(`Replaying the demo commons' life on ${from.slice(0, 12)} in ${work}`);

    const membersText = await git(ROOT, ['show', `${from}:${MEMBERS}`], { raw: true });
    const roster = (parse(membersText) as { handle: Handle; name: string }[]).map(({ handle, name }) => ({ handle, name }));
    await makeKeys(run, roster);
    const texts = await storyTexts(ROOT, from);
    const founding: Record<string, string | null> = { [MEMBERS]: await rosterWithNewKeys(run, membersText) };
    for (const file of await setAside(ROOT, from, texts)) founding[file] = null;
    const who = { name: (await sh('git', ['-C', ROOT, 'config', 'user.name'])).stdout.trim() || 'NoClout maintainers', email: (await sh('git', ['-C', ROOT, 'config', 'user.email'])).stdout.trim() || 'maintainers@noclout.invalid' };
    const message = `Demo commons as founded, before its first post: new keys for its five members\n\nThe demo's posts, proposals, ballots and decisions are set aside here and published again by\nthe bot, at the times of the demo's story, by scripts/demo-history.ts (run on ${new Date().toISOString().slice(0, 10)}).\nThe members' private keys were thrown away after the replay.`;
    const founded = await commitFiles(run, await git(work, ['rev-parse', 'refs/heads/main']), founding, message, identity(who.name, who.email, FOUNDED));
    await git(work, ['update-ref', 'refs/heads/main', founded]);
    say(`\n${FOUNDED.replace('T', ' ').replace(':00Z', ' UTC')}  the demo as founded: ${roster.length} members with new keys (commit ${founded.slice(0, 10)})`);

    // Every event of the story, in time order: pushes, ballots, and the bot's merges when windows and votes close.
    type Event = { at: string; act: () => Promise<unknown> };
    const events: Event[] = [];
    for (const change of STORY) {
      events.push({ at: change.at, act: () => write(run, change, texts) });
      for (const ballot of change.ballots ?? []) events.push({ at: ballot.at, act: () => vote(run, change, ballot) });
      events.push({
        at: change.decidedAt,
        act: async () => {
          say(`\n${change.decidedAt.replace('T', ' ').replace(':00Z', ' UTC')}  the bot's run: ${change.ballots ? 'the vote' : 'the objection window'} on ${change.branch} has closed`);
          await botMerges(run, change);
        },
      });
    }
    events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    for (const event of events) await event.act();

    say('\nAudit: every record replayed from history');
    const audit = await noclout(run, ['audit']);
    const report = audit.json as { ok: boolean; records: number; findings: { path: string; rule: string; message: string }[] };
    if (!report.ok) throw new Error(`audit has findings:\n${report.findings.map((f) => `  ${f.path}: ${f.message} [${f.rule}]`).join('\n')}`);
    say(`    ${report.records} records, no findings`);
    const tip = await git(work, ['rev-parse', 'refs/heads/main']);
    say(`\nDone: main is ${tip.slice(0, 12)}, refs/noclout/ledger is ${(await git(work, ['rev-parse', 'refs/noclout/ledger'])).slice(0, 12)}; the keys are deleted.`);
    say(`To take them into this repository (refusing to replace a ledger that is already here):\n  git fetch ${work} main:demo-history refs/noclout/ledger:refs/noclout/ledger\n  git merge --ff-only demo-history`);
  } finally {
    await rm(run.keys, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(`demo-history: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
