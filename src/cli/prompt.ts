/**
 * Questions on a terminal (node:readline), each with its default shown in brackets. Only used
 * when stdin is a terminal: a script never waits for an answer that cannot come.
 */
import { createInterface } from 'node:readline/promises';

export interface Asker {
  /** Ask once; an empty answer takes the default. */
  ask(question: string, fallback?: string): Promise<string>;
  close(): void;
}

/** True when a person can answer (stdin is a terminal). */
export function canPrompt(): boolean {
  return process.stdin.isTTY === true;
}

export function terminalAsker(): Asker {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return {
    async ask(question, fallback) {
      const answer = (await rl.question(fallback ? `${question} [${fallback}]: ` : `${question}: `)).trim();
      return answer === '' ? (fallback ?? '') : answer;
    },
    close: () => rl.close(),
  };
}
