/**
 * `npm run bench -- --only audit`: `noclout audit` over a commons of 10,000 decision records
 * (issue 14: "audit of 10,000 records ≤ 60 s"). The records are written by the real bot
 * (scripts/synthetic-records.ts: signed post changes opened by `noclout review` and published by
 * `noclout merge`, a week at a time), so the audit replays what the bot really did: every record
 * is a post published by lazy consensus. Making them takes about as long as merging them; pass
 * --work DIR to keep the commons and audit it again without making it anew.
 *
 *   node scripts/bench-audit.ts [--records 10000] [--work DIR]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateRecords } from './synthetic-records.ts';

export interface BenchAuditFigures {
  records: number;
  /** Time to make the commons (0 when an earlier one was reused). */
  generateMs: number;
  /** `cpuMs`: user and system time of the audit's process, all its threads (the machine is shared: wall time alone says little); `load`: the 1-minute load average before it ran. */
  audit: { wallMs: number; cpuMs: number; maxRssMiB: number; findings: number; audited: number; load: number };
  targetUnder60s: boolean;
}

export async function benchAudit(options: { records: number; workDir?: string; log: (line: string) => void }): Promise<BenchAuditFigures> {
  const work = options.workDir ?? mkdtempSync(join(tmpdir(), 'noclout-bench-audit-'));
  const dir = join(work, `records-${options.records}`);
  const done = join(work, `records-${options.records}.done`);
  try {
    let generateMs = 0;
    if (!existsSync(done)) {
      rmSync(dir, { recursive: true, force: true });
      const started = performance.now();
      await generateRecords({ dir, records: options.records, posts: 10_000, commits: 5_000, members: 50, log: options.log });
      generateMs = Math.round(performance.now() - started);
      writeFileSync(done, `${new Date().toISOString()}\n`);
    } else options.log(`audit: reusing the commons of ${options.records} records in ${dir}`);
    options.log(`audit: noclout audit over ${options.records} records`);
    const bin = join(import.meta.dirname, '../bin/noclout.ts');
    const load = Math.round(loadavg()[0]! * 100) / 100;
    const started = performance.now();
    const child = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, bin, 'audit', '--repo', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wallMs = Math.round(performance.now() - started);
    const [rssKiB, user, system] = child.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    const maxRssMiB = Math.round(rssKiB! / 1024);
    const cpuMs = Math.round((user! + system!) * 1000);
    const report = JSON.parse(child.stdout) as { records: number; findings: unknown[] };
    options.log(`audit: ${report.records} records in ${(wallMs / 1000).toFixed(1)} s (CPU ${(cpuMs / 1000).toFixed(1)} s, load ${load} before), ${report.findings.length} findings, peak ${maxRssMiB} MiB`);
    return { records: options.records, generateMs, audit: { wallMs, cpuMs, maxRssMiB, findings: report.findings.length, audited: report.records, load }, targetUnder60s: wallMs <= 60_000 };
  } finally {
    if (!options.workDir) rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '10000' }, work: { type: 'string' } } });
  const figures = await benchAudit({ records: Number(values.records), ...(values.work ? { workDir: values.work } : {}), log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
