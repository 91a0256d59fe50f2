/**
 * The one Markdown pipeline for everything contributed (posts, proposals, rules, the policy's
 * prose, decision records). astro.config.mjs hands the same options to Astro's processor, and the
 * content loader renders through `renderMarkdown` below, so no contributed text reaches a page by
 * another road.
 *
 * Order matters: remark-rehype keeps raw HTML as `raw` nodes; rehype-raw parses them into elements
 * (only when there are any: see rehype-raw-when-needed.ts) so the sanitizer sees real elements
 * and keeps the harmless ones instead of dropping opaque strings; then the sanitizer; then the
 * outbound rewrites, which assume sanitized input.
 */
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { rehypeRawWhenNeeded } from './rehype-raw-when-needed.ts';
import rehypeSanitize from 'rehype-sanitize';
import { rehypeOutbound } from './rehype-outbound.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

/** Options for `unified()` from @astrojs/markdown-remark and for `createMarkdownProcessor`. */
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

let renderer: Promise<MarkdownRenderer> | undefined;

export interface RenderedMarkdown {
  html: string;
  headings: { depth: number; slug: string; text: string }[];
}

/** Render contributed Markdown (body only, front matter already removed) to sanitized HTML. */
export async function renderMarkdown(markdown: string): Promise<RenderedMarkdown> {
  renderer ??= createMarkdownProcessor({
    // @ts-expect-error the plugin tuple types of unified and Astro disagree on readonly arrays
    rehypePlugins: [...markdownOptions.rehypePlugins],
    remarkRehype: markdownOptions.remarkRehype,
    gfm: markdownOptions.gfm,
    smartypants: markdownOptions.smartypants,
    syntaxHighlight,
  });
  const { code, metadata } = await (await renderer).render(markdown);
  return { html: code, headings: metadata.headings };
}
