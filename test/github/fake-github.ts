/**
 * A fake GitHub REST API on loopback (node:http), answering the calls the bot
 * makes with the JSON shapes GitHub documents: pulls, reviews (whose body can
 * be edited, with no timestamp saying when), issue comments on pull requests
 * (listed by ascending id, `since`; an edit sets `updated_at`, a deletion
 * removes the comment), Link-header pagination, 401 on a bad token, rate
 * limits (primary: 403 with x-ratelimit-remaining 0; secondary: 429 with
 * retry-after), and injected failures such as a 409 on a moved head. No test
 * touches the network.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  login: string;
  id: number;
  type?: 'User' | 'Bot';
}

export const BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  body?: unknown;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  token?: string;
  /** Largest page the fake serves, whatever per_page asks: small values exercise pagination. */
  maxPerPage?: number;
}

type Json = Record<string, unknown>;

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  maxPerPage: number;
  readonly pulls = new Map<number, Json>();
  readonly reviews = new Map<number, Json[]>();
  readonly comments: Json[] = [];
  readonly requests: Recorded[] = [];
  /** Answer every request with a rate-limit error while set. */
  rateLimit: { kind: 'primary'; reset: number } | { kind: 'secondary'; retryAfter: number } | undefined;
  private faults: Fault[] = [];
  private nextId = 1000;
  private clock = Date.parse('2026-11-20T09:00:00Z');
  private server = createServer((req, res) => void this.handle(req, res));
  url = '';

  constructor(options: FakeGitHubOptions = {}) {
    this.owner = options.owner ?? 'commons';
    this.repo = options.repo ?? 'agora';
    this.token = options.token ?? 'ghs_test_token';
    this.maxPerPage = options.maxPerPage ?? 100;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /** The environment a GitHub Actions job would have, pointed at this fake. */
  env(): Record<string, string> {
    return { GITHUB_API_URL: this.url, GITHUB_REPOSITORY: `${this.owner}/${this.repo}`, GITHUB_TOKEN: this.token };
  }

  /** The next request matching method and path gets this answer instead (once). */
  failNext(method: string, path: RegExp, status: number, body: unknown, headers?: Record<string, string>): void {
    this.faults.push({ method, path, status, body, ...(headers ? { headers } : {}) });
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private user(user: FakeUser): Json {
    return {
      login: user.login,
      id: user.id,
      node_id: `U_${user.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      url: `https://api.github.com/users/${user.login}`,
      html_url: `https://github.com/${user.login}`,
      type: user.type ?? 'User',
      site_admin: false,
    };
  }

  addPull(pull: { number: number; title?: string; user: FakeUser; head: string; base: string; ref?: string; createdAt?: string; fork?: string }): Json {
    const created = pull.createdAt ?? this.tick();
    const repoFull = `${this.owner}/${this.repo}`;
    const headRepo = pull.fork ?? repoFull;
    const json: Json = {
      url: `https://api.github.com/repos/${repoFull}/pulls/${pull.number}`,
      id: 500000 + pull.number,
      node_id: `PR_${pull.number}`,
      html_url: `https://github.com/${repoFull}/pull/${pull.number}`,
      number: pull.number,
      state: 'open',
      locked: false,
      title: pull.title ?? `Change ${pull.number}`,
      user: this.user(pull.user),
      body: null,
      created_at: created,
      updated_at: created,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      draft: false,
      head: { label: `${pull.user.login}:${pull.ref ?? 'patch-1'}`, ref: pull.ref ?? 'patch-1', sha: pull.head, user: this.user(pull.user), repo: { full_name: headRepo, fork: headRepo !== repoFull } },
      base: { label: `${this.owner}:main`, ref: 'main', sha: pull.base, repo: { full_name: repoFull, fork: false } },
      author_association: 'CONTRIBUTOR',
    };
    this.pulls.set(pull.number, json);
    this.reviews.set(pull.number, this.reviews.get(pull.number) ?? []);
    return json;
  }

  /** The contributor pushes: the pull request's head moves. */
  movePullHead(number: number, sha: string): void {
    const pull = this.pulls.get(number)!;
    (pull.head as Json).sha = sha;
    pull.updated_at = this.tick();
  }

  addReview(number: number, review: { user: FakeUser; state: string; commit: string; body?: string; submittedAt?: string }): Json {
    // GitHub answers 422 to an approval or a change request on one's own pull request: such a ballot cannot exist.
    const author = (this.pulls.get(number)?.user as Json | undefined)?.id;
    if (author === review.user.id && (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED')) {
      throw new Error(`GitHub refuses this review (422): ${review.state === 'APPROVED' ? 'Can not approve your own pull request' : 'Can not request changes on your own pull request'}`);
    }
    const id = this.nextId++;
    const repoFull = `${this.owner}/${this.repo}`;
    const json: Json = {
      id,
      node_id: `PRR_${id}`,
      user: this.user(review.user),
      body: review.body ?? '',
      state: review.state,
      html_url: `https://github.com/${repoFull}/pull/${number}#pullrequestreview-${id}`,
      pull_request_url: `https://api.github.com/repos/${repoFull}/pulls/${number}`,
      author_association: 'MEMBER',
      _links: { html: { href: `https://github.com/${repoFull}/pull/${number}#pullrequestreview-${id}` }, pull_request: { href: `https://api.github.com/repos/${repoFull}/pulls/${number}` } },
      commit_id: review.commit,
    };
    if (review.state !== 'PENDING') json.submitted_at = review.submittedAt ?? this.tick();
    this.reviews.get(number)!.push(json);
    return json;
  }

  /**
   * A comment on the pull request (GitHub's "issue comment": every pull request is an issue). Ids
   * grow with each comment and GitHub lists a pull request's comments by ascending id; `createdAt`
   * sets GitHub's own clock for it (tests place a ballot before or after a vote's close).
   */
  addComment(number: number, user: FakeUser, body: string, options: { createdAt?: string } = {}): Json {
    const id = this.nextId++;
    const at = options.createdAt ?? this.tick();
    const repoFull = `${this.owner}/${this.repo}`;
    const json: Json = {
      url: `https://api.github.com/repos/${repoFull}/issues/comments/${id}`,
      html_url: `https://github.com/${repoFull}/pull/${number}#issuecomment-${id}`,
      issue_url: `https://api.github.com/repos/${repoFull}/issues/${number}`,
      id,
      node_id: `IC_${id}`,
      user: this.user(user),
      created_at: at,
      updated_at: at,
      author_association: user.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
      body,
    };
    this.comments.push(json);
    return json;
  }

  /** The author edits a comment: its body changes and GitHub sets `updated_at` (`created_at` stays). */
  editComment(id: number, body: string, options: { updatedAt?: string } = {}): Json {
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) throw new Error(`no comment ${id}`);
    comment.body = body;
    comment.updated_at = options.updatedAt ?? this.tick();
    return comment;
  }

  /** The author (or a maintainer) deletes a comment: GitHub lists it no more and keeps no trace the API shows. */
  deleteComment(id: number): void {
    const index = this.comments.findIndex((c) => c.id === id);
    if (index < 0) throw new Error(`no comment ${id}`);
    this.comments.splice(index, 1);
  }

  /**
   * The reviewer edits a submitted review's summary (PUT /pulls/{n}/reviews/{id}): only the body
   * changes. GitHub's review object has no `updated_at`: nothing in the API says when it was edited.
   */
  editReview(number: number, id: number, body: string): Json {
    const review = this.reviews.get(number)?.find((r) => r.id === id);
    if (!review) throw new Error(`no review ${id} on #${number}`);
    review.body = body;
    return review;
  }

  commentsOn(number: number): Json[] {
    return this.comments.filter((c) => (c.issue_url as string).endsWith(`/issues/${number}`));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    let body: unknown;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (chunks.length > 0) body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname + url.search, authorization: req.headers.authorization, ...(body === undefined ? {} : { body }) });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(this.clock / 1000) + 3600),
        date: new Date(this.clock).toUTCString(),
        ...headers,
      });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const docs = 'https://docs.github.com/rest';
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { message: 'Bad credentials', documentation_url: docs, status: '401' });
    if (this.rateLimit?.kind === 'primary') {
      return send(403, { message: 'API rate limit exceeded for installation ID 1.', documentation_url: `${docs}/overview/rate-limits-for-the-rest-api`, status: '403' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(this.rateLimit.reset) });
    }
    if (this.rateLimit?.kind === 'secondary') {
      return send(429, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: docs, status: '429' }, { 'retry-after': String(this.rateLimit.retryAfter) });
    }
    const faultIndex = this.faults.findIndex((f) => f.method === method && f.path.test(url.pathname));
    if (faultIndex >= 0) {
      const [fault] = this.faults.splice(faultIndex, 1);
      return send(fault!.status, fault!.body, fault!.headers);
    }
    const prefix = `/repos/${this.owner}/${this.repo}`;
    if (!url.pathname.startsWith(`${prefix}/`)) return send(404, { message: 'Not Found', documentation_url: docs, status: '404' });
    const rest = url.pathname.slice(prefix.length);
    let m: RegExpExecArray | null;
    if (method === 'GET' && rest === '/pulls') {
      const state = url.searchParams.get('state') ?? 'open';
      const base = url.searchParams.get('base');
      const asc = url.searchParams.get('direction') === 'asc';
      const list = [...this.pulls.values()]
        .filter((p) => state === 'all' || p.state === state)
        .filter((p) => !base || (p.base as Json).ref === base)
        .sort((a, b) => (asc ? 1 : -1) * (a.created_at as string).localeCompare(b.created_at as string));
      return this.page(url, list, send);
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pull = this.pulls.get(Number(m[1]));
      if (!pull) return send(404, { message: 'Not Found', documentation_url: docs, status: '404' });
      if (method === 'GET') return send(200, pull);
      if (method === 'PATCH') {
        const state = (body as Json | undefined)?.state;
        if (state === 'closed' && pull.state === 'open') {
          pull.state = 'closed';
          pull.closed_at = pull.updated_at = this.tick();
        }
        return send(200, pull);
      }
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) {
      const reviews = this.reviews.get(Number(m[1]));
      if (!reviews) return send(404, { message: 'Not Found', documentation_url: docs, status: '404' });
      // GitHub lists a pull request's reviews in chronological order; PENDING ones are only shown to their author.
      return this.page(url, reviews.filter((r) => r.state !== 'PENDING'), send);
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const number = Number(m[1]);
      if (!this.pulls.has(number)) return send(404, { message: 'Not Found', documentation_url: docs, status: '404' });
      if (method === 'GET') {
        // `since`: only comments updated at or after the given instant (GitHub's documented filter).
        const since = Date.parse(url.searchParams.get('since') ?? '');
        const listed = this.commentsOn(number).filter((c) => Number.isNaN(since) || Date.parse(c.updated_at as string) >= since);
        return this.page(url, listed, send);
      }
      if (method === 'POST') {
        const text = (body as Json | undefined)?.body;
        if (typeof text !== 'string' || text === '') return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }], documentation_url: docs, status: '422' });
        return send(201, this.addComment(number, BOT, text));
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return send(404, { message: 'Not Found', documentation_url: docs, status: '404' });
      if (method === 'GET') return send(200, comment);
      if (method === 'PATCH') {
        const text = (body as Json | undefined)?.body;
        if (typeof text !== 'string') return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }], documentation_url: docs, status: '422' });
        return send(200, this.editComment(comment.id as number, text));
      }
      if (method === 'DELETE') {
        this.deleteComment(comment.id as number);
        return send(204, undefined);
      }
    }
    if (method === 'PUT' && (m = /^\/pulls\/(\d+)\/reviews\/(\d+)$/.exec(rest))) {
      const review = this.reviews.get(Number(m[1]))?.find((r) => r.id === Number(m![2]));
      if (!review) return send(404, { message: 'Not Found', documentation_url: docs, status: '404' });
      const text = (body as Json | undefined)?.body;
      if (typeof text !== 'string') return send(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequestReview', code: 'missing_field', field: 'body' }], documentation_url: docs, status: '422' });
      return send(200, this.editReview(Number(m[1]), review.id as number, text));
    }
    return send(404, { message: 'Not Found', documentation_url: docs, status: '404' });
  }

  private page(url: URL, items: Json[], send: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.maxPerPage);
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const next = new URL(url);
      next.searchParams.set('page', String(n));
      return `<${next.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    send(200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
  }
}
