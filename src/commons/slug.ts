/**
 * File names from titles: accents folded, lowercase ASCII words joined by
 * hyphens, so a slug reads the same in every shell and URL.
 * Example: slugify("Égalité des voix") → "egalite-des-voix".
 */
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', þ: 'th', ð: 'd' };

/**
 * Greek and Cyrillic letters in plain Latin (simplified ELOT 743 and ISO 9-like readings), applied
 * after accents are removed, so "Ισότητα ψήφων" → isotita-psifon and "Привет мир" → privet-mir.
 * Scripts without letters to fold (Chinese, Japanese, Arabic…) give no slug: `noclout new` then
 * asks for --slug rather than inventing a meaningless name.
 */
const TRANSLITERATION: Record<string, string> = Object.fromEntries(
  [
    'α a β v γ g δ d ε e ζ z η i θ th ι i κ k λ l μ m ν n ξ x ο o π p ρ r σ s ς s τ t υ y φ f χ ch ψ ps ω o',
    'а a б b в v г g д d е e ж zh з z и i к k л l м m н n о o п p р r с s т t у u ф f х kh ц ts ч ch ш sh щ shch ъ _ ы y ь _ э e ю yu я ya і i ї i є ye ґ g ў u ђ dj ј j љ lj њ nj ћ c џ dz',
  ]
    .join(' ')
    .split(' ')
    .reduce<[string, string][]>((pairs, word, i, words) => (i % 2 === 0 ? [...pairs, [word, words[i + 1] === '_' ? '' : words[i + 1]!]] : pairs), []),
);

export const MAX_SLUG_LENGTH = 80;

export function slugify(title: string): string {
  const folded = title
    .replace(/[œŒæÆßøØłŁđĐþð]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u0370-\u03ff\u0400-\u04ff]/g, (c) => TRANSLITERATION[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (folded.length <= MAX_SLUG_LENGTH) return folded;
  const cut = folded.slice(0, MAX_SLUG_LENGTH);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}
