/** The demo commons that `npm start` shows must itself be a valid commons. */
import { describe, expect, it } from 'vitest';
import { runBin } from '../fixtures/run-cli.ts';

describe('the demo commons', () => {
  it('passes noclout check', async () => {
    const result = await runBin(['check', '--repo', 'demo']);
    expect(result.stdout).toContain('No problems');
    expect(result.code).toBe(0);
  });
});
