/**
 * `npm run bench -- --only what-if`: `noclout what-if` over a commons of 10,000 decision records
 * (issue 13: "fast enough for a commons with 10,000 records"). Records are made here, not by the
 * bot (a merge queue of 10,000 would take hours): posts published unopposed, posts under an
 * objection, and votes of every kind on a roster of 50, each ballot with its castAt, written in
 * the record format the bot writes (renderRecord). Measured: the pure replay (src/commons/what-if.ts)
 * under four proposed policies, and the command end to end on a git repository holding the records.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderRecord, type UnsealedRecord } from '../src/commons/decision-record.ts';
import type { DecisionBallot, DecisionRecord } from '../src/commons/schema/decision.ts';
import type { Policy, VoteRule } from '../src/commons/schema/policy.ts';
import { tallyOf } from '../src/commons/tally.ts';
import { whatIf, type RecordedDecision } from '../src/commons/what-if.ts';
import { DEFAULT_POLICY } from '../src/commons/founding.ts';

export interface BenchWhatIfFigures {
  records: number;
  /** The pure replay, per proposed policy: milliseconds and what it found. */
  replays: { policy: string; ms: number; flipped: number; earlier: number; later: number; unknown: number }[];
  /** `noclout what-if <file> --format json` on a repository holding the records. */
  command: { ms: number; maxRssMiB: number };
}

/** The numbers a new commons starts with. */
const POLICY: Policy = DEFAULT_POLICY;

const MEMBERS = Array.from({ length: 50 }, (_, i) => `member-${i + 1}`);
const HOUR = 3_600_000;
const COMMIT = (n: number) => n.toString(16).padStart(40, '0');

/** A small deterministic generator: the same records on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` records, oldest first, one every two hours from 2026-01-01, filed 5,000 to a year folder. */
export function syntheticRecords(n: number): RecordedDecision[] {
  const rand = random(13);
  const out: RecordedDecision[] = [];
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const kinds = ['proposal', 'policy', 'membership', 'moderation'] as const;
  const voting = { proposal: 'rules', policy: 'policy', membership: 'membership', moderation: 'moderation' } as const;
  for (let i = 0; i < n; i++) {
    const opened = start + i * 2 * HOUR;
    const change = `change-${i + 1}`;
    const common = { change, title: `Synthetic change ${i + 1}`, head: COMMIT(i + 1), base: COMMIT(i), policyCommit: COMMIT(i), roster: { size: MEMBERS.length, commit: COMMIT(i) }, files: [], reasons: ['synthetic'] };
    const at = (h: number) => new Date(opened + h * HOUR).toISOString();
    const ballotsOf = (count: number, hours: number, no: number): DecisionBallot[] =>
      Array.from({ length: count }, (_, j) => ({ voter: MEMBERS[(i + j) % MEMBERS.length]!, vote: rand() < no ? 'no' : rand() < 0.1 ? 'abstain' : 'yes', counted: true, reason: 'counted: latest valid ballot of a member', status: { code: 'ballot-counted', params: {} }, commit: COMMIT(n + i * 60 + j), castAt: at(1 + rand() * hours) }));
    let record: UnsealedRecord;
    const roll = rand();
    if (roll < 0.6) {
      const author = MEMBERS[Math.floor(rand() * MEMBERS.length)]!;
      record = { ...common, kind: 'post', author, outcome: 'accepted', opened: at(0), closed: at(24), textSeen: at(0), rule: { objectionHours: 24, maxPerAuthorPerWeek: 3 }, ballots: [], reasonCodes: [{ code: 'post-unopposed', params: { hours: 24, until: at(24) } }] };
    } else if (roll < 0.65) {
      const rule = POLICY.voting.moderation;
      const ballots = ballotsOf(5 + Math.floor(rand() * 20), 70, 0.6);
      ballots[0] = { ...ballots[0]!, vote: 'no', rule: 'be-kind', castAt: at(2) };
      const c = { yes: 0, no: 0, abstain: 0 };
      for (const b of ballots) c[b.vote as 'yes']++;
      const tally = tallyOf(c, MEMBERS.length, rule, 'no');
      record = { ...common, kind: 'post', author: MEMBERS[i % MEMBERS.length]!, outcome: tally.quorumMet && tally.thresholdMet ? 'rejected' : 'accepted', opened: at(0), closed: at(2 + 72), textSeen: at(0), rule, tally, ballots };
    } else {
      const kind = kinds[Math.floor(rand() * kinds.length)]!;
      const rule: VoteRule = POLICY.voting[voting[kind]];
      const ballots = ballotsOf(5 + Math.floor(rand() * 30), rule.days * 24 - 2, 0.3);
      const c = { yes: 0, no: 0, abstain: 0 };
      for (const b of ballots) c[b.vote as 'yes']++;
      const tally = tallyOf(c, MEMBERS.length, rule);
      record = { ...common, kind, author: MEMBERS[i % MEMBERS.length]!, outcome: tally.quorumMet && tally.thresholdMet ? 'accepted' : 'rejected', opened: at(0), closed: at(rule.days * 24), rule, tally, ballots };
    }
    // Records are numbered per year, four digits: 5,000 a year.
    out.push({ id: `${2026 + Math.floor(i / 5000)}/${String((i % 5000) + 1).padStart(4, '0')}-${change}`, record: { ...record, digest: `sha256:${'0'.repeat(64)}` } as DecisionRecord });
  }
  return out;
}

