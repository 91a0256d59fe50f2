/**
 * Picks search words from the Markdown of the tests' demo commons (test/fixtures/demo-commons), so
 * the browser tests do not break when a demo text is reworded: a word that occurs in exactly one
 * document, or in documents of two kinds.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export type DemoKind = 'post' | 'proposal' | 'rule' | 'policy' | 'decision';

export interface DemoDocument {
  /** Commons-relative path, e.g. `content/posts/2026/equal-voices.md`. */
  path: string;
  kind: DemoKind;
  /** `lang` from the front matter, when there is one. */
  lang: string | undefined;
  words: Set<string>;
}

function kindOf(path: string): DemoKind | undefined {
  if (path.startsWith('content/posts/')) return 'post';
  if (path.startsWith('content/proposals/')) return 'proposal';
  if (path.startsWith('governance/rules/')) return 'rule';
  if (path === 'governance/policy.md') return 'policy';
  if (path.startsWith('governance/decisions/')) return 'decision';
  return undefined;
}

/**
 * Lowercase words of letters only (accents included), 7 letters or more: specific enough to
 * search. A token glued to an elision or a hyphen (`d’abonnés`, `vingt-quatre`) is skipped: it is
 * not indexed as the bare word.
 */
function wordsOf(text: string): Set<string> {
  const tokens = text.toLowerCase().split(/[\s.,;:!?()«»"“”\[\]{}*_`#>|/\\]+/u);
  return new Set(tokens.filter((token) => /^\p{L}{7,}$/u.test(token)));
}

export async function readDemoDocuments(commons: string): Promise<DemoDocument[]> {
  const documents: DemoDocument[] = [];
  for (const entry of await readdir(commons, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const file = join(entry.parentPath, entry.name);
    const path = relative(commons, file).split('\\').join('/');
    const kind = kindOf(path);
    if (kind === undefined) continue;
    const text = await readFile(file, 'utf8');
    const lang = /^lang:\s*(\w+)/m.exec(text)?.[1];
    // Only the body: front matter fields such as `summary` may not be part of the indexed page.
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
    documents.push({ path, kind, lang, words: wordsOf(body) });
  }
  return documents.sort((a, b) => a.path.localeCompare(b.path));
}

/** The first word (alphabetically) found in exactly one document, that document matching `accept`. */
export function wordInExactlyOne(
  documents: readonly DemoDocument[],
  accept: (document: DemoDocument) => boolean,
): { word: string; document: DemoDocument } {
  const owners = new Map<string, DemoDocument[]>();
  for (const document of documents) {
    for (const word of document.words) owners.set(word, [...(owners.get(word) ?? []), document]);
  }
  const candidates = [...owners.entries()]
    .filter(([, list]) => list.length === 1 && accept(list[0]!))
    .map(([word, list]) => ({ word, document: list[0]! }))
    .sort((a, b) => a.word.localeCompare(b.word));
  const first = candidates[0];
  if (first === undefined) throw new Error('demo commons: no word occurs in exactly one matching document');
  return first;
}

/** The first word (alphabetically) found both in a document of kind `a` and one of kind `b`. */
export function wordInBoth(documents: readonly DemoDocument[], a: DemoKind, b: DemoKind, lang: string): string {
  const inKind = (kind: DemoKind) =>
    new Set(documents.filter((d) => d.kind === kind && (d.lang ?? lang) === lang).flatMap((d) => [...d.words]));
  const second = inKind(b);
  const shared = [...inKind(a)].filter((word) => second.has(word)).sort();
  if (shared[0] === undefined) throw new Error(`demo commons: no word in both a ${a} and a ${b}`);
  return shared[0];
}
