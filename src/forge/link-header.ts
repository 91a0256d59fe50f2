/**
 * GitHub paginates lists and says where the next page is in the `Link` header:
 * `<https://api.github.com/…?page=2>; rel="next", <…?page=5>; rel="last"`.
 */

/** The URL marked rel="next", or undefined on the last page. */
export function nextPageUrl(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rels = /\brel\s*=\s*"?([^";]*)"?/.exec(match[2]!)?.[1]?.split(/\s+/) ?? [];
    if (rels.includes('next')) return match[1];
  }
  return undefined;
}
