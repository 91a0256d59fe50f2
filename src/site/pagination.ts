/** Cutting long lists into static pages. Page 1 has no number in its URL. */
export const PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  /** 1-based. */
  number: number;
  count: number;
}

export function paginate<T>(items: readonly T[], size = PAGE_SIZE): Page<T>[] {
  const count = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: count }, (_, i) => ({ items: items.slice(i * size, (i + 1) * size), number: i + 1, count }));
}

/** The `[...page]` route param for a page number: undefined for page 1. */
export function pageParam(number: number): string | undefined {
  return number === 1 ? undefined : String(number);
}
