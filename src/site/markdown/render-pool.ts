/**
 * Render many Markdown texts on worker threads (render-worker.ts), the same pipeline as
 * `renderMarkdown`. Used for large commons only: starting workers costs more than rendering a
 * few dozen posts in-process.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderMarkdown, type RenderedMarkdown } from './pipeline.ts';

/** Below this many texts, render in this thread. */
export const POOL_THRESHOLD = 500;

export interface RenderPool {
  render(markdown: string): Promise<RenderedMarkdown>;
  close(): Promise<void>;
}

/** The worker's source file, beside this one (the build does not run from the project root). */
function workerFile(): string {
  return fileURLToPath(new URL('./render-worker.ts', import.meta.url));
}

export function inProcessPool(): RenderPool {
  return { render: renderMarkdown, close: async () => undefined };
}

export function workerPool(size = Math.max(1, Math.min(4, os.availableParallelism()))): RenderPool {
  const workers = Array.from({ length: size }, () => new Worker(workerFile()));
  const pending = new Map<number, { resolve(r: RenderedMarkdown): void; reject(e: Error): void }>();
  let next = 0;
  for (const worker of workers) {
    worker.on('message', (message: { id: number; result?: RenderedMarkdown; error?: string }) => {
      const job = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) job?.reject(new Error(message.error));
      else job?.resolve(message.result as RenderedMarkdown);
    });
    worker.on('error', (error) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
  }
  return {
    render(markdown) {
      const id = next++;
      const worker = workers[id % workers.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, markdown });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
