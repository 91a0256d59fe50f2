/**
 * One worker thread of `noclout audit` (src/bot/audit.ts, checkInWorkers): it opens the
 * repository itself, replays its run of consecutive records with its own caches, and sends back
 * each record's check. Git-native changes only (GitSource); it reads, never writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkRecord, type AuditWorkerData, type RecordCheck } from './audit.ts';
import { GitSource } from './git-source.ts';
import { openRepository } from '../repo/repository.ts';

const data = workerData as AuditWorkerData;
try {
  const repo = openRepository(data.gitdir);
  const source = new GitSource(repo, data.baseBranch, new Date(data.now));
  const checks: RecordCheck[] = [];
  for (const file of data.files) checks.push(await checkRecord(repo, source, file, data.main));
  parentPort!.postMessage({ checks });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
