/**
 * Runs after the sanitizer, on HTML that is already safe to execute nothing; it only keeps
 * readers' browsers from talking to anyone but the commons and keeps in-page links working.
 *
 * - An image whose source is not on this site (`//host/x.png` passes the sanitizer's scheme check
 *   because it has no scheme) becomes a plain link: loading it would tell a third party who reads.
 * - Links leaving the site get `rel="ugc noopener noreferrer"`: contributed, and no referrer.
 * - Code blocks can be focused (tabindex 0), so readers on a keyboard can scroll long lines.
 * - Headings get ids with the same `user-content-` prefix the sanitizer gives authors' ids, and
 *   in-page links (`#…`) are prefixed alike, so footnotes and tables of contents still work.
 */
import type { Element, ElementContent, Root } from 'hast';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';

export const ID_PREFIX = 'user-content-';

/** True for a URL that a browser would resolve to another host or scheme. */
export function leavesSite(url: string): boolean {
  const trimmed = url.trim();
  return trimmed.startsWith('//') || trimmed.startsWith('\\') || /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
}

export function rehypeOutbound() {
  return (tree: Root): void => {
    const slugger = new GithubSlugger();
    visit(tree, 'element', (node: Element, index, parent) => {
      const props = node.properties;
      if (node.tagName === 'img') {
        const src = typeof props.src === 'string' ? props.src : '';
        if (src === '' || leavesSite(src)) {
          if (!parent || index === undefined) return;
          const alt = typeof props.alt === 'string' && props.alt.trim() !== '' ? props.alt : src;
          const replacement: ElementContent =
            src === ''
              ? { type: 'text', value: alt }
              : { type: 'element', tagName: 'a', properties: { href: src, rel: ['ugc', 'noopener', 'noreferrer'] }, children: [{ type: 'text', value: `[${alt}]` }] };
          parent.children[index] = replacement;
        }
        return;
      }
      if (node.tagName === 'a' && typeof props.href === 'string') {
        const href = props.href;
        if (href.startsWith('#') && !href.startsWith(`#${ID_PREFIX}`)) props.href = `#${ID_PREFIX}${href.slice(1)}`;
        else if (leavesSite(href)) props.rel = ['ugc', 'noopener', 'noreferrer'];
        return;
      }
      if (node.tagName === 'pre' || node.tagName === 'table') {
        props.tabIndex = 0;
        return;
      }
      if (/^h[1-6]$/.test(node.tagName) && typeof props.id !== 'string') {
        props.id = ID_PREFIX + slugger.slug(textOf(node));
      }
    });
  };
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
