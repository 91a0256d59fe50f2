/**
 * Everything the pages show, assembled once per build from the content collections, the
 * governance files and git history. Pages only format what this returns.
 *
 * Publication time of a post: the `closed` time of the decision record that published it, else
 * the time of the first-parent commit that added its file (git-history.ts), by the one rule the
 * bot's posts.maxPerAuthorPerWeek counts with (src/commons/publication.ts). The `date` an
 * author types is shown as "written" and never orders anything (DESIGN.md, principle 5).
 */
import { decisionSchema, type DecisionRecord } from '../commons/schema/decision.ts';
import { postSchema, type PostFrontMatter } from '../commons/schema/post.ts';
import { proposalSchema, type ProposalFrontMatter } from '../commons/schema/proposal.ts';
import { ruleSchema, type RuleFrontMatter } from '../commons/schema/rule.ts';
import type { Member } from '../commons/schema/members.ts';
import { newestFirst } from '../commons/ordering.ts';
import { publications } from '../commons/publication.ts';
import { uiLanguageFor, type UiLanguage } from '../i18n/index.ts';
import { commonsDir } from './commons-dir.ts';
import { readCommonsFolder } from './commons-loader.ts';
import { href, postHref, postPath } from './format.ts';
import { postAdditions, readHistory, type FileChange, type History } from './git-history.ts';
import { readGovernance, type Governance } from './governance-files.ts';
import { appealReversals, hiddenPosts, type Reversals } from './moderation.ts';
import { isProposalKind, readOpenChanges, type OpenChange } from './open-changes.ts';
import { deepDigestOf, digestOf, publishSiteKey } from './page-keys.ts';
import { stablePages, type Page, type StableList } from './pagination.ts';
import { shufflePages } from './shuffle-pages.ts';
import { ruleIn } from './rule-text.ts';

export interface PostView {
  /** "<year>/<slug>" */
  id: string;
  year: string;
  slug: string;
  data: PostFrontMatter;
  tags: string[];
  /** ISO time, or undefined for a file not yet committed. */
  published: string | undefined;
  /** Read when first used (a property that `{ ...post }` does not copy: pass the view itself). */
  html: string;
  /** Repository path, like content/posts/2026/x.md */
  file: string;
  /** The UI language of the post's one page (`uiLanguageFor` its language): see `postHref`. */
  page: UiLanguage;
  /** Digest of the post's file. */
  digest: string;
}

export type { DecisionView } from './moderation.ts';
import type { DecisionView } from './moderation.ts';

export type { TombstoneView } from './moderation.ts';
import type { TombstoneView } from './moderation.ts';

export interface ProposalView {
  id: string;
  data: ProposalFrontMatter;
  html: string;
  file: string;
  decision: DecisionView | undefined;
  /** When the proposal file reached the commons (git), for proposals without a record. */
  added: string | undefined;
}

/** A decided proposal for the Proposals page: its record, and its file when that is on main (a rejection leaves only the record). */
export interface DecidedProposal {
  decision: DecisionView;
  proposal: ProposalView | undefined;
}

export interface RuleView {
  id: string;
  data: RuleFrontMatter;
  /** The rule's text in its own language (`data.lang`, else the default language). */
  html: string;
  /** Its text in other languages, by language (`<!-- lang: en -->` sections): see rule-text.ts. */
  translations: Readonly<Record<string, string>>;
  file: string;
  history: readonly FileChange[];
  citedBy: DecisionView[];
}

