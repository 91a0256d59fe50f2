/**
 * A worker thread that renders Markdown through the same pipeline (pipeline.ts). The content
 * loader spreads a large commons over a few of these: rendering is the CPU-bound half of a build
 * and Node runs it on one core otherwise.
 */
import { parentPort } from 'node:worker_threads';
import { renderMarkdown } from './pipeline.ts';

parentPort?.on('message', async (message: { id: number; markdown: string }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: await renderMarkdown(message.markdown) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
