/**
 * The security properties of the shipped workflows, each its own named test
 * (docs/github.md explains the threat model behind every one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { permissions?: Record<string, string>; steps: Step[]; if?: string };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, Job> };

const dir = join(import.meta.dirname, '../../.github/workflows');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const load = (name: string) => parse(text(name)) as Workflow;
const names = ['review.yml', 'merge.yml', 'site.yml'];
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const writes = (permissions: Record<string, string> | undefined) => Object.entries(permissions ?? {}).filter(([, v]) => v === 'write').map(([k]) => k);

describe('every workflow', () => {
  it('pins every action by a full commit id', () => {
    for (const name of names) {
      for (const step of steps(load(name)).filter((s) => s.uses)) expect(step.uses, name).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    }
  });

  it('never uses pull_request_target, which would run with write access on a fork\'s pull request', () => {
    for (const name of names) expect(text(name)).not.toMatch(/pull_request_target/);
  });

  it('installs dependencies with npm ci --ignore-scripts only', () => {
    for (const name of names) {
      for (const step of steps(load(name)).filter((s) => /\bnpm (ci|install|i)\b/.test(s.run ?? ''))) expect(step.run, name).toMatch(/npm ci .*--ignore-scripts/);
    }
  });

  it('passes event data to scripts through the environment, never spliced into the script', () => {
    for (const name of names) {
      for (const step of steps(load(name))) expect(step.run ?? '', name).not.toMatch(/\$\{\{/);
    }
  });

  it('uses no secret other than the job\'s own token', () => {
    for (const name of names) expect(text(name)).not.toMatch(/secrets\./);
  });

  it('never leaves the token in the checkout\'s git config', () => {
    for (const name of names) {
      for (const step of steps(load(name)).filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials'], name).toBe(false);
    }
  });
});

describe('review.yml', () => {
  const review = load('review.yml');

  it('runs on pull requests and reviews with a read-only token', () => {
    expect(Object.keys(review.on).sort()).toEqual(['pull_request', 'pull_request_review']);
    expect(review.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    for (const job of Object.values(review.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('checks out the base branch, never the pull request\'s head or merge commit', () => {
    const checkout = steps(review).find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.ref).toBe('${{ github.event.pull_request.base.ref }}');
    expect(text('review.yml')).not.toMatch(/pull_request\.head|refs\/pull\/[^ ]*\/merge/);
  });

  it('fetches the head as git objects into refs/pull, without checking it out', () => {
    const fetchStep = steps(review).find((s) => /git .*fetch/.test(s.run ?? ''))!;
    expect(fetchStep.run).toMatch(/\+refs\/pull\/\$\{PR\}\/head:refs\/pull\/\$\{PR\}\/head/);
    expect(text('review.yml')).not.toMatch(/git (checkout|switch|worktree|reset)/);
  });

  it('fetches the ledger and the base in one fetch, so the ledger never names a base commit the clone lacks (refs the bot publishes never name each other\'s unpublished commits)', () => {
    const fetchStep = steps(review).find((s) => /git .*fetch/.test(s.run ?? ''))!;
    expect(fetchStep.run).toMatch(/'\+refs\/noclout\/\*:refs\/noclout\/\*' "\+refs\/heads\/\$\{BASE\}:refs\/remotes\/origin\/\$\{BASE\}"/);
    expect(fetchStep.env?.BASE).toBe('${{ github.event.pull_request.base.ref }}');
  });

  it('runs the bot in GitHub mode on the pull request number', () => {
    expect(steps(review).some((s) => s.run === 'node bin/noclout.ts review --source github --base "$BASE" "$PR"')).toBe(true);
  });
});

describe('merge.yml', () => {
  const merge = load('merge.yml');

  it('runs on a schedule, by hand, after every review, and on every pull-request comment (a sealed ballot is one: issue 13)', () => {
    expect(Object.keys(merge.on).sort()).toEqual(['issue_comment', 'schedule', 'workflow_dispatch', 'workflow_run']);
    expect(merge.on.workflow_run).toEqual({ workflows: ['Review'], types: ['completed'] });
    expect(merge.on.issue_comment).toEqual({ types: ['created', 'edited', 'deleted'] });
    // A comment on a plain issue starts nothing.
    expect(merge.jobs.merge!.if).toContain("github.event_name != 'issue_comment' || github.event.issue.pull_request");
  });

  it('is the only job in any workflow with contents: write', () => {
    const writers = names.flatMap((name) => {
      const w = load(name);
      return Object.entries(w.jobs)
        .filter(([, job]) => writes({ ...w.permissions, ...job.permissions }).includes('contents'))
        .map(([id]) => `${name}#${id}`);
    });
    expect(writers).toEqual(['merge.yml#merge']);
    expect(merge.permissions).toEqual({});
    expect(writes(merge.jobs.merge!.permissions).sort()).toEqual(['contents', 'pull-requests']);
  });

  it('runs one bot at a time, never cancelling a run in progress', () => {
    expect(merge.concurrency).toEqual({ group: 'noclout-merge', 'cancel-in-progress': false });
  });

  it('checks out main and fetches pull request heads as data only', () => {
    const checkout = steps(merge).find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.ref).toBe('main');
    expect(steps(merge).some((s) => /fetch --no-tags origin '\+refs\/pull\/\*\/head:refs\/pull\/\*\/head' '\+refs\/noclout\/\*:refs\/noclout\/\*'/.test(s.run ?? ''))).toBe(true);
    expect(text('merge.yml')).not.toMatch(/git (checkout|switch|worktree|reset)/);
  });
});

describe('site.yml', () => {
  const site = load('site.yml');

  it('rebuilds on pushes to main and after the bot\'s merges, which the default token\'s push does not trigger', () => {
    expect(site.on.push).toEqual({ branches: ['main'] });
    expect(site.on.workflow_run).toEqual({ workflows: ['Merge'], types: ['completed'] });
  });

  it('builds the root commons, where a commons keeps content/ and governance/ (issue #11: this repository is a commons), with the plain build command and the cache kept between runs (issue 14)', () => {
    const build = steps(site).find((s) => s.run?.includes('npm run build'));
    expect(build?.run?.trim()).toBe('npm run build -- --cache .site-cache');
    expect(steps(site).some((s) => s.uses?.startsWith('actions/cache@') && s.with?.path === '.site-cache')).toBe(true);
    for (const name of names) expect(text(name), name).not.toMatch(/\bdemo\b|NOCLOUT_COMMONS|--repo\b/);
    const scripts = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toBe('node scripts/build-site.ts');
    expect(scripts.check).toBe('node bin/noclout.ts check');
  });

  it('fetches the ledger and main in one fetch: the page\'s reading of the ledger (the bot\'s) never meets an entry naming a main commit this clone lacks', () => {
    const fetchStep = steps(site).find((s) => /git .*fetch/.test(s.run ?? ''))!;
    expect(fetchStep.run).toMatch(/'\+refs\/noclout\/\*:refs\/noclout\/\*' .*'\+refs\/heads\/main:refs\/remotes\/origin\/main'/);
  });

  it('builds read-only and deploys with only the Pages permissions', () => {
    expect(site.jobs.build!.permissions).toEqual({ contents: 'read' });
    expect(site.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });
});
