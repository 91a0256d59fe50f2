/**
 * GitHub mode of `noclout review` and `noclout merge` (`--source github`):
 * the same judgement as git-native mode, with pull requests as changes, and
 * what only a forge needs around it. Review writes the judgement to the
 * check's summary (its token is read-only). Merge pushes the openings ledger
 * and `main` in one atomic push, each with a compare-and-swap on what it
 * judged, and only then tells
 * each pull request: one judgement comment updated in place, and a close,
 * with a link to the record, for a rejected one.
 */
import { appendFileSync } from 'node:fs';
import { commentLanguages, renderJudgementComment } from '../commons/judgement-comment.ts';
import type { Judgement, MergeResult } from '../commons/judgement.ts';
import { botLanguagesOf, commonsConfigSchema } from '../commons/schema/commons-config.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import { createGitHubClient, type GitHubClient } from '../forge/client.ts';
import { githubConfigFromEnv } from '../forge/config.ts';
import { ForgeError } from '../forge/errors.ts';
import { upsertJudgementComment } from '../forge/judgement-comment-sync.ts';
import { pushAtomically } from '../forge/push.ts';
import { LEDGER_REF } from '../repo/ledger.ts';
import { readRef } from '../repo/ref.ts';
import type { Repository } from '../repo/repository.ts';
import { readText, treeOf } from '../repo/tree.ts';
import type { BotContext } from './context.ts';
import { GitHubSource } from './github-source.ts';
import { GitSource } from './git-source.ts';

type Env = Record<string, string | undefined>;

/** The bot context with pull requests as the source; throws ForgeError 'config' when the environment lacks a variable. */
export function withGitHubSource(context: BotContext, env: Env, fetchImpl?: typeof fetch): BotContext & { source: GitHubSource } {
  const client = createGitHubClient(githubConfigFromEnv(env), fetchImpl ? { fetch: fetchImpl } : {});
  // The same clock as the git source the CLI made (--at): a sealed review's text is dated by the bot's first sight.
  const now = context.source instanceof GitSource ? context.source.now : new Date();
  return { ...context, source: new GitHubSource(context.repo, client, context.baseBranch, now) };
}

/**
 * Run `make`, turning a configuration error (a missing GITHUB_TOKEN…) into a
 * usage error of the caller's kind, so the CLI exits 2 with the message.
 */
export function githubSourceOrUsage<T>(make: () => T, usage: (message: string, error: ForgeError) => Error): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ForgeError && error.code === 'config') throw usage(error.message, error);
    throw error;
  }
}

/**
 * The message of a failure to talk to GitHub (rate limit, missing
 * permission, network, a push refused), to print instead of a stack trace;
 * undefined for anything else.
 */
export function forgeFailure(error: unknown): string | undefined {
  return error instanceof ForgeError ? error.message : undefined;
}

/** What the merge run must push afterwards: the refs as they were when it judged. */
export interface JudgedRefs {
  base: string;
  ledger: string | undefined;
}

export async function judgedRefs(context: BotContext): Promise<JudgedRefs> {
  return { base: context.base, ledger: await readRef(context.repo, LEDGER_REF) };
}

/**
 * Review: append each judgement to the check's summary page, when GitHub Actions gives one, as the
 * comment reads (its languages, and the site's address a sealed vote's comment links: commentSettings).
 */
export function summarizeReview(results: readonly Judgement[], env: Env, settings: readonly TextLanguage[] | { languages: readonly TextLanguage[]; siteUrl?: string } = ['en']): void {
  const summary = env.GITHUB_STEP_SUMMARY;
  if (!summary) return;
  const context = 'languages' in settings ? settings : { languages: settings };
  appendFileSync(summary, results.map((j) => `${renderJudgementComment(j, context)}\n`).join('\n---\n\n'));
}

export interface PublishReport {
  /** One line per action taken or failed, for the log. */
  lines: string[];
  /** Failures that did not stop the others (a comment refused, a rate limit). */
  failures: string[];
}

/**
 * Merge: push the ledger and main together, atomically, each only if the
 * remote still holds what was judged (both move, or neither: the ledger never
 * names a merge commit that main's push did not publish); then comment on
 * every judged pull request and close the rejected ones. A failed push throws
 * before any pull request is told anything, so GitHub never claims a merge
 * that did not land.
 */
