/**
 * The commons files the bot has read in this run, by kind, path and text
 * (src/commons/validate.ts, `reads`), kept per repository: a merge queue
 * judges and checks tree after tree that share their governance files and
 * all but a few posts, and reads each of them once.
 */
import type { FileReads } from '../commons/validate.ts';
import type { Repository } from '../repo/repository.ts';

export function fileReadsOf(repo: Repository): FileReads {
  let reads = fileReads.get(repo.cache);
  if (!reads) fileReads.set(repo.cache, (reads = new Map()));
  return reads;
}

const fileReads = new WeakMap<object, FileReads>();
