/**
 * A synthetic commons for benchmarks and scale tests: a real git repository
 * whose every commit is made by `git fast-import` (10,000 posts across 5,000
 * commits in a few seconds), with the demo's policy and rules (the tests' copy in
 * test/fixtures/demo-commons, so a community that replaces the root demo keeps it), `members`
 * people holding real ed25519 keys, and posts of five paragraphs in French and
 * English, with tags and replies, all valid under the commons schemas.
 *
 * Everything derives from `seed`: the same options give the same commit ids,
 * keys included (each private key is derived from the seed), so a benchmark
 * can be re-run on an identical history.
 *
 * At the default pace (50 members, two posts each a week at most) history spans a week per 100
 * posts: 100,000 posts are 19 years. On 2 shared cores, 10,000 posts (5,000 commits) take about
 * 11 s, 40,000 about 56 s, 100,000 (50,000 commits, 0.54 GB of repository) about 100 s and 0.6 GB.
 *
 *   node scripts/synthetic-commons.ts --dir /tmp/x --posts 10000 --commits 5000 --members 50 [--seed 1]
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../src/commons/ordering.ts';

export interface SyntheticOptions {
  /** Where to create the repository; must not exist or be empty. */
  dir: string;
  posts: number;
  /** Total commits on `main`, the first one holding the governance files. */
  commits: number;
  members: number;
  /** Default 1. */
  seed?: number;
  /** Check `main` out into `dir` (default true); false leaves only the git objects. */
  checkout?: boolean;
}

/** One member's key pair. The private halves never enter the repository. */
export interface SyntheticKey {
  handle: string;
  name: string;
  /** The `ssh-ed25519 AAAA… comment` line written in members.yml. */
  publicKey: string;
  /** For node:crypto (`crypto.sign(null, data, privateKey)`). */
  privateKey: KeyObject;
  /** The same key as an unencrypted OpenSSH private key file, for `git -c gpg.format=ssh -c user.signingkey=…`. */
  opensshPrivateKey: string;
}

export interface SyntheticCommons {
  dir: string;
  keys: SyntheticKey[];
  /** The commit id `main` points to. */
  head: string;
  /** Post ids ("yyyy/slug") in publication order. */
  posts: string[];
}

const DEMO = fileURLToPath(new URL('../test/fixtures/demo-commons/governance/', import.meta.url));
/** 2024-01-01T08:00:00Z: history starts there and moves forward from commit to commit. */
const START = Date.UTC(2024, 0, 1, 8) / 1000;

/** Create the repository described by `options`. Rejects if `dir` holds anything. */
export async function generateCommons(options: SyntheticOptions): Promise<SyntheticCommons> {
  const { posts, commits, members } = validOptions(options);
  const dir = resolve(options.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: the synthetic commons needs a new directory`);
  mkdirSync(dir, { recursive: true });
  // Seeded, so the same options give the same history: nothing depends on Math.random.
  const random = mulberry32(options.seed ?? 1);
  const keys = Array.from({ length: members }, (_, i) => memberKey(i, options.seed ?? 1));

  run(dir, ['init', '-q', '-b', 'main']);
  const plan = planHistory({ posts, commits, members, random });
  await fastImport(dir, historyStream({ keys, plan, random }));
  if (options.checkout !== false) run(dir, ['checkout', '-q', '-f', 'main']);
  const head = run(dir, ['rev-parse', 'refs/heads/main']).trim();
  return { dir, keys, head, posts: plan.flatMap((c) => c.posts.map((p) => p.id)) };
}

function validOptions(options: SyntheticOptions): { posts: number; commits: number; members: number } {
  const count = (name: 'posts' | 'commits' | 'members', min: number) => {
    const value = options[name];
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, received ${value}`);
    return value;
  };
  return { posts: count('posts', 0), commits: count('commits', 1), members: count('members', 1) };
}

// ---------------------------------------------------------------------------
// Members and keys

const FIRST = ['Amina', 'Bruno', 'Chloé', 'Dmitri', 'Élise', 'Farid', 'Greta', 'Hugo', 'Inès', 'Jonas', 'Kenza', 'Luis', 'Maëlle', 'Nour', 'Oskar', 'Paula', 'Quentin', 'Rania', 'Samuel', 'Tanja', 'Ugo', 'Valérie', 'Wen', 'Xavier', 'Yara', 'Zoé'];
const LAST = ['Diallo', 'Moreau', 'Lindqvist', 'Herrera', 'Bernard', 'Nguyen', 'Okafor', 'Rossi', 'Dubois', 'Kowalski', 'Haddad', 'Silva', 'Fontaine', 'Schmidt', 'Benali', 'Martin'];

