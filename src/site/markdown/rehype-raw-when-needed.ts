/**
 * rehype-raw re-parses the whole tree through an HTML parser, which is most of the cost of
 * rendering a post. Most posts hold no raw HTML at all; for them it would change nothing, so it is
 * skipped. The sanitizer runs after this either way: skipping only ever skips a no-op.
 */
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { VFile } from 'vfile';

function hasRaw(node: { type: string; children?: unknown[] }): boolean {
  if (node.type === 'raw') return true;
  return Array.isArray(node.children) && node.children.some((child) => hasRaw(child as { type: string; children?: unknown[] }));
}

export function rehypeRawWhenNeeded() {
  const raw = rehypeRaw() as (tree: Root, file: VFile) => Root;
  return (tree: Root, file: VFile): Root => (hasRaw(tree) ? raw(tree, file) : tree);
}
