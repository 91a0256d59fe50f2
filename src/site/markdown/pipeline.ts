/**
 * The one Markdown pipeline for everything contributed (posts, proposals, rules, the policy's
 * prose, decision records): the content loader and governance-files.ts render through
 * `renderMarkdown` below, so no contributed text reaches a page by another road. astro.config.mjs
 * gives Astro's own processor (remark) the same plugins, for any Markdown page under src/pages.
 *
 * Order matters: the parser keeps raw HTML as `raw` nodes; rehype-raw parses them into elements
 * (only when there are any: see rehype-raw-when-needed.ts) so the sanitizer sees real elements
 * and keeps the harmless ones instead of dropping opaque strings; then the sanitizer; then the
 * outbound rewrites, which assume sanitized input.
 */
import type { Element, Root } from 'hast';
import type { MarkdownRenderer } from '@astrojs/markdown-remark';
import { toHtml } from 'hast-util-to-html';
import rehypeSanitize from 'rehype-sanitize';
import { markdownToHast, type Features } from 'satteri';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { rehypeRawWhenNeeded } from './rehype-raw-when-needed.ts';
import { rehypeOutbound } from './rehype-outbound.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/** Astro's processor options (astro.config.mjs): the same plugins behind remark. */
export const markdownOptions = {
  rehypePlugins: [rehypeRawWhenNeeded, [rehypeSanitize, sanitizeSchema], rehypeOutbound],
  // Footnote ids come out unprefixed so the sanitizer prefixes them once, like every author id.
  remarkRehype: { clobberPrefix: '' },
  gfm: true,
  // Typographic quotes cost a natural-language parse of every post (a third of rendering time);
  // authors type the punctuation they want.
  smartypants: false,
} as const;

/** Class-based highlighting would need more CSS and inline Shiki colours break the CSP: none. */
export const syntaxHighlight = false as const;

export interface RenderedMarkdown {
  html: string;
  headings: { depth: number; slug: string; text: string }[];
}

/**
 * Parsing: Sätteri, Astro's native (Rust) Markdown parser, about six times faster than remark on
 * our posts. It gives the same hast as remark-rehype (raw HTML as `raw` nodes, GFM tables, task
 * lists, footnotes), which then goes through the same plugins as before.
 */
const features: Features = {
  gfm: { footnotes: { clobberPrefix: '' } },
  // The front matter is already cut off by the one reader; a body that starts with `---` is a rule.
  frontmatter: false,
};

/** Sätteri writes a GFM column alignment as `style`, which the sanitizer drops: say it as `align`. */
function tableAlignment() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const match = /^text-align: (left|center|right)$/.exec(String(node.properties.style ?? ''));
      if (!match) return;
      delete node.properties.style;
      node.properties.align = match[1];
    });
  };
}

const processor = unified()
  .use(tableAlignment)
  .use(rehypeRawWhenNeeded)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeOutbound);

function headingsOf(tree: Root): RenderedMarkdown['headings'] {
  const headings: RenderedMarkdown['headings'] = [];
  visit(tree, 'element', (node: Element) => {
    const level = /^h([1-6])$/.exec(node.tagName)?.[1];
    if (level && typeof node.properties.id === 'string') headings.push({ depth: Number(level), slug: node.properties.id, text: textOf(node) });
  });
  return headings;
}

function textOf(node: Root | Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}

/**
 * Sätteri 0.10 ends a `<script>`, `<pre>`, `<style>` or `<textarea>` HTML block only at a
 * lowercase closing tag, where CommonMark accepts any case: after `</SCRIPT>` the rest of the
 * document would stay raw HTML and lose its Markdown (still sanitized, but unreadable). The few
 * texts with such a tag go through remark, which the same plugins follow; a test holds both
 * parsers to the same HTML.
 */
export function needsRemark(markdown: string): boolean {
  for (const match of markdown.matchAll(/<\/(script|pre|style|textarea)/gi)) if (match[1] !== match[1]!.toLowerCase()) return true;
  return false;
}

let remark: Promise<MarkdownRenderer> | undefined;

/** The same plugins behind remark (Astro's processor). */
export async function renderWithRemark(markdown: string): Promise<RenderedMarkdown> {
  // Loaded here, for the rare text that needs it: it costs 0.2 s to load, which an incremental build would pay on every merge.
  remark ??= import('@astrojs/markdown-remark').then(({ createMarkdownProcessor }) => createMarkdownProcessor({
    // @ts-expect-error the plugin tuple types of unified and Astro disagree on readonly arrays
    rehypePlugins: [tableAlignment, ...markdownOptions.rehypePlugins],
    remarkRehype: markdownOptions.remarkRehype,
    gfm: markdownOptions.gfm,
    smartypants: markdownOptions.smartypants,
    syntaxHighlight,
  }));
  const { code, metadata } = await (await remark).render(markdown);
  return { html: code, headings: metadata.headings };
}

/** Render contributed Markdown (body only, front matter already removed) to sanitized HTML. */
export async function renderMarkdown(markdown: string): Promise<RenderedMarkdown> {
  if (needsRemark(markdown)) return renderWithRemark(markdown);
  const tree = (await processor.run(markdownToHast(markdown, { position: false, features }) as Root)) as Root;
  return { html: toHtml(tree), headings: headingsOf(tree) };
}
