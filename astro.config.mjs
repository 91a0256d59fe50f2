// @ts-check
/**
 * The reader-facing site. Static output, no client JavaScript of ours, a strict CSP, and every
 * contributed Markdown text rendered through src/site/markdown/pipeline.ts (sanitized).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { parseYaml } from './src/commons/yaml-document.ts';
import { commonsConfigSchema } from './src/commons/schema/commons-config.ts';
import { commonsDir } from './src/site/commons-dir.ts';
import { basePathOf } from './src/site/format.ts';
import { markdownOptions, syntaxHighlight } from './src/site/markdown/pipeline.ts';
import { keepBundle } from './src/site/incremental/keep-bundle.ts';
import { sitemapIntegration } from './src/site/sitemap.ts';

const configPath = path.join(commonsDir(), 'governance/commons.yml');
const parsed = parseYaml(readFileSync(configPath, 'utf8'), { path: 'governance/commons.yml' });
const config = commonsConfigSchema.safeParse(parsed.data);
if (parsed.problems.length > 0 || !config.success) {
  throw new Error(`${configPath}: cannot build the site without a valid commons.yml\n${JSON.stringify(parsed.problems.length > 0 ? parsed.problems : config.error?.issues, null, 2)}`);
}

// A GitHub Pages project site lives at https://org.github.io/commons/: its pages, feeds, assets
// and search bundle are all under /commons/ (docs/site.md, "Serving under a path").
const base = basePathOf(config.data.url);

export default defineConfig({
  site: config.data.url,
  base,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: Number(process.env.NOCLOUT_BUILD_CONCURRENCY || 4) },
  outDir: process.env.NOCLOUT_OUT_DIR || 'dist',
  // Tests and benchmarks build other commons side by side: each gets its own content cache.
  cacheDir: process.env.NOCLOUT_CACHE_DIR || './node_modules/.astro',
  // keepBundle: what an incremental build needs (src/site/incremental/); the sitemap leaves out /<lang>/404/.
  integrations: [keepBundle(), sitemapIntegration()],
  markdown: {
    syntaxHighlight,
    // @ts-expect-error readonly plugin tuples
    processor: unified(markdownOptions),
  },
  // The site's links are written by src/site/format.ts, which reads the base from here rather
  // than from import.meta.env.BASE_URL (see `siteBase` there for why).
  // Nothing inlined: Astro inlines a <script> whose bundle is under `assetsInlineLimit` (4 KB), and
  // the CSP (src/site/csp.ts) allows no inline script and no data: URL (the post pages' dated
  // links script, src/site/dated-links/, is a few hundred bytes).
  vite: { define: { __NOCLOUT_BASE__: JSON.stringify(`${base ?? ''}/`) }, build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  // The CSP <meta> is written by the layout (src/site/csp.ts), not by Astro's `security.csp`.
});
