/**
 * `npm run tour [-- --keep]`: the whole loop of a commons, played alone in two minutes.
 *
 * It builds a throwaway commons in a temp folder: a shared bare repository (the "server", where
 * the bot runs as a scheduled job would), and three people, each with a home folder, an SSH key
 * made with ssh-keygen, a git identity and a clone. Amina founds the commons with `noclout init`;
 * Bruno and Chloé join with `noclout join` and a membership vote; then a week of the commons'
 * life: a post and its objection window, a rule proposal voted by all three at the same moment
 * from their three clones, an objection to a post and the moderation vote it opens, and
 * `noclout audit` from a member's clone. The bot's clock moves forward with `--at`.
 *
 * Every step is a command a person types (only `noclout` and plain git), printed with who runs it
 * and in which folder, and the lines of its output worth reading. Nothing depends on the user's
 * own set-up: each person gets their own HOME and GIT_CONFIG_GLOBAL, no ssh-agent, and `noclout`
 * is this checkout's, put first on PATH. The temp folder is removed at the end unless `--keep`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BIN = fileURLToPath(new URL('../bin/noclout.ts', import.meta.url));

/** Who types a command: a home folder, an environment of their own, and their clone. */
interface Actor {
  handle: string;
  name: string;
  home: string;
  env: Record<string, string>;
}

/** What a command printed, and how it ended. */
interface Ran {
  code: number;
  out: string;
}

/** Which lines of a command's output the reader sees: all, none, those a line filter keeps, or what a picker makes of them all. */
type Show = 'all' | 'none' | ((line: string) => boolean) | { pick: (lines: string[]) => string[] };

interface Step {
  who: Actor;
  /** The folder it runs in (absolute). */
  cwd: string;
  argv: readonly string[];
  show?: Show;
  /** Exit codes that are part of the story (default: 0). */
  codes?: readonly number[];
}

class TourError extends Error {}

/** The tour's world: a temp root, the `noclout` on PATH, and what it prints. */
class Tour {
  readonly root: string;
  readonly pathDir: string;
  readonly print: (line: string) => void;

  constructor(print: (line: string) => void) {
    this.root = mkdtempSync(join(tmpdir(), 'noclout-tour-'));
    this.pathDir = join(this.root, 'bin');
    this.print = print;
    mkdirSync(this.pathDir);
    // `noclout` as the reader would have it after `npm install` (npx noclout): this checkout's bin, on the project's Node.
    const shim = join(this.pathDir, 'noclout');
    writeFileSync(shim, `#!/bin/sh\nexec ${shellWord(process.execPath)} ${shellWord(BIN)} "$@"\n`);
    chmodSync(shim, 0o755);
  }

