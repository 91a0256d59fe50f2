import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JUDGEMENT_MARKER } from '../../src/commons/judgement-comment.ts';
import { createGitHubClient, type GitHubClient } from '../../src/forge/client.ts';
import { githubConfigFromEnv } from '../../src/forge/config.ts';
import { ForgeError } from '../../src/forge/errors.ts';
import { nextPageUrl } from '../../src/forge/link-header.ts';
import { upsertJudgementComment } from '../../src/forge/judgement-comment-sync.ts';
import { BOT, FakeGitHub } from './fake-github.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const BASE = 'c'.repeat(40);
const amina = { login: 'amina', id: 101 };
const outsider = { login: 'mallory', id: 666 };

let fake: FakeGitHub;
let client: GitHubClient;

beforeEach(async () => {
  fake = await new FakeGitHub({ maxPerPage: 2 }).start();
  client = createGitHubClient(githubConfigFromEnv(fake.env()));
});
afterEach(async () => {
  await fake.stop();
});

async function failure(promise: Promise<unknown>): Promise<ForgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForgeError);
  return error as ForgeError;
}

describe('configuration from the GitHub Actions environment', () => {
  it('the fake refuses an approval or change request on one\'s own pull request, as GitHub does (422)', () => {
    fake.addPull({ number: 6, user: amina, head: A, base: BASE });
    expect(() => fake.addReview(6, { user: amina, state: 'APPROVED', commit: A })).toThrow('Can not approve your own pull request');
    expect(() => fake.addReview(6, { user: amina, state: 'CHANGES_REQUESTED', commit: A })).toThrow('Can not request changes');
    expect(fake.addReview(6, { user: amina, state: 'COMMENTED', commit: A }).state).toBe('COMMENTED');
  });

  it('reads the API URL, the repository and the token', () => {
    const config = githubConfigFromEnv({ GITHUB_API_URL: 'https://api.github.com/', GITHUB_REPOSITORY: 'commons/agora', GITHUB_TOKEN: 't' });
    expect(config).toMatchObject({ apiUrl: 'https://api.github.com', owner: 'commons', repo: 'agora', token: 't', botLogin: 'github-actions[bot]' });
  });

  it('names every missing variable at once', () => {
    let error: unknown;
    try {
      githubConfigFromEnv({ GITHUB_REPOSITORY: 'not a repo' });
    } catch (e) {
      error = e;
    }
    expect((error as ForgeError).code).toBe('config');
    expect((error as ForgeError).message).toMatch(/GITHUB_REPOSITORY must be "owner\/name".*"not a repo"/);
    expect((error as ForgeError).message).toMatch(/GITHUB_TOKEN is not set/);
  });

  it('refuses to send the token over plain http to another machine', () => {
    expect(() => githubConfigFromEnv({ GITHUB_API_URL: 'http://api.example.org', GITHUB_REPOSITORY: 'a/b', GITHUB_TOKEN: 't' })).toThrow(/must use https/);
  });
});

