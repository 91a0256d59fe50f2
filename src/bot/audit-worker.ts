/**
 * The worker thread of `noclout audit` (src/bot/audit.ts, recordChecks): it opens the repository
 * itself and replays records from the last back, with its own caches, taking each from the
 * counter it shares with the main thread (which replays from the first on) until they meet; then
 * it sends back its checks, in record order. Git-native changes only (GitSource); it reads, never
 * writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkRecord, takeRecord, type AuditWorkerData, type RecordCheck } from './audit.ts';
import { GitSource } from './git-source.ts';
import { openRepository } from '../repo/repository.ts';

const data = workerData as AuditWorkerData;
try {
  const repo = openRepository(data.gitdir);
  const source = new GitSource(repo, data.baseBranch, new Date(data.now));
  parentPort!.postMessage({ ready: true });
  const checks: RecordCheck[] = [];
  for (let i = takeRecord(data.left, 'last'); i >= 0; i = takeRecord(data.left, 'last')) checks.push(await checkRecord(repo, source, data.files[i]!, data.main));
  parentPort!.postMessage({ checks: checks.reverse() });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