  /** A person (or the server) with a home folder, their own git configuration and no ssh-agent. */
  actor(handle: string, name: string): Actor {
    const home = join(this.root, handle);
    mkdirSync(home, { recursive: true });
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('GIT_') && !k.startsWith('SSH_') && !k.startsWith('NOCLOUT_')) env[k] = v;
    Object.assign(env, {
      HOME: home,
      GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
      GIT_CONFIG_NOSYSTEM: '1',
      PATH: `${this.pathDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      TZ: 'UTC',
    });
    writeFileSync(env.GIT_CONFIG_GLOBAL!, '');
    return { handle, name, home, env };
  }

  say(text: string): void {
    this.print('');
    for (const line of wrap(text, 96)) this.print(line);
  }

  heading(text: string): void {
    this.print('');
    this.print(`── ${text} ${'─'.repeat(Math.max(3, 92 - text.length))}`);
  }

  /** Print the command as typed, run it, print the lines worth reading; a code outside `codes` ends the tour. */
  run(step: Step): Ran {
    this.print(`  ${this.prompt(step)}`);
    const child = spawnSync(step.argv[0]!, step.argv.slice(1), { cwd: step.cwd, env: step.who.env, encoding: 'utf8', input: '' });
    const ran = { code: child.status ?? -1, out: `${child.stdout ?? ''}${child.stderr ?? ''}${child.error ? String(child.error) : ''}` };
    this.finish(step, ran);
    return ran;
  }

  /** Several commands typed at the same moment by different people: started together, awaited together. */
  async together(steps: readonly Step[]): Promise<Ran[]> {
    for (const step of steps) this.print(`  ${this.prompt(step)}`);
    const runs = await Promise.all(steps.map((step) => runAsync(step)));
    steps.forEach((step, i) => {
      this.print(`  ${step.who.handle}:`);
      this.finish(step, runs[i]!);
    });
    return runs;
  }

  private finish(step: Step, ran: Ran): void {
    const expected = step.codes ?? [0];
    const show = expected.includes(ran.code) ? (step.show ?? 'all') : 'all';
    const lines = ran.out.split('\n').filter((line) => line.trim() !== '');
    const shown = show === 'all' ? lines : show === 'none' ? [] : typeof show === 'function' ? lines.filter(show) : show.pick(lines);
    for (const line of shown) this.print(`    ${this.shorten(line, step.who)}`);
    if (!expected.includes(ran.code)) throw new TourError(`${this.prompt(step)} ended with exit code ${ran.code} (the tour expected ${expected.join(' or ')})`);
  }

  private prompt(step: Step): string {
    const words = step.argv.map((arg) => shellWord(this.shorten(arg, step.who), true));
    return `${step.who.handle} ${this.shorten(step.cwd, step.who)} $ ${words.join(' ')}`;
  }

  /** Paths under the actor's home read as ~/…, as their shell shows them. */
  private shorten(text: string, who: Actor): string {
    return text.split(`${who.home}/`).join('~/').replace(new RegExp(`${escapeRegExp(who.home)}$`), '~');
  }

  cleanUp(keep: boolean): void {
    if (keep) this.print(`\nKept: ${this.root} (homes of amina, bruno, chloe and the server; the bare repository is server/commons.git).`);
    else rmSync(this.root, { recursive: true, force: true });
  }
}

function runAsync(step: Step): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(step.argv[0]!, step.argv.slice(1), { cwd: step.cwd, env: step.who.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', (error) => resolve({ code: -1, out: `${out}${String(error)}` }));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

/** A word as a POSIX shell reads it back; `~/` is left bare when asked so that the shell expands it. */
function shellWord(word: string, tilde = false): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  if (tilde && /^~\/[A-Za-z0-9_@%+=:,./-]*$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Read back the single-quoted words of the line `noclout join` prints (`noclout join --for x --name '…' --key '…'`). */
export function parseShellLine(line: string): string[] {
  const words: string[] = [];
  const pattern = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) words.push(match[1] !== undefined ? match[1].replaceAll(`'\\''`, "'") : match[2]!);
  return words;
}

/** The bot's output, cut to what a reader follows: each change's verdict, the vote's state, its ballots and its record. */
const botLine = (line: string) => /^ {2}(opened|record:)/.test(line) || /^ {2}- /.test(line) || /^ {4}(counted|not counted)/.test(line) || /^ {16}"/.test(line);

/** A picker for `noclout merge`: a change whose judgement reads as at the last run is one line, "(as before)". */
function botBlocks(): { pick: (lines: string[]) => string[] } {
  const seen = new Map<string, string>();
  return {
    pick(lines) {
      const blocks: string[][] = [];
      for (const line of lines) {
        if (/^\S.*: .* change, /.test(line)) blocks.push([line]);
        else if (botLine(line)) blocks.at(-1)?.push(line);
      }
      return blocks.flatMap(([header, ...rest]) => {
        const text = [header!, ...rest].join('\n');
        const head = header!.slice(0, header!.indexOf(':'));
        if (seen.get(head) === text) return [`${header} (as before)`];
        seen.set(head, text);
        return [header!, ...rest];
      });
    },
  };
}

export interface TourOptions {
  keep: boolean;
  print: (line: string) => void;
  /** The bot's first clock reading (default: now, to the hour). */
  start?: Date;
}

/** Play the tour; returns the folder it used (removed unless `keep`). */
export async function playTour(options: TourOptions): Promise<string> {
  const tour = new Tour(options.print);
  let ok = false;
  try {
    await play(tour, options.start ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000));
    ok = true;
  } finally {
    if (!ok) tour.print(`\nThe tour stopped. Its folder is kept for a look: ${tour.root}`);
    else tour.cleanUp(options.keep);
  }
  return tour.root;
}

/** The people, the server and the verbs every chapter uses. */
interface Scene {
  tour: Tour;
  server: Actor;
  amina: Actor;
  bruno: Actor;
  chloe: Actor;
  remote: string;
  clone: (who: Actor) => string;
  day: (hours: number) => string;
  noclout: (who: Actor, args: readonly string[], more?: Partial<Step>) => Ran;
  git: (who: Actor, args: readonly string[], more?: Partial<Step>) => Ran;
  /** `noclout merge` on the server, its clock `hours` after the start. */
  bot: (hours: number, codes?: readonly number[]) => Ran;
  /** What a person writes with their editor, below the front matter `noclout new` wrote. */
  write: (who: Actor, path: string, body: string) => void;
}

function scene(tour: Tour, start: Date): Scene {
  const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
  const server = tour.actor('server', 'the server');
  const remote = join(server.home, 'commons.git');
  const clone = (who: Actor) => join(who.home, 'commons');
  const botShow = botBlocks();
  return {
    tour,
    server,
    amina: tour.actor('amina', 'Amina Diallo'),
    bruno: tour.actor('bruno', 'Bruno Martin'),
    chloe: tour.actor('chloe', 'Chloé Petit'),
    remote,
    clone,
    day: (hours) => new Date(start.getTime() + hours * 3_600_000).toUTCString().slice(0, 16),
    noclout: (who, args, more = {}) => tour.run({ who, cwd: clone(who), argv: ['noclout', ...args], ...more }),
    git: (who, args, more = {}) => tour.run({ who, cwd: clone(who), argv: ['git', ...args], show: 'none', ...more }),
    bot: (hours, codes = [0]) => tour.run({ who: server, cwd: remote, argv: ['noclout', 'merge', '--at', at(hours)], show: botShow, codes }),
    write: (who, path, text) => writeFileSync(join(clone(who), path), `${frontMatter(clone(who), path)}\n${text}`),
  };
}

async function play(tour: Tour, start: Date): Promise<void> {
  const c = scene(tour, start);
  tour.print('NoClout tour: three people found a commons, join it, publish, vote a rule, moderate a post and audit it all.');
  tour.print(`Everything happens in ${tour.root}: each person has a home folder there, and "server" holds the shared repository.`);
  tour.print('Each line "name folder $ command" is what that person types; the indented lines below it are what it prints (cut to the essential).');
  tour.print('`noclout` is this checkout\'s command: in a clone of a commons made from this repository, `npx noclout`.');
  founding(c);
  joining(c);
  const objected = publishing(c);
  await voting(c, objected);
  closing(c);
}

/** Day 0: Amina founds the commons, shares it, and opens Bruno's membership change. */
function founding(c: Scene): void {
  const { tour, server, amina, bruno, remote, clone, day, noclout, git, bot } = c;
  tour.heading(`Day 0, ${day(0)}: founding`);
  tour.say('Amina makes an SSH key (her identity in the commons: it signs everything she does) and tells git her name.');
  newcomer(tour, amina);
  tour.run({ who: amina, cwd: amina.home, argv: ['mkdir', 'commons'], show: 'none' });
  tour.say('She founds the commons in an empty folder. `noclout init` writes the policy (the voting numbers, with their reasons), a first rule and the roster with her as the only member, sets this clone up to sign commits with her key, and commits it all.');
  noclout(amina, ['init', '--name', 'Allotment 12', '--description', 'The gardeners of allotment 12: what we grow, swap and learn.', '--site', 'https://allotment12.example/', '--repository', 'https://git.example/allotment12.git', '--handle', 'amina', '--signing', 'yes'], { show: (l) => /^(Founded|  governance)/.test(l) });
  tour.say('A shared repository is where members push and the bot works. Here it is a bare repository in the server\'s folder; on a real server it would be reached over SSH.');
  tour.run({ who: server, cwd: server.home, argv: ['git', 'init', '--bare', '-b', 'main', remote], show: 'none' });
  git(amina, ['remote', 'add', 'origin', remote]);
  git(amina, ['push', '-u', 'origin', 'main']);

  tour.say('Bruno wants to join. He makes his key, clones the commons and runs `noclout join`: it writes nothing, and prints the line a member runs for him, with his key\'s fingerprint (which he tells Amina by another channel, so that she knows the key is his).');
  newcomer(tour, bruno);
  const asked = ask(tour, bruno, remote);
  tour.say('Amina runs that line in her clone. It writes the branch member/bruno (Bruno in the roster, and a proposal explaining it), signed with her key, and says who decides. She pushes it and votes yes.');
  openMembership(tour, amina, asked);
  noclout(amina, ['vote', 'join-bruno', 'yes', '--reason', 'Bruno has had the plot next to mine for years.'], { show: (l) => /^(Voted|Pushed)/.test(l) });
  tour.say('On the server the bot runs on a schedule (every few minutes would do); `noclout merge` judges every branch. `--at` gives it the time, so that this tour can move a week in a second. It opens the vote: from now on the policy and the roster of that moment judge it.');
  bot(1); // bruno's vote opens: it closes at 7 d + 1 h
}

/** Day 7 to 14: Bruno is admitted, then Chloé, each by a membership vote. */
function joining(c: Scene): void {
  const { tour, amina, bruno, chloe, remote, day, noclout, git, bot } = c;
  tour.heading(`Day 7, ${day(7 * 24)}: Bruno is in, Chloé asks`);
  tour.say('Seven days later the membership vote closes: one member of one voted, more than half yes. The bot merges the change with its decision record.');
  bot(7 * 24 + 2);
  tour.say('Chloé asks in turn. Amina first pulls main (which now lists Bruno), so that the new membership change starts from it. (Bruno and Chloé could also have asked at once: each membership change appends its entry to members.yml, and the bot merges the two.)');
  newcomer(tour, chloe);
  const chloeAsked = ask(tour, chloe, remote);
  git(amina, ['pull']);
  openMembership(tour, amina, chloeAsked);
  tour.say('Bruno is a member: once, he tells git to sign his commits with his key, and which handle is his (init did both for Amina). Then Amina and Bruno vote.');
  signingSetUp(tour, bruno);
  noclout(amina, ['vote', 'join-chloe', 'yes'], { show: (l) => /^Voted/.test(l) });
  noclout(bruno, ['vote', 'join-chloe', 'yes', '--reason', 'She runs the seed library.'], { show: (l) => /^(Voted|Pushed)/.test(l) });
  bot(7 * 24 + 3); // chloé's vote opens: it closes at 14 d + 3 h

  tour.heading(`Day 14, ${day(14 * 24)}: a week in the life of the commons`);
  tour.say('The vote on Chloé closes: she is a member, and sets up signing too. Three members now: each vote below needs the quorum of the three.');
  bot(14 * 24 + 4);
  signingSetUp(tour, chloe);
}

/** Day 14: two posts and a rule proposal, each on its branch, each signed by its author; returns the slug of Bruno's post. */
function publishing(c: Scene): string {
  const { tour, amina, bruno, chloe, noclout, git, bot, write } = c;
  tour.say('Amina writes a post. Publishing needs nobody\'s approval: the bot publishes it once the objection window (24 hours) has passed, unless a member objects citing a rule.');
  git(amina, ['pull']);
  git(amina, ['switch', '-c', 'post/seed-swap']);
  const seedSwap = created(noclout(amina, ['new', 'post', 'Seed swap', '--tags', 'seeds'], { show: (l) => /^Wrote/.test(l) }));
  tour.print(`    (she writes her text in ${seedSwap} with her editor)`);
  write(amina, seedSwap, `Bring your spare seeds to the shed on Saturday at ten: beans, squash, tomatoes. Label each packet with the variety and the year.\n`);
  noclout(amina, ['check', seedSwap]);
  git(amina, ['add', seedSwap]);
  git(amina, ['commit', '-S', '-m', 'Seed swap']);
  git(amina, ['push', '-u', 'origin', 'post/seed-swap']);

  tour.say('Bruno writes a post too, about a neighbour. It mocks the man rather than his hedge.');
  git(bruno, ['pull']);
  git(bruno, ['switch', '-c', 'post/marc']);
  const marc = created(noclout(bruno, ['new', 'post', 'Marc and his tomatoes'], { show: (l) => /^Wrote/.test(l) }));
  write(bruno, marc, `Marc from plot 9 has killed his tomatoes again. Some people should not be allowed near a garden.\n`);
  git(bruno, ['add', marc]);
  git(bruno, ['commit', '-S', '-m', 'Marc and his tomatoes']);
  git(bruno, ['push', '-u', 'origin', 'post/marc']);

  tour.say('Chloé proposes a rule. A rule enters the charter only by a vote: `noclout new rule` writes the rule, `noclout new proposal` the proposal that names it; both go in one change.');
  git(chloe, ['switch', '-c', 'proposal/cite-sources']);
  noclout(chloe, ['new', 'rule', 'Cite your sources', '--slug', 'cite-sources'], { show: (l) => /^Wrote/.test(l) });
  write(chloe, 'governance/rules/cite-sources.md', `A fact that someone could check (a date, a figure, a quotation, a study) says where it comes from: a link, a book, a person.\n`);
  const proposal = created(noclout(chloe, ['new', 'proposal', 'Cite your sources', '--slug', 'cite-sources'], { show: (l) => /^Wrote/.test(l) }));
  write(chloe, proposal, `## What changes\n\nAdds the rule cite-sources to the charter.\n\n## Why\n\nGardening advice travels fast and wrong; a source lets the reader check.\n`);
  noclout(chloe, ['check']);
  git(chloe, ['add', 'governance/rules/cite-sources.md', proposal]);
  git(chloe, ['commit', '-S', '-m', 'Propose the rule: cite your sources']);
  git(chloe, ['push', '-u', 'origin', 'proposal/cite-sources']);

  tour.say('The bot\'s next run sees the three changes and opens them: the two posts wait out their objection window, the proposal\'s vote runs seven days.');
  bot(14 * 24 + 6); // the posts' windows close at 15 d + 6 h, the rule's vote at 21 d + 6 h
  return basename(marc, '.md');
}

/** Day 14: a rule voted by three clones at the same moment, and an objection to a post. */
async function voting(c: Scene, marcSlug: string): Promise<void> {
  const { tour, amina, bruno, chloe, clone, noclout, bot } = c;
  tour.say('All three vote on the rule at the same moment, each from their own clone. The remote takes one push at a time: a refused `noclout vote` joins its ballot to the others with a merge that adds nothing of its own, and pushes again. Nothing is rebased, so every ballot keeps its voter\'s signature.');
  await tour.together([
    { who: amina, cwd: clone(amina), argv: ['noclout', 'vote', 'cite-sources', 'yes'], show: (l) => /^(Voted|Pushed)/.test(l) },
    { who: bruno, cwd: clone(bruno), argv: ['noclout', 'vote', 'cite-sources', 'no', '--reason', 'We are gardeners, not a newspaper.'], show: (l) => /^(Voted|Pushed)/.test(l) },
    { who: chloe, cwd: clone(chloe), argv: ['noclout', 'vote', 'cite-sources', 'yes', '--reason', 'So that advice can be checked.'], show: (l) => /^(Voted|Pushed)/.test(l) },
  ]);

  tour.say('Amina objects to Bruno\'s post: a `no` citing a rule is an objection. It stops the publication and opens a moderation vote (three days, from the moment the bot sees it). Chloé votes no too; Bruno stands by his post.');
  noclout(amina, ['vote', marcSlug, 'no', '--rule', 'respect', '--reason', 'It mocks Marc, not his gardening.'], { show: (l) => /^Voted/.test(l) });
  noclout(chloe, ['vote', marcSlug, 'no'], { show: (l) => /^Voted/.test(l) });
  noclout(bruno, ['vote', marcSlug, 'yes'], { show: (l) => /^Voted/.test(l) });
  bot(14 * 24 + 8); // the objection is seen: the moderation vote closes at 17 d + 8 h
}

/** Days 15 to 21: the bot decides as the windows close, and a member audits it all. */
function closing(c: Scene): void {
  const { tour, chloe, day, noclout, git, bot } = c;
  tour.heading(`Day 15, ${day(15 * 24)}`);
  tour.say('Twenty-four hours after the bot first saw it, nobody has objected to Amina\'s post: the bot publishes it, with its record.');
  bot(15 * 24 + 9);

  tour.heading(`Day 17, ${day(17 * 24)}`);
  tour.say('The moderation vote on Bruno\'s post closes: two of three want it stopped. The post is not published, and the record says why: the rule cited, every ballot, what the voters said.');
  bot(17 * 24 + 9, [1]);

  tour.heading(`Day 21, ${day(21 * 24)}`);
  tour.say('The rule\'s vote closes: three of three voted, two yes. The rule joins the charter; Bruno\'s dissent is in the record.');
  bot(21 * 24 + 9);

  tour.say('Anyone can check every decision from a clone: Chloé fetches main and the bot\'s openings ledger, and `noclout audit` replays each record from git history alone.');
  git(chloe, ['switch', 'main']);
  git(chloe, ['pull']);
  git(chloe, ['fetch', 'origin', 'refs/noclout/ledger:refs/noclout/ledger']);
  noclout(chloe, ['audit']);
  git(chloe, ['log', '--oneline', '--first-parent', 'main'], { show: 'all' });
  tour.say('That is the whole loop. The README says how to do it with your own community, and docs/github.md how the same runs on GitHub (pull requests and reviews instead of branches and ballot commits).');
}

/** A person's first minute: an SSH key and a git identity. */
function newcomer(tour: Tour, who: Actor): void {
  mkdirSync(join(who.home, '.ssh'), { mode: 0o700 });
  tour.run({ who, cwd: who.home, argv: ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `${who.handle}@allotment12`, '-f', join(who.home, '.ssh/id_ed25519')], show: 'none' });
  tour.run({ who, cwd: who.home, argv: ['git', 'config', '--global', 'user.name', who.name], show: 'none' });
  tour.run({ who, cwd: who.home, argv: ['git', 'config', '--global', 'user.email', `${who.handle}@allotment12.example`], show: 'none' });
}

