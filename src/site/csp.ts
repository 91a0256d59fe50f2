/**
 * The Content-Security-Policy every page carries in a `<meta>` (Layout.astro, pages/index.astro).
 * Written here rather than by Astro's `security.csp`: ours has no inline script or style to hash,
 * and Astro hashed an empty string for every page's stylesheet link (2 s of a 10,000-post build)
 * to add hashes of scripts no page has. Nothing inline is allowed, so an inline script anyone
 * adds later is blocked rather than silently trusted.
 *
 * A `<meta>` cannot carry `frame-ancestors`: scripts/serve.ts sends it as a header.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'none'",
  "worker-src 'self'",
  // Pagefind (the search page) compiles WebAssembly; nothing else needs more than 'self'.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
].join('; ');