function changed(over: { rules?: Partial<VoteRule>; posts?: Partial<Policy['posts']>; all?: Partial<VoteRule> }): Policy {
  const vote = (k: keyof Policy['voting']) => ({ ...POLICY.voting[k], ...over.all, ...(k === 'rules' ? over.rules : {}) });
  return { voting: { rules: vote('rules'), policy: vote('policy'), membership: vote('membership'), moderation: vote('moderation') }, posts: { ...POLICY.posts, ...over.posts } };
}

function policyText(p: Policy): string {
  const rule = (r: VoteRule) => `{ quorum: "${r.quorum}", threshold: ${'moreThan' in r.threshold ? `{ moreThan: "${r.threshold.moreThan}" }` : `{ atLeast: "${r.threshold.atLeast}" }`}, days: ${r.days}, closeEarly: ${r.closeEarly} }`;
  return `---\nvoting:\n  rules: ${rule(p.voting.rules)}\n  policy: ${rule(p.voting.policy)}\n  membership: ${rule(p.voting.membership)}\n  moderation: ${rule(p.voting.moderation)}\nposts:\n  objectionHours: ${p.posts.objectionHours}\n  maxPerAuthorPerWeek: ${p.posts.maxPerAuthorPerWeek}\n  maxBytes: ${p.posts.maxBytes}\n---\n\n# Policy\n`;
}

export async function benchWhatIf(options: { records: number; log: (line: string) => void }): Promise<BenchWhatIfFigures> {
  const { log } = options;
  log(`what-if: making ${options.records} synthetic records`);
  const decisions = syntheticRecords(options.records);
  const proposals: [string, Policy][] = [
    ['the same numbers (control)', POLICY],
    ['quorum 1/2 for rules', changed({ rules: { quorum: '1/2' } })],
    ['3 days and closeEarly for every vote', changed({ all: { days: 3, closeEarly: true } })],
    ['12 objection hours, 2 posts a week', changed({ posts: { objectionHours: 12, maxPerAuthorPerWeek: 2 } })],
  ];
  const replays = proposals.map(([name, policy]) => {
    const began = performance.now();
    const report = whatIf({ decisions, policy, frozen: new Map(decisions.map((d) => [d.record.policyCommit, POLICY])) });
    const ms = Math.round(performance.now() - began);
    log(`what-if: ${name}: ${ms} ms, ${report.flipped} flipped, ${report.earlier} earlier, ${report.later} later, ${report.unknown} unknown`);
    return { policy: name, ms, flipped: report.flipped, earlier: report.earlier, later: report.later, unknown: report.unknown };
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'noclout-bench-what-if-'));
  try {
    log(`what-if: writing the records to a repository in ${dir}`);
    for (const { id, record } of decisions) {
      const file = path.join(dir, 'governance/decisions', `${id}.md`);
      mkdirSync(path.dirname(file), { recursive: true });
      const { digest: _digest, ...unsealed } = record;
      writeFileSync(file, renderRecord(unsealed));
    }
    writeFileSync(path.join(dir, 'governance/policy.md'), policyText(POLICY));
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'records');
    const proposed = path.join(dir, 'proposed-policy.md');
    writeFileSync(proposed, policyText(changed({ all: { days: 3, closeEarly: true } })));
    const bin = path.join(import.meta.dirname, '../bin/noclout.ts');
    const began = performance.now();
    const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'what-if', proposed, '--repo', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const ms = Math.round(performance.now() - began);
    const maxRssMiB = Math.round(Number(child.stderr.trim().split('\n').at(-1)) / 1024);
    if (child.status !== 0) throw new Error(`noclout what-if failed (${child.status}): ${child.stderr.slice(0, 500)}`);
    const replayed = (JSON.parse(child.stdout) as { decisions: number }).decisions;
    if (replayed !== options.records) throw new Error(`noclout what-if replayed ${replayed} records, not ${options.records}`);
    log(`what-if: the command over ${options.records} records in git: ${ms} ms, ${maxRssMiB} MiB`);
    return { records: options.records, replays, command: { ms, maxRssMiB } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const figures = await benchWhatIf({ records: Number(process.argv[2] ?? 10_000), log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
