/**
 * No Astro content collections (issue 14). The site reads the commons itself when pages render
 * (src/site/commons-loader.ts, on the same zod schemas as `noclout check` and the bot, from the
 * commons named by env NOCLOUT_COMMONS), so the compiled pages hold no content: Astro's content
 * store was inlined into the bundle, which then had to be rebuilt for every post, and held in
 * memory whole. docs/site.md, Incremental builds.
 */
export const collections = {};
