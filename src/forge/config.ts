/**
 * Where the GitHub API is and which repository to talk to, read from the
 * variables GitHub Actions sets for every job (GITHUB_API_URL,
 * GITHUB_REPOSITORY, GITHUB_TOKEN), so the same command runs in a workflow and
 * against a test server on loopback.
 */
import { ForgeError, type ForgeErrorData } from './errors.ts';

export interface GitHubConfig {
  /** API root without a trailing slash, e.g. https://api.github.com */
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
  /**
   * Login of the account whose comments the bot may edit: the judgement
   * comment is only ever looked for among this account's comments.
   */
  botLogin: string;
  /** Web root for links in comments, e.g. https://github.com (GITHUB_SERVER_URL). */
  serverUrl: string;
}

const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** Read the configuration from an environment; every missing or malformed variable is named at once. */
export function githubConfigFromEnv(env: Record<string, string | undefined>): GitHubConfig {
  const missing: string[] = [];
  const config: NonNullable<ForgeErrorData['config']> = [];
  const apiUrl = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  let parsedUrl: URL | undefined;
  try {
    parsedUrl = new URL(apiUrl);
  } catch {
    missing.push(`GITHUB_API_URL must be a URL like https://api.github.com, received ${JSON.stringify(apiUrl)}`);
    config.push({ variable: 'GITHUB_API_URL', why: 'not-url', received: apiUrl });
  }
  if (parsedUrl && parsedUrl.protocol !== 'https:' && !isLoopback(parsedUrl.hostname)) {
    // The token travels in a header: never send it in clear text off this machine.
    missing.push(`GITHUB_API_URL must use https (plain http only on loopback), received ${JSON.stringify(apiUrl)}`);
    config.push({ variable: 'GITHUB_API_URL', why: 'not-https', received: apiUrl });
  }
  const repository = env.GITHUB_REPOSITORY ?? '';
  const match = REPOSITORY.exec(repository);
  if (!match) {
    missing.push(`GITHUB_REPOSITORY must be "owner/name", like "noclout/commons", received ${JSON.stringify(repository)}`);
    config.push({ variable: 'GITHUB_REPOSITORY', why: 'not-owner-name', received: repository });
  }
  const token = env.GITHUB_TOKEN ?? '';
  if (token === '') {
    missing.push('GITHUB_TOKEN is not set: in a workflow pass `env: GITHUB_TOKEN: ${{ github.token }}`');
    config.push({ variable: 'GITHUB_TOKEN', why: 'missing', received: '' });
  }
  if (missing.length > 0) throw new ForgeError('config', `cannot use the GitHub source:\n  ${missing.join('\n  ')}`, { config });
  return {
    apiUrl,
    owner: match![1]!,
    repo: match![2]!,
    token,
    botLogin: env.NOCLOUT_BOT_LOGIN || 'github-actions[bot]',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