export interface SiteData {
  governance: Governance;
  /** Posts readers can see (not hidden), newest first. */
  posts: PostView[];
  /**
   * Every post, hidden ones included, newest first: the order lists are numbered in, so that hiding
   * a post leaves it out of its page without moving any other post to another page.
   */
  everyPost: PostView[];
  /** The home feed's pages (`stablePages` over `everyPost`, hidden posts left out). */
  feed: StableList<PostView>;
  /** `stablePages` for any sub-list of `everyPost` (a tag's, an author's), hidden posts left out. */
  postPages(filter: (post: PostView) => boolean): StableList<PostView>;
  postById: ReadonlyMap<string, PostView>;
  tombstones: ReadonlyMap<string, TombstoneView>;
  repliesTo: ReadonlyMap<string, PostView[]>;
  proposals: ProposalView[];
  /** Every decision record of a kind decided by vote (not posts), whatever the outcome; newest first. */
  decidedProposals: DecidedProposal[];
  /** Proposals under vote from the openings ledger (src/site/open-changes.ts), closing soonest first. */
  openChanges: OpenChange[];
  /** What members can act on: `openChanges` and the posts still in their objection window (`pending`), closing soonest first. */
  openActions: OpenChange[];
  rules: RuleView[];
  /** Newest decision first (by closing time). */
  decisions: DecisionView[];
  /** Moderation decisions reversed by an accepted appeal, and what each appeal reversed. */
  reversals: Reversals;
  members: ReadonlyMap<string, Member>;
  tags: string[];
  history: History;
  /** Shuffle seeds built in advance; the first is the default. */
  seeds: string[];
  /** The pages of the shuffle of the visible posts with `seed` (shuffle-pages.ts), computed once per seed. */
  shuffle(seed: string): Page<PostView>[];
  /**
   * Where a link to post `id` goes from a page in `lang`: a visible post's one page (`postHref`);
   * a hidden post's tombstone, which exists in every UI language, in the reader's.
   */
  postAddress(id: string, lang: UiLanguage): string;
  /** A rule's title for a page in `lang` (its translation when written) and the title's language; undefined for no such rule. */
  ruleTitle(id: string, lang: UiLanguage): { text: string; lang: string } | undefined;
  /** Page keys for incremental builds (page-keys.ts). */
  keys: {
    /** The frame every page shows: the commons' name, description and languages. */
    layout: string;
    /** Everything the build read: every file of the commons, its history, the ledger. */
    site: string;
    /** The year of the latest commit: the folder a post page's reply and correction links open (their date is the reader's, filled in by dated-links.ts). */
    headYear: string;
    /** One post's list entry (list-item.ts): its file, publication time and page language. */
    item(post: PostView): string;
    /** The digest of a file of the commons read as content (posts, proposals, rules, decision records), by its repository path; undefined for none. */
    file(path: string): string | undefined;
  };
}

let cached: Promise<SiteData> | undefined;

/** The site's data, computed once per build. */
export function siteData(): Promise<SiteData> {
  cached ??= buildSiteData();
  return cached;
}

