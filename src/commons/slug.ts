/**
 * File names from titles: accents folded, lowercase ASCII words joined by
 * hyphens, so a slug reads the same in every shell and URL.
 * Example: slugify("Égalité des voix") → "egalite-des-voix".
 */
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', þ: 'th', ð: 'd' };

export const MAX_SLUG_LENGTH = 80;

export function slugify(title: string): string {
  const folded = title
    .replace(/[œŒæÆßøØłŁđĐþð]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (folded.length <= MAX_SLUG_LENGTH) return folded;
  const cut = folded.slice(0, MAX_SLUG_LENGTH);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}
