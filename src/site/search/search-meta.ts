/**
 * The pure half of SearchMeta.astro: checks and normalizes what a layout passes in, so that a
 * wrong kind or an unparseable date fails the build with a clear message instead of producing a
 * page that silently drops out of a filter or sorts at the wrong place.
 */

/** The kinds of document a reader can filter on (issue #5). */
export const searchKinds = ['post', 'proposal', 'rule', 'policy', 'decision'] as const;
export type SearchKind = (typeof searchKinds)[number];

export interface SearchMetaProps {
  kind: SearchKind;
  title: string;
  /** Publication time (from the decision record or git), never the date an author typed. */
  date: Date | string;
  /** Language of the document's content (ISO 639-1), not of the UI around it. */
  lang: string;
  /** Member handle; absent for documents nobody authored (the policy, bot-written records). */
  author?: string | undefined;
  tags?: readonly string[] | undefined;
}

export interface SearchMetaFields {
  kind: SearchKind;
  title: string;
  /** ISO 8601 in UTC: sorts correctly as a string, which is how Pagefind compares sort keys. */
  date: string;
  lang: string;
  author: string | undefined;
  tags: string[];
}

/** Validates SearchMeta's props; throws an error naming the bad prop, what was expected and what came. */
export function searchMetaFields(props: SearchMetaProps): SearchMetaFields {
  if (!searchKinds.includes(props.kind)) {
    throw new Error(
      `SearchMeta: kind must be one of ${searchKinds.join(', ')}; received ${JSON.stringify(props.kind)}`,
    );
  }
  const title = props.title.trim();
  if (title === '') throw new Error(`SearchMeta: title is empty (kind ${props.kind})`);
  const time = props.date instanceof Date ? props.date : new Date(props.date);
  if (Number.isNaN(time.getTime())) {
    throw new Error(
      `SearchMeta: date of "${title}" is not a date; expected a Date or ISO 8601 like 2026-11-24T10:00:00Z, received ${JSON.stringify(String(props.date)).slice(0, 80)}`,
    );
  }
  if (!/^[a-z]{2}$/.test(props.lang)) {
    throw new Error(
      `SearchMeta: lang of "${title}" must be an ISO 639-1 code like "fr"; received ${JSON.stringify(props.lang)}`,
    );
  }
  const tags = [...new Set((props.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  const author = props.author?.trim() || undefined;
  return { kind: props.kind, title, date: time.toISOString(), lang: props.lang, author, tags };
}