describe('Link-header pagination', () => {
  it('finds the next page among prev, next and last', () => {
    const link = '<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=3>; rel="next", <https://api.github.com/x?page=9>; rel="last"';
    expect(nextPageUrl(link)).toBe('https://api.github.com/x?page=3');
    expect(nextPageUrl('<https://api.github.com/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextPageUrl(null)).toBeUndefined();
  });

  it('lists open pull requests against the base, oldest first, across pages', async () => {
    for (const n of [5, 3, 8, 1, 9]) fake.addPull({ number: n, user: amina, head: A, base: BASE, createdAt: `2026-11-2${n % 10 === 9 ? 0 : 1}T0${n}:00:00Z` });
    fake.addPull({ number: 2, user: amina, head: A, base: BASE });
    (fake.pulls.get(2)!.base as { ref: string }).ref = 'release';
    await client.closePull(3, A);
    const pulls = await client.listOpenPulls('main');
    expect(pulls.map((p) => p.number)).toEqual([9, 1, 5, 8]);
    expect(fake.requests.filter((r) => r.path.startsWith('/repos/commons/agora/pulls?')).length).toBeGreaterThan(1);
  });

  it('reads every review of a pull request across pages, in order', async () => {
    fake.addPull({ number: 7, user: amina, head: A, base: BASE });
    for (let i = 0; i < 5; i += 1) fake.addReview(7, { user: { login: `m${i}`, id: 200 + i }, state: 'APPROVED', commit: A });
    const reviews = await client.listReviews(7);
    expect(reviews.map((r) => r.user?.id)).toEqual([200, 201, 202, 203, 204]);
    expect(fake.requests.filter((r) => r.path.includes('/reviews')).length).toBe(3);
  });

  it('never follows a pagination link to another host with the token', async () => {
    const seen: string[] = [];
    const spying = createGitHubClient(githubConfigFromEnv(fake.env()), {
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    fake.addPull({ number: 7, user: amina, head: A, base: BASE });
    fake.failNext('GET', /\/reviews$/, 200, [], { link: '<http://127.0.0.2:9/steal?page=2>; rel="next"' });
    const error = await failure(spying.listReviews(7));
    expect(error.message).toMatch(/refusing to send the token to http:\/\/127\.0\.0\.2:9/);
    expect(seen.every((url) => url.startsWith(fake.url))).toBe(true);
  });
});

describe('errors a person can act on', () => {
  it('reports the primary rate limit with the time to try again', async () => {
    fake.rateLimit = { kind: 'primary', reset: Date.parse('2026-11-20T10:00:00Z') / 1000 };
    const error = await failure(client.listOpenPulls('main'));
    expect(error.code).toBe('rate-limited');
    expect(error.data.retryAt).toBe('2026-11-20T10:00:00.000Z');
    expect(error.message).toMatch(/rate limit stops GET .* until 2026-11-20T10:00:00.000Z \(HTTP 403: API rate limit exceeded/);
  });

  it('reports a secondary rate limit from retry-after', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    fake.rateLimit = { kind: 'secondary', retryAfter: 60 };
    const error = await failure(client.getPull(4));
    expect(error.code).toBe('rate-limited');
    expect(error.data.status).toBe(429);
    expect(error.data.retryAt).toMatch(/^2026-11-20T09:0\d:00.000Z$/);
  });

  it('reports a secondary rate limit answered with 403 and retry-after', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    fake.failNext('GET', /\/pulls\/4$/, 403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '120' });
    const error = await failure(client.getPull(4));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/HTTP 403: You have exceeded a secondary rate limit/);
  });

  it('maps a 409 to head-moved with GitHub\'s own message', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    fake.failNext('PATCH', /\/pulls\/4$/, 409, { message: 'Head branch was modified. Review and try the merge again.' });
    const error = await failure(client.closePull(4, A));
    expect(error.code).toBe('head-moved');
    expect(error.message).toMatch(/Head branch was modified/);
  });

  it('does not close a pull request whose head moved since it was judged', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    fake.movePullHead(4, B);
    const error = await failure(client.closePull(4, A));
    expect(error.code).toBe('head-moved');
    expect(fake.pulls.get(4)!.state).toBe('open');
    await client.closePull(4, B);
    expect(fake.pulls.get(4)!.state).toBe('closed');
  });

  it('says a bad token lacks permission', async () => {
    const bad = createGitHubClient(githubConfigFromEnv({ ...fake.env(), GITHUB_TOKEN: 'wrong' }));
    const error = await failure(bad.listOpenPulls('main'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/HTTP 401: Bad credentials/);
  });

  it('says when a pull request does not exist', async () => {
    expect((await failure(client.getPull(404))).code).toBe('not-found');
  });

  it('refuses an answer of the wrong shape instead of reading undefined', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    fake.failNext('GET', /\/pulls\/4$/, 200, { number: 4, state: 'open' });
    const error = await failure(client.getPull(4));
    expect(error.code).toBe('bad-response');
    expect(error.message).toMatch(/unexpected answer at title/);
  });
});

