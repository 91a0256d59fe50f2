/**
 * The open-votes feed of a UI language (/<lang>/rss/open-votes.xml): every change members can act
 * on now, from the openings ledger as the Proposals page reads it (open-changes.ts), plus the posts
 * still in their objection window. Each item says what the change does (its kind, title, summary
 * and files, with the strings of the proposal's page), its deadline in the reader's language, and
 * how to vote: the `noclout vote` command, the review on GitHub, and for a sealed vote that it is
 * sealed. A change whose deadline has passed (`due`) is left out: nobody can act on it any more.
 *
 * Item guid: the change, its opening time and, for a post, its stage (window, objection vote):
 * stable across builds, so a reader sees a change once per opening, and once more when an
 * objection turns a post into a vote (it then needs ballots). Reads the build's data only: no clock.
 */
import rss from '@astrojs/rss';
import { t, type Strings, type UiLanguage } from '../i18n/index.ts';
import { siteData, type SiteData } from './commons-data.ts';
import { nameIn } from '../commons/schema/commons-config.ts';
import type { FileEffect } from './change-effects.ts';
import { formatTime, href } from './format.ts';
import { escapeHtml as e } from './list-item.ts';
import type { OpenChange, ProposalKind } from './open-changes.ts';
import { shellWord } from '../pages/[lang]/proposals/_ballot-example.ts';

export async function openVotesFeed(lang: UiLanguage, site: URL | undefined): Promise<Response> {
  const data = await siteData();
  const s = t(lang);
  const base = site ?? new URL(data.governance.config.url);
  return rss({
    title: `${nameIn(data.governance.config, lang)} — ${s.actionFeeds.openVotesTitle}`,
    description: s.actionFeeds.openVotesDescription,
    site: base,
    items: data.openActions.filter((o) => !o.due).map((o) => openVoteItem(o, lang, data, base)),
    customData: `<language>${lang}</language>`,
  });
}

/** One open change as a feed item: title, link, opening time, guid, and the HTML description. */
export function openVoteItem(o: OpenChange, lang: UiLanguage, data: Pick<SiteData, 'members' | 'governance'>, site: URL) {
  const s = t(lang);
  const stage = o.pending ? 'window' : o.objected ? 'objection' : 'vote';
  const guid = new URL(`#${encodeURIComponent(`${o.change}@${o.opened}/${stage}`)}`, new URL(href(lang, 'proposals'), site)).href;
  return {
    title: o.read || o.objected || o.pending ? `${titleOf(o)} (${labelOf(o, s)})` : o.change,
    link: linkOf(o, lang),
    pubDate: new Date(o.opened),
    description: [facts(o, lang, data), changes(o, s), howToVote(o, s), `<p><a href="${e(new URL(linkOf(o, lang), site).href)}">${e(s.actionFeeds.open)}</a></p>`].join(''),
    customData: `<guid isPermaLink="false">${e(guid)}</guid>`,
  };
}

function titleOf(o: OpenChange): string {
  return o.read?.proposal.title ?? o.objected?.front.title ?? o.pending?.front.title ?? o.change;
}

function labelOf(o: OpenChange, s: Strings): string {
  if (o.pending) return s.actionFeeds.pendingPost;
  if (o.objected) return s.proposals.objectedPost;
  return o.read ? (s.kinds[o.read.kind] ?? o.read.kind) : o.change;
}

/** The proposal's page when the build has its text; else the pull request; else the Proposals page. */
function linkOf(o: OpenChange, lang: UiLanguage): string {
  if (o.read) return href(lang, `proposals/${o.change}`);
  if ('pullRequest' in o.vote) return o.vote.pullRequest;
  return href(lang, 'proposals');
}

/** Who proposed it, the summary, when it closes (in the reader's language), where it is voted. */
function facts(o: OpenChange, lang: UiLanguage, data: Pick<SiteData, 'members' | 'governance'>): string {
  const s = t(lang);
  const front = o.read?.proposal ?? o.objected?.front ?? o.pending?.front;
  const author = front ? (data.members.get(front.author)?.name ?? front.author) : undefined;
  const closes = o.decides?.closes ?? o.pending?.closes;
  const lines = [
    author === undefined ? '' : `<p>${e(labelOf(o, s))} · ${e(s.by)} ${e(author)}</p>`,
    front?.summary ? `<p lang="${e(front.lang ?? data.governance.config.defaultLanguage)}">${e(front.summary)}</p>` : '',
    closes ? `<p><strong>${e(o.pending ? s.actionFeeds.windowCloses : s.proposals.closes)}${e(s.colon)}</strong>${e(formatTime(closes, lang))}</p>` : '',
    'branch' in o.vote ? `<p>${e(s.proposals.branch)}${e(s.colon)}<code>${e(o.vote.branch)}</code></p>` : `<p>${e(s.proposals.pullRequest(o.vote.number))}${e(s.colon)}<a href="${e(o.vote.pullRequest)}">${e(o.vote.pullRequest)}</a></p>`,
  ];
  if (!o.read && !o.objected && !o.pending) lines.push(`<p>${e(s.proposals.textUnavailable)}</p>`);
  return lines.join('');
}

