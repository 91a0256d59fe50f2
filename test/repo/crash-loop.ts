/**
 * The child process of crash.test.ts: `noclout merge` again and again on one
 * repository, putting the base back where it started after each run, so that
 * every run writes the same objects again (the case where a skipped write of
 * an existing, damaged object once moved main onto it). The test kills this
 * process with SIGKILL at random moments.
 *
 * Usage: node test/repo/crash-loop.ts <repository> <--at time> <start commit>
 */
import { enableCompileCache } from 'node:module';

enableCompileCache(); // as bin/noclout.ts does: start-up is most of a short run
const { main } = await import('../../src/cli/main.ts');
const { compareAndSwapRef, readRef, waitForLock } = await import('../../src/repo/ref.ts');
const { openRepository } = await import('../../src/repo/repository.ts');

const [dir, at, start] = process.argv.slice(2) as [string, string, string];
let output = '';
const io = { cwd: process.cwd(), env: process.env, stdout: (t: string) => void (output += t), stderr: (t: string) => void (output += t) };
process.stdout.write('ready\n');
for (;;) {
  output = '';
  const code = await main(['merge', '--repo', dir, '--at', at, '--format', 'json'], io);
  // Other loops merge the same repository at the same time: a run that gave up on a base that kept moving changed nothing.
  if (code !== 0 && !output.includes('[merge/contention]')) {
    process.stderr.write(`merge exited ${code}: ${output}\n`);
    process.exit(3);
  }
  const repo = openRepository(dir);
  const tip = await readRef(repo, 'refs/heads/main');
  await waitForLock(() => compareAndSwapRef(repo, 'refs/heads/main', tip, start));
  process.stdout.write('lap\n');
}