export async function publishMerge(context: BotContext & { source: GitHubSource }, judged: JudgedRefs, results: readonly MergeResult[], env: Env): Promise<PublishReport> {
  const { source } = context;
  const token = source.client.config.token;
  const lines: string[] = [];
  // One atomic push: the ledger may freeze, as a change's policy commit, a merge made in this run.
  const moved = await pushAtomically(context.repo, { refs: [{ ref: LEDGER_REF, expected: judged.ledger }, { ref: context.baseBranch, expected: judged.base }], token });
  for (const m of moved) lines.push(m.ref === LEDGER_REF ? `pushed ${LEDGER_REF} ${m.to.slice(0, 12)}` : `pushed ${context.baseBranch} ${m.from.slice(0, 12)}..${m.to.slice(0, 12)}`);
  const failures: string[] = [];
  const settings = await commentSettings(context.repo, judged.base);
  for (const result of results) {
    const number = Number(/^#(\d+)$/.exec(result.head)?.[1]);
    if (!number) continue;
    try {
      lines.push(...(await tellPullRequest(source.client, number, result, context.baseBranch, settings)));
    } catch (error) {
      if (!(error instanceof ForgeError)) throw error;
      failures.push(`#${number}: ${error.message}`);
      // A rate limit stops every further call: say so once, the next run catches up.
      if (error.code === 'rate-limited') break;
    }
  }
  for (const skipped of source.skipped) lines.push(`${skipped.head} skipped: ${skipped.reason}`);
  const summary = env.GITHUB_STEP_SUMMARY;
  if (summary) {
    const text = results.map((r) => renderJudgementComment(r, { ...recordLink(source.client, r, context.baseBranch), ...settings })).join('\n---\n\n');
    appendFileSync(summary, `${[...lines, ...failures].map((l) => `- ${l}`).join('\n')}\n\n${text}`);
  }
  return { lines, failures };
}

async function tellPullRequest(client: GitHubClient, number: number, result: MergeResult, baseBranch: string, settings: { languages: readonly TextLanguage[]; siteUrl?: string }): Promise<string[]> {
  const lines: string[] = [];
  const body = renderJudgementComment(result, { ...recordLink(client, result, baseBranch), ...settings });
  const { action } = await upsertJudgementComment(client, number, body);
  lines.push(`#${number}: ${result.decision}${result.merged ? ', merged' : ''}; judgement comment ${action}`);
  if (result.decision === 'reject' && result.record) {
    try {
      await client.closePull(number, result.commit);
      lines.push(`#${number}: closed (record ${result.record})`);
    } catch (error) {
      if (!(error instanceof ForgeError) || error.code !== 'head-moved') throw error;
      lines.push(`#${number}: not closed: ${error.message}`);
    }
  }
  return lines;
}

/**
 * The languages of the judgement comment: governance/commons.yml's `botLanguages`, else its
 * `defaultLanguage`, as of the judged base; English when the file is missing or does not read
 * (`noclout check` reports that; the comment is still written).
 */
export async function judgementLanguages(repo: Repository, base: string): Promise<TextLanguage[]> {
  return (await commentSettings(repo, base)).languages;
}

/**
 * The judgement comment's languages (judgementLanguages) and the site's address (commons.yml
 * `url`), through which a sealed vote's comment links the page where members seal their ballot.
 */
export async function commentSettings(repo: Repository, base: string): Promise<{ languages: TextLanguage[]; siteUrl?: string }> {
  try {
    const text = await readText(repo, await treeOf(repo, base), 'governance/commons.yml');
    const parsed = text === undefined ? undefined : commonsConfigSchema.safeParse(parseYaml(text, { path: 'governance/commons.yml' }).data);
    const languages = commentLanguages(parsed?.success ? botLanguagesOf(parsed.data) : []);
    return parsed?.success ? { languages, siteUrl: parsed.data.url } : { languages };
  } catch {
    return { languages: ['en'] };
  }
}

function recordLink(client: GitHubClient, result: MergeResult, baseBranch: string): { recordUrl?: string; baseBranch: string } {
  const { serverUrl, owner, repo } = client.config;
  const recordUrl = result.record ? `${serverUrl}/${owner}/${repo}/blob/${encodeURIComponent(baseBranch)}/${result.record}` : undefined;
  return recordUrl ? { recordUrl, baseBranch } : { baseBranch };
}