/** What it changes: each file of the change's diff with what the proposal's page says of it; a post's stage. */
function changes(o: OpenChange, s: Strings): string {
  if (o.pending) return `<p>${e(s.actionFeeds.unopposed(o.pending.hours))}</p>`;
  if (o.objected) return `<p>${e(s.actionFeeds.objected)}</p><p>${e(s.proposals.rulesCited)}${e(s.colon)}${o.objected.rules.map((r) => `<code>${e(r)}</code>`).join(', ')}</p>`;
  const read = o.read;
  if (!read) return '';
  const items = read.effects.map((effect) => `<li><code>${e(effect.path)}</code> · ${e(s.proposals.changes.status[effect.status] ?? effect.status)}${effectDetail(effect, read.kind, s)}</li>`);
  return `<p>${e(s.proposals.changes.title)}${e(s.colon)}</p><ul>${items.join('')}</ul>`;
}

function effectDetail(effect: FileEffect, kind: ProposalKind, s: Strings): string {
  const c = s.proposals.changes;
  const said = (label: string, value: string) => ` — ${e(label)}${e(s.colon)}${value}`;
  switch (effect.what) {
    case 'rule': {
      const title = effect.text?.title ?? effect.previous?.title;
      return title === undefined ? '' : ` — ${e(title)}`;
    }
    case 'settings':
      return effect.settings.length === 0 ? '' : ` — ${effect.settings.map((row) => `<code>${e(row.key)}</code> ${e(row.before ?? c.unset)} → ${e(row.after ?? c.unset)}`).join(', ')}`;
    case 'members': {
      const who = (label: string, lines: readonly { name: string; handle: string }[]) => (lines.length === 0 ? [] : [said(label, lines.map((m) => `${e(m.name)} (<code>${e(m.handle)}</code>)`).join(', '))]);
      return [...who(c.joins, effect.added), ...who(c.leaves, effect.removed), ...who(c.edits, effect.changed)].join('');
    }
    case 'post':
      return said(effect.status === 'deleted' ? c.hides : kind === 'moderation' ? c.restores : c.addsPost, e(effect.title ?? effect.post));
    default:
      return '';
  }
}

/** How to vote, as the proposal's page says it: the command, or the review on GitHub; a sealed vote says it is sealed. */
function howToVote(o: OpenChange, s: Strings): string {
  const a = s.actionFeeds;
  const branch = 'branch' in o.vote ? ` --branch ${shellWord(o.vote.branch)}` : '';
  const code = (command: string) => `<pre><code>${e(command)}</code></pre>`;
  const title = `<p><strong>${e(s.proposals.howToVote.title)}</strong></p>`;
  if (o.pending) {
    const review = 'pullRequest' in o.vote ? `<p>${e(a.objectReview)}</p>${code('rule: RULE')}<p><a href="${e(o.vote.pullRequest)}">${e(o.vote.pullRequest)}</a></p>` : '';
    return `${title}<p>${e(a.object)}</p>${code(`noclout vote ${o.change} no --rule RULE --reason "…"${branch}`)}${review}`;
  }
  if (o.decides?.sealed) {
    return 'branch' in o.vote ? `${title}<p>${e(a.sealed)}</p>${code(`noclout vote ${o.change} yes --sealed${branch}`)}` : `${title}<p>${e(a.sealedPullRequest)}</p><p><a href="${e(o.vote.pullRequest)}">${e(o.vote.pullRequest)}</a></p>`;
  }
  if ('pullRequest' in o.vote) return `${title}<p>${e(s.proposals.howToVote.review)}</p><p><a href="${e(o.vote.pullRequest)}">${e(o.vote.pullRequest)}</a></p>`;
  return `${title}<p>${e(a.vote)}</p>${code(`noclout vote ${o.change} yes --reason "…"${branch}`)}${o.read ? `<p>${e(a.byHand)}</p>` : ''}`;
}
