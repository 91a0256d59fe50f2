/**
 * Errors of the GitHub client, with a stable `code` callers branch on
 * (never the message) and the HTTP facts in `data`.
 */

export type ForgeErrorCode =
  /** GITHUB_API_URL, GITHUB_REPOSITORY or GITHUB_TOKEN missing or malformed. */
  | 'config'
  /** 403/429 with `x-ratelimit-remaining: 0` or `retry-after`: wait, then run again. */
  | 'rate-limited'
  /** 409, or the pull request's head is not the commit that was judged. */
  | 'head-moved'
  | 'not-found'
  /** 401, or 403 without rate limiting: the token lacks a permission. */
  | 'forbidden'
  /** Any other non-2xx status. */
  | 'http'
  /** A 2xx answer whose JSON is not the shape GitHub documents. */
  | 'bad-response'
  /** The API could not be reached at all. */
  | 'network'
  /** The remote branch is no longer the commit that was judged: nothing was pushed. */
  | 'base-moved'
  /** The git server refused the push. */
  | 'push-rejected';

export interface ForgeErrorData {
  method?: string;
  url?: string;
  status?: number;
  /** For 'rate-limited': when to try again (ISO instant), if GitHub said. */
  retryAt?: string;
  /** GitHub's own message, from the JSON body. */
  apiMessage?: string;
  /** For 'config': each variable refused and why, for the command line to say it in French too. */
  config?: { variable: 'GITHUB_API_URL' | 'GITHUB_REPOSITORY' | 'GITHUB_TOKEN'; why: 'not-url' | 'not-https' | 'not-owner-name' | 'missing'; received: string }[];
}

export class ForgeError extends Error {
  readonly code: ForgeErrorCode;
  readonly data: ForgeErrorData;
  constructor(code: ForgeErrorCode, message: string, data: ForgeErrorData = {}) {
    super(message);
    this.name = 'ForgeError';
    this.code = code;
    this.data = data;
  }
}