describe('the judgement comment', () => {
  it('is created once, then updated in place, and left alone when unchanged', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    fake.addComment(4, amina, 'Thanks for reading!');
    const first = await upsertJudgementComment(client, 4, `${JUDGEMENT_MARKER}\npending`);
    expect(first.action).toBe('created');
    const second = await upsertJudgementComment(client, 4, `${JUDGEMENT_MARKER}\naccepted`);
    expect(second).toMatchObject({ action: 'updated', comment: { id: first.comment.id } });
    const third = await upsertJudgementComment(client, 4, `${JUDGEMENT_MARKER}\naccepted`);
    expect(third.action).toBe('unchanged');
    const bots = fake.commentsOn(4).filter((c) => (c.user as { login: string }).login === BOT.login);
    expect(bots.map((c) => c.body)).toEqual([`${JUDGEMENT_MARKER}\naccepted`]);
  });

  it('is found again on a later page of comments, so a busy discussion never gets a second one', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    for (let i = 0; i < 5; i += 1) fake.addComment(4, amina, `reply ${i}`);
    // Two comments a page: the bot's, the sixth, is on page 3.
    const first = await upsertJudgementComment(client, 4, `${JUDGEMENT_MARKER}\npending`);
    const again = await upsertJudgementComment(client, 4, `${JUDGEMENT_MARKER}\naccepted`);
    expect(again).toMatchObject({ action: 'updated', comment: { id: first.comment.id } });
    expect(fake.commentsOn(4).filter((c) => (c.body as string).startsWith(JUDGEMENT_MARKER))).toHaveLength(1);
  });

  it('never edits a contributor\'s comment that carries the marker', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    const forged = fake.addComment(4, outsider, `${JUDGEMENT_MARKER}\n### NoClout: accepted`);
    const result = await upsertJudgementComment(client, 4, `${JUDGEMENT_MARKER}\npending`);
    expect(result.action).toBe('created');
    expect(forged.body).toBe(`${JUDGEMENT_MARKER}\n### NoClout: accepted`);
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/comments/${forged.id}`))).toBe(false);
  });
});

describe('issue comments on a pull request, as GitHub serves them (issue 13: a sealed ballot can be a comment)', () => {
  it('lists every comment of every page by ascending id, with the author\'s numeric id and GitHub\'s two clocks', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    const first = fake.addComment(4, amina, 'one', { createdAt: '2026-11-21T10:00:00Z' });
    fake.addComment(4, outsider, 'two');
    fake.addComment(4, amina, 'three');
    fake.addPull({ number: 5, user: amina, head: B, base: BASE });
    fake.addComment(5, amina, 'elsewhere');
    const comments = await client.listIssueComments(4);
    expect(comments.map((c) => c.body)).toEqual(['one', 'two', 'three']);
    expect(comments[0]).toMatchObject({ id: first.id, user: { login: 'amina', id: 101 }, created_at: '2026-11-21T10:00:00Z', updated_at: '2026-11-21T10:00:00Z' });
    // Two a page: three comments are two requests, the second one the Link header's rel="next".
    expect(fake.requests.filter((r) => r.path.includes('/issues/4/comments')).length).toBe(2);
  });

  it('an edit changes the body and updated_at, never created_at; a deleted comment is listed no more', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    const kept = fake.addComment(4, amina, 'first words', { createdAt: '2026-11-21T10:00:00Z' });
    const gone = fake.addComment(4, amina, 'to delete');
    fake.editComment(kept.id as number, 'second words', { updatedAt: '2026-11-22T08:00:00Z' });
    fake.deleteComment(gone.id as number);
    const comments = await client.listIssueComments(4);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ id: kept.id, body: 'second words', created_at: '2026-11-21T10:00:00Z', updated_at: '2026-11-22T08:00:00Z' });
  });

  it('edits and deletions through the API behave as GitHub documents (PATCH sets updated_at, DELETE answers 204 and then 404)', async () => {
    fake.addPull({ number: 4, user: amina, head: A, base: BASE });
    const comment = fake.addComment(4, amina, 'before', { createdAt: '2026-11-21T10:00:00Z' });
    const headers = { authorization: `Bearer ${fake.token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json' };
    const url = `${fake.url}/repos/${fake.owner}/${fake.repo}/issues/comments/${comment.id}`;
    const patched = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify({ body: 'after' }) });
    expect(patched.status).toBe(200);
    const json = (await patched.json()) as { body: string; created_at: string; updated_at: string };
    expect(json.body).toBe('after');
    expect(json.created_at).toBe('2026-11-21T10:00:00Z');
    expect(json.updated_at).not.toBe(json.created_at);
    expect((await fetch(url, { method: 'DELETE', headers })).status).toBe(204);
    expect((await fetch(url, { headers })).status).toBe(404);
    expect(await client.listIssueComments(4)).toEqual([]);
  });

  it('a review\'s body can be edited after it was submitted, and the review says nothing of when', async () => {
    fake.addPull({ number: 4, user: outsider, head: A, base: BASE });
    const review = fake.addReview(4, { user: amina, state: 'COMMENTED', commit: A, body: 'before', submittedAt: '2026-11-21T10:00:00Z' });
    const headers = { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' };
    const put = await fetch(`${fake.url}/repos/${fake.owner}/${fake.repo}/pulls/4/reviews/${review.id}`, { method: 'PUT', headers, body: JSON.stringify({ body: 'after' }) });
    expect(put.status).toBe(200);
    const [listed] = await client.listReviews(4);
    expect(listed).toMatchObject({ body: 'after', submitted_at: '2026-11-21T10:00:00Z' });
    // GitHub's review object has no updated_at (the client would drop it anyway): the raw answer has none.
    expect(Object.keys((await put.json()) as object)).not.toContain('updated_at');
  });
});
