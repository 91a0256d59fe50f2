/**
 * The search page's own words, in each UI language. Kept beside the search code (not in
 * src/i18n/) because the browser script needs them too: the page hands them to it as data.
 */
import { count as countOf } from '../../commons/plural.ts';
import type { SearchKind } from './search-meta.ts';
import type { SearchSort } from './search-query.ts';

export const searchLanguages = ['fr', 'en'] as const;
export type SearchLanguage = (typeof searchLanguages)[number];

export interface SearchStrings {
  pageTitle: string;
  intro: string;
  queryLabel: string;
  submit: string;
  filtersLegend: string;
  kindLabel: string;
  tagLabel: string;
  languageLabel: string;
  authorLabel: string;
  anyValue: string;
  sortLabel: string;
  sorts: Record<SearchSort, string>;
  kinds: Record<SearchKind, string>;
  languageNames: Record<string, string>;
  /** Shown while the index loads or a search runs. */
  searching: string;
  /** `{count}` results, then how they are ordered (every list says how it is ordered). */
  resultCount: (count: number) => string;
  /**
   * Said instead of a count when the author filter is set: "28 results" for one author's posts
   * would be a per-person total, which the site never shows (no clout, DESIGN.md principle 1).
   */
  resultsUncounted: string;
  orderedBy: Record<SearchSort, string>;
  noResults: string;
  emptyQuery: string;
  moreResults: string;
  /**
   * Ends the status line while the search has read only the recent part of a large commons (the
   * index is split by period, docs/search.md): `{date}` is the first day searched.
   */
  searchedSince: string;
  /** The button that adds the periods before `{date}` to the search. */
  searchOlder: string;
  loadFailed: string;
  noscript: string;
  tagsLink: string;
  authorsLink: string;
  whyLink: string;
}

export const searchStrings: Record<SearchLanguage, SearchStrings> = {
  fr: {
    pageTitle: 'Rechercher',
    intro: 'Cherchez dans les billets, propositions, règles, la politique et les décisions du commun.',
    queryLabel: 'Mots à chercher',
    submit: 'Rechercher',
    filtersLegend: 'Affiner',
    kindLabel: 'Type',
    tagLabel: 'Étiquette',
    languageLabel: 'Langue du texte',
    authorLabel: 'Auteur ou autrice',
    anyValue: 'Tous',
    sortLabel: 'Ordre',
    sorts: { relevance: 'Correspondance du texte', newest: 'Plus récents d’abord', oldest: 'Plus anciens d’abord' },
    kinds: { post: 'Billet', proposal: 'Proposition', rule: 'Règle', policy: 'Politique', decision: 'Décision' },
    languageNames: { fr: 'français', en: 'anglais' },
    searching: 'Recherche…',
    resultCount: (count) => countOf(count, 'résultat', 'fr'),
    resultsUncounted: 'Résultats',
    orderedBy: {
      relevance: 'classés selon la seule correspondance avec les mots cherchés',
      newest: 'du plus récent au plus ancien',
      oldest: 'du plus ancien au plus récent',
    },
    noResults: 'Aucun résultat.',
    emptyQuery: 'Tapez un mot ou choisissez un filtre.',
    moreResults: 'Plus de résultats',
    searchedSince: 'parmi les documents publiés depuis le {date}',
    searchOlder: 'Chercher aussi avant le {date}',
    loadFailed: 'La recherche n’a pas pu se charger. Les pages des étiquettes et des auteurs restent disponibles.',
    noscript:
      'La recherche a besoin de JavaScript : elle se fait dans votre navigateur, sans serveur. Sans JavaScript, parcourez les pages des étiquettes et des auteurs.',
    tagsLink: 'Toutes les étiquettes',
    authorsLink: 'Tous les auteurs et autrices',
    whyLink: 'Pourquoi rien n’est classé par popularité',
  },
  en: {
    pageTitle: 'Search',
    intro: 'Search the commons’ posts, proposals, rules, policy and decisions.',
    queryLabel: 'Words to search for',
    submit: 'Search',
    filtersLegend: 'Narrow down',
    kindLabel: 'Kind',
    tagLabel: 'Tag',
    languageLabel: 'Language of the text',
    authorLabel: 'Author',
    anyValue: 'Any',
    sortLabel: 'Order',
    sorts: { relevance: 'Text match', newest: 'Newest first', oldest: 'Oldest first' },
    kinds: { post: 'Post', proposal: 'Proposal', rule: 'Rule', policy: 'Policy', decision: 'Decision' },
    languageNames: { fr: 'French', en: 'English' },
    searching: 'Searching…',
    resultCount: (count) => countOf(count, 'result'),
    resultsUncounted: 'Results',
    orderedBy: {
      relevance: 'ordered by how well the text matches your words, nothing else',
      newest: 'newest first',
      oldest: 'oldest first',
    },
    noResults: 'No results.',
    emptyQuery: 'Type a word or pick a filter.',
    moreResults: 'More results',
    searchedSince: 'among the documents published since {date}',
    searchOlder: 'Also search before {date}',
    loadFailed: 'Search could not load. The tag and author pages are still there.',
    noscript:
      'Search needs JavaScript: it runs in your browser, with no server. Without JavaScript, browse the tag and author pages.',
    tagsLink: 'All tags',
    authorsLink: 'All authors',
    whyLink: 'Why nothing is ranked by popularity',
  },
};

/**
 * The strings the browser script needs, as JSON-safe data (functions become templates): `resultOne`
 * is the singular form with the number 1 ("1 résultat", which French also uses for 0), `resultMany`
 * the plural with `{count}`; the script picks one with `Intl.PluralRules`.
 */
export interface ClientSearchStrings extends Omit<SearchStrings, 'resultCount'> {
  resultOne: string;
  resultMany: string;
}

export function clientSearchStrings(language: SearchLanguage): ClientSearchStrings {
  const { resultCount, ...rest } = searchStrings[language];
  return { ...rest, resultOne: resultCount(1), resultMany: resultCount(2).replace('2', '{count}') };
}

export function isSearchLanguage(value: string | undefined): value is SearchLanguage {
  return (searchLanguages as readonly string[]).includes(value ?? '');
}