/** An ed25519 key derived from the seed (PKCS#8 wraps the 32-byte private seed after a fixed prefix). */
function memberKey(index: number, seed: number): SyntheticKey {
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  const handle = `${fold(first)}-${index + 1}`;
  const secret = createHash('sha256').update(`noclout-synthetic-key:${seed}:${index}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), secret]), format: 'der', type: 'pkcs8' });
  const raw = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
  const comment = `${handle}@synthetic.noclout`;
  const blob = sshStrings(Buffer.from('ssh-ed25519'), raw);
  return {
    handle,
    name: `${first} ${last}`,
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
    privateKey,
    opensshPrivateKey: opensshPrivateKey(secret, raw, blob, comment),
  };
}

/** OpenSSH's `openssh-key-v1` container, unencrypted (PROTOCOL.key). */
function opensshPrivateKey(secret: Buffer, raw: Buffer, blob: Buffer, comment: string): string {
  const check = secret.subarray(0, 4);
  let section = Buffer.concat([check, check, sshStrings(Buffer.from('ssh-ed25519'), raw, Buffer.concat([secret, raw]), Buffer.from(comment))]);
  const padding = Buffer.from(Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, i) => i + 1));
  section = Buffer.concat([section, padding]);
  const none = Buffer.from('none');
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshStrings(none, none, Buffer.alloc(0)), uint32(1), sshStrings(blob, section)]);
  const lines = body.toString('base64').match(/.{1,70}/g)!.join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function uint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}

function sshStrings(...parts: Buffer[]): Buffer {
  return Buffer.concat(parts.flatMap((p) => [uint32(p.length), p]));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

// ---------------------------------------------------------------------------
// The plan: which commit adds which posts, when, by whom

interface PlannedPost {
  id: string;
  path: string;
  author: SyntheticKeyRef;
  date: string;
  lang: 'fr' | 'en';
  replyTo?: string;
}

type SyntheticKeyRef = number;

interface PlannedCommit {
  time: number;
  /** Index of the member committing. */
  author: SyntheticKeyRef;
  posts: PlannedPost[];
  /** A post of an earlier commit that this one amends, when the commit adds no post. */
  amends?: PlannedPost;
}

/**
 * Posts are spread evenly over commits 2…N (commit 1 holds governance), and
 * authors take turns, so nobody exceeds the policy's three posts a week: the
 * history spans enough weeks for every author to post at most twice in one.
 */
function planHistory(input: { posts: number; commits: number; members: number; random: () => number }): PlannedCommit[] {
  const { posts, commits, members, random } = input;
  const weeks = Math.max(52, Math.ceil(posts / (members * 2)));
  const step = (weeks * 7 * 86_400) / commits;
  const plan: PlannedCommit[] = Array.from({ length: commits }, (_, i) => ({
    time: Math.floor(START + i * step + random() * step * 0.5),
    author: 0,
    posts: [],
  }));
  const carriers = commits > 1 ? commits - 1 : 1;
  const published: PlannedPost[] = [];
  let order = shuffled(members, random);
  for (let i = 0; i < posts; i++) {
    if (i % members === 0 && i > 0) order = shuffled(members, random);
    const commit = plan[commits > 1 ? 1 + Math.floor((i * carriers) / posts) : 0]!;
    const author = order[i % members]!;
    const date = new Date(commit.time * 1000).toISOString().slice(0, 10);
    const lang: 'fr' | 'en' = random() < 0.55 ? 'fr' : 'en';
    const slug = `${fold(pick(TITLE_WORDS[lang], random)).replace(/[^a-z0-9]+/g, '-')}-${(i + 1).toString(36)}`;
    const year = date.slice(0, 4);
    const post: PlannedPost = { id: `${year}/${slug}`, path: `content/posts/${year}/${slug}.md`, author, date, lang };
    if (published.length > 0 && random() < 0.12) post.replyTo = published[Math.floor(random() * published.length)]!.id;
    commit.posts.push(post);
    commit.author = author;
    published.push(post);
  }
  let latest: PlannedPost | undefined;
  for (const commit of plan.slice(1)) {
    if (commit.posts.length) latest = commit.posts.at(-1);
    else if (latest) {
      commit.amends = latest;
      commit.author = latest.author;
    }
  }
  return plan;
}

function shuffled(n: number, random: () => number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------------------------------------------------------------------------
// Text

const TITLE_WORDS = {
  fr: ['Égalité des voix', 'Lire sans classement', 'Le jardin partagé', 'Une règle de plus', 'Écrire lentement', 'Les archives du quartier', 'Voter sans se presser', 'Réparer plutôt que jeter', 'La bibliothèque de rue', 'Un vélo pour deux', 'Sources et rumeurs', 'Le marché du samedi'],
  en: ['Equal voices', 'Reading without ranks', 'The shared garden', 'One more rule', 'Writing slowly', 'Neighbourhood archives', 'Voting without hurry', 'Repair before replacing', 'The street library', 'One bike for two', 'Sources and rumours', 'The Saturday market'],
};

const TAGS = {
  fr: ['commun', 'gouvernance', 'quartier', 'lecture', 'ecriture', 'reparation', 'jardin', 'egalite', 'sources', 'velo'],
  en: ['commons', 'governance', 'neighbourhood', 'reading', 'writing', 'repair', 'garden', 'equality', 'sources', 'cycling'],
};

const SENTENCES = {
  fr: [
    'Nous nous sommes retrouvés samedi matin pour en parler, sans ordre du jour.',
    'Chacun a pu dire ce qu’il pensait, et personne n’a parlé plus fort que les autres.',
    'La question paraît simple, mais elle touche à la manière dont nous décidons ensemble.',
    'Les chiffres viennent du rapport municipal publié au printemps, cité en lien plus bas.',
    'Il ne s’agit pas de convaincre, seulement de rendre visible ce que nous faisons déjà.',
    'Plusieurs personnes ont proposé d’essayer pendant un mois avant d’en faire une règle.',
    'Le plus difficile reste de trouver du temps quand tout le monde travaille.',
    'Une voisine a rappelé que les décisions passées sont toutes consultables dans le dépôt.',
    'Nous avons noté les objections, parce qu’elles disent souvent ce qui manque.',
    'Rien ne presse : mieux vaut une décision lente qu’une décision que personne ne comprend.',
    'L’atelier de réparation a déjà remis en état une trentaine d’objets cette saison.',
    'La prochaine rencontre aura lieu à la bibliothèque, qui nous prête une salle.',
  ],
  en: [
    'We met on Saturday morning to talk it through, with no agenda.',
    'Everyone could say what they thought, and nobody spoke louder than the others.',
    'The question looks simple, but it touches on how we decide things together.',
    'The figures come from the council report published in spring, linked below.',
    'The point is not to convince anyone, only to make visible what we already do.',
    'Several people suggested trying it for a month before making it a rule.',
    'The hardest part is still finding time when everybody works.',
    'A neighbour reminded us that every past decision can be read in the repository.',
    'We wrote the objections down, because they often say what is missing.',
    'There is no hurry: a slow decision beats one that nobody understands.',
    'The repair workshop has already fixed about thirty things this season.',
    'The next meeting will be at the library, which lends us a room.',
  ],
};

function postText(post: PlannedPost, keys: readonly SyntheticKey[], random: () => number): string {
  const title = `${pick(TITLE_WORDS[post.lang], random)} (${post.id.split('-').at(-1)})`;
  const tags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(TAGS[post.lang], random)))];
  const front = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `author: ${keys[post.author]!.handle}`,
    `date: ${post.date}`,
    `lang: ${post.lang}`,
    `tags: [${tags.join(', ')}]`,
    ...(post.replyTo ? [`replyTo: ${post.replyTo}`] : []),
    '---',
  ];
  const paragraphs = Array.from({ length: 5 }, () => paragraph(post.lang, random));
  return `${front.join('\n')}\n\n${paragraphs.join('\n\n')}\n`;
}

function paragraph(lang: 'fr' | 'en', random: () => number): string {
  const order = shuffled(SENTENCES[lang].length, random);
  return order.slice(0, 3 + Math.floor(random() * 3)).map((i) => SENTENCES[lang][i]).join(' ');
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

// ---------------------------------------------------------------------------
// Governance, adapted from the demo commons

function governanceFiles(keys: readonly SyntheticKey[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'governance/commons.yml',
    [
      'name: Synthetic commons',
      'description: A generated commons for benchmarks and scale tests. Its people and posts are not real.',
      'url: https://synthetic.noclout.example/',
      'repository: https://github.com/noclout-demo/synthetic',
      'languages: [fr, en]',
      'defaultLanguage: fr',
      'branch: main',
      '',
    ].join('\n'),
  );
  files.set('governance/policy.md', readFileSync(join(DEMO, 'policy.md'), 'utf8'));
  files.set('governance/members.yml', membersYaml(keys));
  for (const name of readdirSync(join(DEMO, 'rules')).filter((n) => n.endsWith('.md')).sort()) {
    files.set(`governance/rules/${name}`, readFileSync(join(DEMO, 'rules', name), 'utf8'));
  }
  return files;
}

function membersYaml(keys: readonly SyntheticKey[]): string {
  return keys
    .map((key, i) => {
      const github = i % 3 === 0 ? `\n  github: { login: synthetic-${key.handle}, id: ${200_000 + i} }` : '';
      return `- handle: ${key.handle}\n  name: ${key.name}\n  joined: 2024-01-01${github}\n  keys:\n    - ${key.publicKey}\n`;
    })
    .join('');
}

// ---------------------------------------------------------------------------
// git fast-import

/** The fast-import stream, one commit at a time, so memory stays flat. */
function* historyStream(input: { keys: readonly SyntheticKey[]; plan: readonly PlannedCommit[]; random: () => number }): Generator<string> {
  const { keys, plan, random } = input;
  const texts = new Map<string, string>();
  for (const [index, commit] of plan.entries()) {
    const files = new Map<string, string>();
    if (index === 0) for (const [path, text] of governanceFiles(keys)) files.set(path, text);
    for (const post of commit.posts) {
      const text = postText(post, keys, random);
      files.set(post.path, text);
      texts.set(post.path, text);
    }
    if (commit.amends) {
      const amended = `${texts.get(commit.amends.path)}\n${paragraph(commit.amends.lang, random)}\n`;
      files.set(commit.amends.path, amended);
      texts.set(commit.amends.path, amended);
    }
    const message = commitMessage(index, commit);
    yield commitHeader(keys[commit.author]!, commit.time, message);
    for (const [path, text] of files) yield `M 100644 inline ${path}\n${data(text)}`;
    yield '\n';
  }
}

function commitMessage(index: number, commit: PlannedCommit): string {
  if (index === 0) return 'Commons: governance, policy, members and rules';
  if (commit.posts.length) return `Post ${commit.posts.map((p) => p.id).join(', ')}`;
  if (commit.amends) return `Amend ${commit.amends.id}`;
  return 'Empty commit';
}

function commitHeader(key: SyntheticKey, time: number, message: string): string {
  const ident = `${key.name} <${key.handle}@synthetic.noclout> ${time} +0000`;
  return `commit refs/heads/main\nauthor ${ident}\ncommitter ${ident}\n${data(message)}`;
}

/** fast-import's exact-length data block. */
function data(text: string): string {
  return `data ${Buffer.byteLength(text, 'utf8')}\n${text}\n`;
}

async function fastImport(dir: string, chunks: Iterable<string>): Promise<void> {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length > 1 << 20) {
      if (!child.stdin.write(buffer)) await new Promise((drained) => child.stdin.once('drain', drained));
      buffer = '';
    }
  }
  child.stdin.end(`${buffer}done\n`);
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (exit ${code}): ${stderr.trim()}`);
}

function run(dir: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

// ---------------------------------------------------------------------------
// Command line

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      posts: { type: 'string', default: '10000' },
      commits: { type: 'string', default: '5000' },
      members: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
      'no-checkout': { type: 'boolean', default: false },
    },
  });
  if (!values.dir) {
    console.error('usage: node scripts/synthetic-commons.ts --dir DIR [--posts 10000] [--commits 5000] [--members 50] [--seed 1] [--no-checkout]');
    process.exit(2);
  }
  const started = performance.now();
  const result = await generateCommons({
    dir: values.dir,
    posts: Number(values.posts),
    commits: Number(values.commits),
    members: Number(values.members),
    seed: Number(values.seed),
    checkout: !values['no-checkout'],
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${result.dir}: ${result.posts.length} posts, ${values.commits} commits, ${result.keys.length} members in ${seconds} s (main at ${result.head})`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