async function buildSiteData(): Promise<SiteData> {
  const commons = commonsDir();
  const [governance, history, rawPosts, rawProposals, rawRules, rawDecisions] = await Promise.all([
    readGovernance(commons),
    readHistory(commons),
    readCommonsFolder({ commons, folder: 'content/posts', lazyHtml: true }, postSchema),
    readCommonsFolder({ commons, folder: 'content/proposals' }, proposalSchema),
    readCommonsFolder({ commons, folder: 'governance/rules', languageSections: true }, ruleSchema),
    readCommonsFolder({ commons, folder: 'governance/decisions' }, decisionSchema),
  ]);

  const decisions = rawDecisions.sort((a, b) => (a.data.closed === b.data.closed ? (a.id < b.id ? 1 : -1) : a.data.closed < b.data.closed ? 1 : -1));
  const published = publications(
    decisions.map((d) => d.data),
    postAdditions(history),
  );
  const addedAt = (file: string): string | undefined => history.changes.get(file)?.find((c) => c.status === 'added')?.time;

  const reversals = appealReversals(decisions);
  const tombstones = hiddenPosts(decisions, rawPosts, reversals);
  const allPosts: PostView[] = rawPosts.map((entry) => {
    const [year = '', slug = ''] = entry.id.split('/');
    const page = uiLanguageFor(entry.data.lang, governance.config.defaultLanguage);
    const view = { id: entry.id, year, slug, data: entry.data, tags: entry.data.tags ?? [], published: published.get(entry.file)?.published, file: entry.file, page, digest: entry.digest } as PostView;
    // The post's HTML is read from the cache when its page renders (commons-loader.ts, lazyHtml): a
    // property `{ ...post }` does not copy, so the views below are these objects, never copies.
    Object.defineProperty(view, 'html', { get: () => entry.html });
    return view;
  });
  // Not yet committed files (a local working copy) sort first, as the newest.
  const everyPost = newestFirst(allPosts.map((post) => ({ id: post.id, published: post.published ?? '9999-12-31T23:59:59Z', post }))).map(({ post }) => post);
  const shown = (post: PostView) => !tombstones.has(post.id);
  const posts = everyPost.filter(shown);
  const postPages = (filter: (post: PostView) => boolean) => stablePages(everyPost.filter(filter), { shown });

  const repliesTo = new Map<string, PostView[]>();
  for (const post of [...posts].reverse()) {
    if (!post.data.replyTo) continue;
    const list = repliesTo.get(post.data.replyTo) ?? [];
    list.push(post);
    repliesTo.set(post.data.replyTo, list);
  }

  const decisionByChange = new Map(decisions.map((d) => [d.data.change, d] as const));
  const proposals = rawProposals.map((entry) => ({ ...entry, decision: decisionByChange.get(entry.id), added: addedAt(entry.file) }));
  proposals.sort((a, b) => {
    const ka = a.decision?.data.closed ?? a.added ?? '9999';
    const kb = b.decision?.data.closed ?? b.added ?? '9999';
    return ka === kb ? (a.id < b.id ? -1 : 1) : ka < kb ? 1 : -1;
  });
  const proposalById = new Map(proposals.map((p) => [p.id, p] as const));
  const decidedProposals = decisions.filter((d) => isProposalKind(d.data.kind)).map((decision) => ({ decision, proposal: proposalById.get(decision.data.change) }));
  const openActions = await readOpenChanges(commons, governance.config.repository, new Set(decisions.map((d) => d.data.change)));
  const openChanges = openActions.filter((o) => !o.pending);

  const rules = rawRules
    .map((entry) => ({ ...entry, history: history.changes.get(entry.file) ?? [], citedBy: decisions.filter((d) => cites(d.data, entry.id, rawProposals)) }))
    .sort((a, b) => (a.data.order ?? 999) - (b.data.order ?? 999) || (a.id < b.id ? -1 : 1));

  const tags = [...new Set(posts.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b));
  const seeds = shuffleSeeds(history.headTime);

  const postById = new Map(allPosts.map((p) => [p.id, p]));
  const site = deepDigestOf(
    governance,
    [rawPosts, rawProposals, rawRules, rawDecisions].map((list) => list.map((entry) => [entry.id, entry.digest])),
    history,
    openActions,
    seeds,
  );
  const itemKeys = new WeakMap<PostView, string>();
  const fileDigests = new Map([rawPosts, rawProposals, rawRules, rawDecisions].flatMap((list) => list.map((entry) => [entry.file, entry.digest] as const)));
  publishSiteKey(site);
  const ruleById = new Map(rules.map((r) => [r.id, r] as const));
  const shuffles = new Map<string, Page<PostView>[]>();
  return {
    governance,
    posts,
    everyPost,
    feed: postPages(() => true),
    postPages,
    postById,
    tombstones,
    repliesTo,
    proposals,
    decidedProposals,
    openChanges,
    openActions,
    rules,
    decisions,
    reversals,
    members: new Map(governance.members.map((m) => [m.handle, m])),
    tags,
    history,
    seeds,
    shuffle(seed) {
      let pages = shuffles.get(seed);
      if (pages === undefined) shuffles.set(seed, (pages = shufflePages(posts, seed)));
      return pages;
    },
    keys: {
      layout: deepDigestOf(governance.config),
      site,
      headYear: (history.headTime ?? '2026-01-01').slice(0, 4),
      item: (post) => {
        let key = itemKeys.get(post);
        if (key === undefined) itemKeys.set(post, (key = digestOf(post.id, post.digest, post.published, post.page)));
        return key;
      },
      file: (path) => fileDigests.get(path),
    },
    ruleTitle(id, lang) {
      const rule = ruleById.get(id);
      if (!rule) return undefined;
      const shown = ruleIn(rule, lang, governance.config.defaultLanguage);
      return { text: shown.title, lang: shown.titleLang };
    },
    postAddress(id, lang) {
      const post = postById.get(id);
      return post && !tombstones.has(id) ? postHref(post) : href(lang, postPath(id));
    },
  };
}

/** Whether a decision cited a rule: as the moderation's rule, in a ballot, or by changing it. */
function cites(decision: DecisionRecord, rule: string, proposals: readonly { id: string; data: ProposalFrontMatter }[]): boolean {
  if (decision.moderation?.rule === rule) return true;
  if (decision.ballots.some((b) => b.rule === rule)) return true;
  if (decision.files.includes(`governance/rules/${rule}.md`)) return true;
  const proposal = proposals.find((p) => p.id === decision.change);
  return proposal !== undefined && (proposal.data.rules?.includes(rule) === true || proposal.data.rule === rule);
}

/**
 * The seeds whose shuffled pages are built: the day of the commons' latest commit and the two
 * days before, so a shared shuffle link survives a couple of daily rebuilds. Derived from git,
 * not from the clock, so building the same commit twice gives the same site.
 */
export function shuffleSeeds(headTime: string | undefined): string[] {
  const day = headTime ? new Date(headTime) : new Date(Date.UTC(2026, 0, 1));
  return [0, 1, 2].map((back) => new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10));
}
