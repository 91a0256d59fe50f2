/**
 * The allow-list contributed Markdown is reduced to, after its raw HTML has been parsed.
 *
 * Threats it exists for (issue #2, "Safe Markdown from the start"): Astro 7 passes raw HTML in
 * Markdown straight to the page, so without this a post could run script (`<script>`, `on*=`
 * handlers, `javascript:` URLs), frame other sites (`<iframe>`), restyle the page to impersonate
 * the commons (`style`, `class`), make readers' browsers call third parties (remote `src`), or
 * forge search metadata (`data-pagefind-*`). Anything not listed here is dropped: the schema fails
 * closed, like hast-util-sanitize itself.
 */
import type { Options as SanitizeSchema } from 'rehype-sanitize';

const aria = ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy'];

/** Elements Markdown produces, plus a few harmless inline and disclosure elements. */
const tagNames = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'samp', 'section', 'span', 'strong', 'sub', 'summary', 'sup', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'var',
];

export const sanitizeSchema: SanitizeSchema = {
  tagNames,
  // Removed with their content; any other unknown element is unwrapped (its text kept).
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'title', 'svg', 'math'],
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'] },
  attributes: {
    // No `className` except the few GFM itself emits, no `style`, no `data-*` beyond footnotes:
    // the page's look and its search metadata belong to the commons, not to one author.
    a: [...aria, 'href', 'dataFootnoteBackref', 'dataFootnoteRef', ['className', 'data-footnote-backref']],
    blockquote: ['cite'],
    code: [['className', /^language-[\w-]+$/]],
    del: ['cite'],
    ins: ['cite'],
    q: ['cite'],
    h2: [['className', 'sr-only']],
    img: ['src', 'alt', 'title', 'width', 'height'],
    input: [['disabled', true], ['type', 'checkbox'], 'checked'],
    li: [['className', 'task-list-item']],
    ol: [...aria, 'start', ['className', 'contains-task-list']],
    ul: [...aria, ['className', 'contains-task-list']],
    section: ['dataFootnotes', ['className', 'footnotes']],
    td: ['align', 'colSpan', 'rowSpan', 'headers'],
    th: ['align', 'colSpan', 'rowSpan', 'headers', 'scope'],
    details: ['open'],
    '*': ['id', 'title', 'lang', 'dir', 'dateTime'],
  },
  required: { input: { disabled: true, type: 'checkbox' } },
  // Author ids are prefixed so a post cannot clobber the page's own ids (`#main`, `#search`).
  clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'id'],
  clobberPrefix: 'user-content-',
  // Relative URLs (no scheme) are always allowed; these are the schemes allowed besides them.
  // Images get no scheme at all: a remote image is a request to a third party (see rehype-outbound).
  protocols: {
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    src: [],
  },
  allowComments: false,
  allowDoctypes: false,
};