/** The newcomer clones and runs `noclout join`; returns the line it printed for a member. */
function ask(tour: Tour, who: Actor, remote: string): string[] {
  tour.run({ who, cwd: who.home, argv: ['git', 'clone', remote, 'commons'], show: 'none' });
  const ran = tour.run({ who, cwd: join(who.home, 'commons'), argv: ['noclout', 'join', '--handle', who.handle], show: (l) => /^(Your key|  npx noclout join)/.test(l) });
  const line = ran.out.split('\n').find((l) => l.trim().startsWith('npx noclout join --for'));
  if (line === undefined) throw new TourError('noclout join printed no line for a member');
  return parseShellLine(line.trim()).slice(1); // without npx: the tour runs noclout itself
}

/** The member runs the newcomer's line in their clone and pushes the branch it wrote. */
function openMembership(tour: Tour, member: Actor, line: readonly string[]): void {
  const cwd = join(member.home, 'commons');
  const ran = tour.run({ who: member, cwd, argv: line, show: (l) => /^(Wrote|Who decides|Push it)/.test(l) });
  const push = /git push origin (member\/\S+)/.exec(ran.out);
  if (push === null) throw new TourError('noclout join --for printed no push command');
  tour.run({ who: member, cwd, argv: ['git', 'push', 'origin', push[1]!], show: 'none' });
}

