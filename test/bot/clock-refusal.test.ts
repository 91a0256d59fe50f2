/**
 * Issue #11 §6: "a clock before the latest record is refused or named, not silently moved;
 * `merge`'s printed close time is the record's". Review and merge refuse a clock before the
 * latest decision record on main (a usage error, exit 2, naming that record and its close);
 * a clock moved past the ledger's own times is named in the reasons; the close time merge
 * prints is the one in the record it wrote. Real repositories, real signatures.
 */
import { describe, expect, it } from 'vitest';
import { postText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { hours, T0 } from './clock.ts';
import { nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

function post(f: Fixture, slug: string, author: string): void {
  f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author, title: `Post ${slug}` }) }, { branch: `post/${slug}`, signer: author });
}

const run = (f: Fixture, args: string[]) => nocloutInProcess([...args, '--repo', f.dir]);

/** A commons whose latest record, 0001-early, closed at hours(30); post/late is still open. */
async function decidedAtThirty() {
  const f = commons();
  post(f, 'early', 'amina');
  post(f, 'late', 'bruno');
  await run(f, ['review', 'post/early', '--at', T0]);
  await run(f, ['review', 'post/late', '--at', T0]);
  expect((await run(f, ['merge', 'post/early', '--at', hours(30), '--format', 'json'])).json.results[0]).toMatchObject({ merged: true });
  return f;
}

const RECORD = 'governance/decisions/2026/0001-early.md';

describe('a clock before the latest record is refused, naming the record (issue #11 §6)', () => {
  it('merge --at before the latest record exits 2, names the record and its close, and changes nothing', async () => {
    const f = await decidedAtThirty();
    const main = f.rev('main');
    const ledger = f.rev('refs/noclout/ledger');
    const refused = await run(f, ['merge', 'post/late', '--at', hours(25)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--at ${hours(25)} is before the latest decision record on main, ${RECORD}, closed ${hours(30)}`);
    expect(refused.stderr).toContain(`give --at ${hours(30)} or later`);
    expect(f.rev('main')).toBe(main);
    expect(f.rev('refs/noclout/ledger')).toBe(ledger);
    // Control: at the record's own close, the same merge goes ahead.
    const done = await run(f, ['merge', 'post/late', '--at', hours(30), '--format', 'json']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json.results[0]).toMatchObject({ decision: 'accept', merged: true, closes: hours(30) });
  });

  it('review --at before the latest record is refused the same way, with one JSON document under --format json', async () => {
    const f = await decidedAtThirty();
    const refused = await run(f, ['review', 'post/late', '--at', hours(29), '--format', 'json']);
    expect(refused.code).toBe(2);
    expect(refused.json).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(refused.json.error.message).toContain(`before the latest decision record on main, ${RECORD}, closed ${hours(30)}`);
    expect((await run(f, ['review', 'post/late', '--at', hours(31)])).code).toBe(0);
  });

  it('without --at, a machine clock behind the latest record is named as such', async () => {
    const f = commons();
    post(f, 'future', 'amina');
    await run(f, ['review', 'post/future', '--at', '2099-01-01T00:00:00Z']);
    expect((await run(f, ['merge', '--at', '2099-01-02T00:00:00Z'])).code).toBe(0);
    post(f, 'now', 'bruno');
    const refused = await run(f, ['review', 'post/now']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/this machine's clock \(\d{4}-[^)]+\) is before the latest decision record on main, governance\/decisions\/2099\/0001-future\.md, closed 2099-01-02T00:00:00\.000Z/);
  });

  it('a clock moved past what the ledger recorded for the change is named in the reasons', async () => {
    const f = commons();
    post(f, 'seen', 'amina');
    await run(f, ['review', 'post/seen', '--at', hours(5)]);
    const earlier = (await run(f, ['review', 'post/seen', '--at', T0, '--format', 'json'])).json;
    expect(earlier).toMatchObject({ decision: 'pending', opened: hours(5) });
    expect(earlier.reasons.join('\n')).toContain(`judged at ${hours(5)}, not at ${hours(0)} as asked`);
    // Control: at or after the ledger's times, nothing is said about the clock.
    expect((await run(f, ['review', 'post/seen', '--at', hours(6), '--format', 'json'])).json.reasons.join('\n')).not.toContain('judged at');
  });
});

describe('merge prints the close time its record says (issue #11 §6)', () => {
  it('a post merged six hours after its objection window closed prints the record\'s close, not the deadline', async () => {
    const f = commons();
    post(f, 'hello', 'amina');
    await run(f, ['review', 'post/hello', '--at', T0]);
    const merged = await run(f, ['merge', 'post/hello', '--at', hours(30)]);
    expect(merged.code, merged.stderr).toBe(0);
    const record = f.git(['show', 'main:governance/decisions/2026/0001-hello.md']);
    const closed = /^closed: (\S+)$/m.exec(record)![1]!;
    expect(closed).toBe(hours(30));
    expect(merged.stdout).toContain(`opened ${hours(0)}; closed ${closed}`);
    expect(merged.stdout).not.toContain(`closed ${hours(24)}`);
    // The same judgement, run again, reports the record: the same close.
    const again = await run(f, ['merge', 'post/hello', '--at', hours(31)]);
    expect(again.stdout).toContain(`closed ${closed}`);
  });
});
