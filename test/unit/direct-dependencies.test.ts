/**
 * Issue 13 review: src/ballots/sealed.ts imports @noble/curves, @noble/hashes and buffer, which
 * were only there because tlock-js needs them. A transitive package can change version or vanish
 * under any update of its parent, and `npm install --omit=dev` of a fork gives no warning: every
 * package the code imports at run time is a direct dependency in package.json, at the version
 * package-lock already resolves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };

/** Imported by the site's Markdown pipeline through Astro's own packages; not part of this review. */
const LEFT_TO_THE_SITE = new Set(['github-slugger', 'hast-util-to-html', 'unified', 'unist-util-visit']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|astro)$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The packages a file imports at run time (`import type` and `export type` erase). */
function runtimePackages(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm)) {
    const [, typeOnly, specifier] = m;
    if (typeOnly || specifier!.startsWith('.') || specifier!.startsWith('node:') || specifier!.startsWith('astro:')) continue;
    out.push(/^(@[^/]+\/[^/]+|[^/]+)/.exec(specifier!)![1]!);
  }
  return out;
}

describe('dependencies', () => {
  it('every package src/ imports at run time is a direct dependency (the sealed ballots\' @noble/curves, @noble/hashes, buffer)', () => {
    const imported = new Set(sources(join(ROOT, 'src')).flatMap((file) => runtimePackages(readFileSync(file, 'utf8'))));
    for (const sealed of ['@noble/curves', '@noble/hashes', 'buffer', 'tlock-js']) expect(imported).toContain(sealed);
    const missing = [...imported].filter((p) => !(p in pkg.dependencies) && !LEFT_TO_THE_SITE.has(p)).sort();
    expect(missing).toEqual([]);
  });

  it('at the version package-lock already resolves, the one tlock-js uses', () => {
    for (const name of ['@noble/curves', '@noble/hashes', 'buffer']) {
      const locked = lock.packages[`node_modules/${name}`]?.version;
      expect(locked, name).toBeDefined();
      expect(lock.packages['']!.dependencies?.[name], name).toBe(`^${locked}`);
      // No second copy: the code and tlock-js share one.
      expect(Object.keys(lock.packages).filter((k) => k.endsWith(`node_modules/${name}`)), name).toEqual([`node_modules/${name}`]);
    }
  });

  it('control: the reader sees a runtime import and skips a type-only one', () => {
    expect(runtimePackages("import { a } from 'left-pad';\nimport type { B } from 'types-only';\nimport {\n  c,\n} from '@scope/pkg/sub';\nimport './local.ts';\n")).toEqual(['left-pad', '@scope/pkg']);
  });
});