/** docs/voting.md, "Once: sign with your key"; and the handle `noclout new` writes as author (the README's tip). */
function signingSetUp(tour: Tour, who: Actor): void {
  const cwd = join(who.home, 'commons');
  tour.run({ who, cwd, argv: ['git', 'pull'], show: 'none' });
  tour.run({ who, cwd, argv: ['git', 'config', 'gpg.format', 'ssh'], show: 'none' });
  tour.run({ who, cwd, argv: ['git', 'config', 'user.signingkey', join(who.home, '.ssh/id_ed25519')], show: 'none' });
  tour.run({ who, cwd, argv: ['git', 'config', 'noclout.author', who.handle], show: 'none' });
}

/** The path `noclout new` says it wrote. */
function created(ran: Ran): string {
  const match = /^Wrote (\S+)/m.exec(ran.out);
  if (match === null) throw new TourError('noclout new printed no file');
  return match[1]!;
}

/** The front matter `noclout new` wrote, kept as it is: the tour only writes the text below it. */
function frontMatter(dir: string, path: string): string {
  const text = readFileSync(join(dir, path), 'utf8');
  const end = text.indexOf('\n---\n', 4);
  return text.slice(0, end + 5);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
  try {
    await playTour({ keep: values.keep ?? false, print: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    process.stderr.write(`tour: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
