/**
 * A small GitHub REST client over `fetch`: only the calls the bot makes, every
 * answer parsed, every failure a ForgeError with a stable code. The token is
 * only ever sent to the configured API origin (pagination links included).
 */
import type { z } from 'zod';
import { apiCommentSchema, apiPullSchema, apiReviewSchema, type ApiComment, type ApiPull, type ApiReview } from './api-types.ts';
import type { GitHubConfig } from './config.ts';
import { ForgeError } from './errors.ts';
import { nextPageUrl } from './link-header.ts';

/** At most this many pages of one list: 100 items a page, so 10,000 reviews or comments. */
const MAX_PAGES = 100;

export interface GitHubClient {
  readonly config: GitHubConfig;
  /** Open pull requests against `base`, oldest first. */
  listOpenPulls(base: string): Promise<ApiPull[]>;
  getPull(number: number): Promise<ApiPull>;
  /** Every submitted review, in GitHub's order (chronological), all pages. */
  listReviews(number: number): Promise<ApiReview[]>;
  listIssueComments(number: number): Promise<ApiComment[]>;
  createIssueComment(number: number, body: string): Promise<ApiComment>;
  updateIssueComment(commentId: number, body: string): Promise<ApiComment>;
  /**
   * Close a pull request, but only if its head is still `expectedHead`: a
   * contributor who pushed since the judgement gets a new judgement, not a
   * close. Throws 'head-moved' otherwise.
   */
  closePull(number: number, expectedHead: string): Promise<ApiPull>;
}

export interface ClientOptions {
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export function createGitHubClient(config: GitHubConfig, options: ClientOptions = {}): GitHubClient {
  const doFetch = options.fetch ?? fetch;
  const origin = new URL(config.apiUrl).origin;
  const repoPath = `/repos/${encodeURIComponent(config.owner)}/${encodeURIComponent(config.repo)}`;

  async function request(method: string, url: string, body?: unknown): Promise<Response> {
    if (new URL(url).origin !== origin) {
      throw new ForgeError('bad-response', `refusing to send the token to ${new URL(url).origin}: only ${origin} is configured`, { method, url });
    }
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${config.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'noclout-bot',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'error' });
    } catch (error) {
      throw new ForgeError('network', `${method} ${url} failed: ${(error as Error).message}`, { method, url });
    }
    if (!response.ok) throw await errorFrom(method, url, response);
    return response;
  }

  async function json<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.output<S>> {
    const url = `${config.apiUrl}${path}`;
    const response = await request(method, url, body);
    return parse(schema, await response.json(), method, url);
  }

  async function list<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>[]> {
    const items: z.output<S>[] = [];
    let url: string | undefined = `${config.apiUrl}${path}${path.includes('?') ? '&' : '?'}per_page=100`;
    for (let page = 0; url !== undefined; page += 1) {
      if (page === MAX_PAGES) throw new ForgeError('bad-response', `GET ${path}: more than ${MAX_PAGES} pages; refusing to read on`, { url });
      const response = await request('GET', url);
      const data: unknown = await response.json();
      if (!Array.isArray(data)) throw new ForgeError('bad-response', `GET ${url}: expected a JSON array, received ${typeof data}`, { url });
      for (const item of data) items.push(parse(schema, item, 'GET', url));
      url = nextPageUrl(response.headers.get('link'));
    }
    return items;
  }

  return {
    config,
    async listOpenPulls(base) {
      const pulls = await list(apiPullSchema, `${repoPath}/pulls?state=open&base=${encodeURIComponent(base)}&sort=created&direction=asc`);
      return pulls.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.number - b.number);
    },
    getPull: (number) => json(apiPullSchema, 'GET', `${repoPath}/pulls/${number}`),
    listReviews: (number) => list(apiReviewSchema, `${repoPath}/pulls/${number}/reviews`),
    listIssueComments: (number) => list(apiCommentSchema, `${repoPath}/issues/${number}/comments`),
    createIssueComment: (number, body) => json(apiCommentSchema, 'POST', `${repoPath}/issues/${number}/comments`, { body }),
    updateIssueComment: (commentId, body) => json(apiCommentSchema, 'PATCH', `${repoPath}/issues/comments/${commentId}`, { body }),
    async closePull(number, expectedHead) {
      const pull = await json(apiPullSchema, 'GET', `${repoPath}/pulls/${number}`);
      if (pull.head.sha !== expectedHead) {
        throw new ForgeError('head-moved', `pull request #${number} moved from ${expectedHead.slice(0, 12)} to ${pull.head.sha.slice(0, 12)} since it was judged; it will be judged again`, { status: 409 });
      }
      return json(apiPullSchema, 'PATCH', `${repoPath}/pulls/${number}`, { state: 'closed' });
    },
  };
}

function parse<S extends z.ZodType>(schema: S, data: unknown, method: string, url: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ForgeError('bad-response', `${method} ${url}: unexpected answer${where}: ${issue?.message ?? 'invalid'}`, { method, url });
  }
  return result.data;
}

/** Turn a non-2xx answer into an error a person can act on. */
async function errorFrom(method: string, url: string, response: Response): Promise<ForgeError> {
  const status = response.status;
  let apiMessage: string | undefined;
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body?.message === 'string') apiMessage = body.message.slice(0, 300);
  } catch {
    // Not JSON: the status says enough.
  }
  const data = { method, url, status, ...(apiMessage === undefined ? {} : { apiMessage }) };
  const said = apiMessage ? `: ${apiMessage}` : '';
  const remaining = response.headers.get('x-ratelimit-remaining');
  const retryAfter = response.headers.get('retry-after');
  if ((status === 403 || status === 429) && (remaining === '0' || retryAfter !== null)) {
    const retryAt = retryTime(response, retryAfter);
    const when = retryAt ? ` until ${retryAt}` : '';
    return new ForgeError(
      'rate-limited',
      `GitHub's rate limit stops ${method} ${url}${when} (HTTP ${status}${said}); nothing was changed by this call: run again after that time`,
      { ...data, ...(retryAt ? { retryAt } : {}) },
    );
  }
  if (status === 409) return new ForgeError('head-moved', `${method} ${url}: HTTP 409${said}: the pull request moved since it was judged`, data);
  if (status === 404) return new ForgeError('not-found', `${method} ${url}: HTTP 404${said}: no such pull request, comment or repository (or the token cannot see it)`, data);
  if (status === 401 || status === 403) {
    return new ForgeError('forbidden', `${method} ${url}: HTTP ${status}${said}: the token lacks a permission (the merge workflow needs contents: write and pull-requests: write)`, data);
  }
  return new ForgeError('http', `${method} ${url}: HTTP ${status}${said}`, data);
}

function retryTime(response: Response, retryAfter: string | null): string | undefined {
  if (retryAfter !== null && /^\d+$/.test(retryAfter)) {
    const date = Date.parse(response.headers.get('date') ?? '');
    const base = Number.isNaN(date) ? Date.now() : date;
    return new Date(base + Number(retryAfter) * 1000).toISOString();
  }
  const reset = response.headers.get('x-ratelimit-reset');
  if (reset !== null && /^\d+$/.test(reset)) return new Date(Number(reset) * 1000).toISOString();
  return undefined;
}
