/**
 * Where each kind of file lives in a commons (DESIGN.md, The commons
 * repository). Paths are allow-listed: anything under content/ or governance/
 * that matches no pattern is refused, so an unexpected file never slips in.
 */
import { slugify } from './slug.ts';

export type FileKind =
  | { kind: 'post'; id: string; year: string; slug: string }
  | { kind: 'proposal'; slug: string }
  | { kind: 'commons' }
  | { kind: 'policy' }
  | { kind: 'members' }
  | { kind: 'rule'; slug: string }
  | { kind: 'ballot'; change: string; handle: string }
  | { kind: 'decision'; id: string; year: string; number: string; slug: string }
  | { kind: 'placeholder' }
  | { kind: 'other-commons'; why: string; ext: string; like: string; yearFolder: boolean }
  | { kind: 'platform' };

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const HANDLE = '[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?';
const POST = new RegExp(`^content/posts/(\\d{4})/(${SLUG})\\.md$`);
const PROPOSAL = new RegExp(`^content/proposals/(${SLUG})\\.md$`);
const RULE = new RegExp(`^governance/rules/(${SLUG})\\.md$`);
const BALLOT = new RegExp(`^governance/ballots/(${SLUG})/(${HANDLE})\\.yml$`);
const DECISION = new RegExp(`^governance/decisions/(\\d{4})/(\\d{4})-(${SLUG})\\.md$`);
/** An empty `.gitkeep` keeps a folder in git before it has files (a new commons' content/posts/); validation checks it is empty. */
const PLACEHOLDER = /^(?:content|governance)\/(?:[a-z0-9-]+\/)*\.gitkeep$/;

/** Extensions that are code, not content: MDX and Astro run at build time, HTML carries scripts. */
export const FORBIDDEN_EXTENSIONS = ['.mdx', '.astro', '.html', '.htm', '.svg', '.js', '.mjs', '.ts', '.jsx', '.tsx', '.xhtml'];

/** The commons' own top-level folders; everything else in a repository is platform code. */
export function isCommonsPath(path: string): boolean {
  return path.startsWith('content/') || path.startsWith('governance/');
}

/** Classify one repository path. */
export function fileKindOf(path: string): FileKind {
  if (!isCommonsPath(path)) return { kind: 'platform' };
  let m: RegExpExecArray | null;
  if ((m = POST.exec(path))) return { kind: 'post', id: `${m[1]}/${m[2]}`, year: m[1]!, slug: m[2]! };
  if ((m = PROPOSAL.exec(path))) return { kind: 'proposal', slug: m[1]! };
  if (path === 'governance/commons.yml') return { kind: 'commons' };
  if (path === 'governance/policy.md') return { kind: 'policy' };
  if (path === 'governance/members.yml') return { kind: 'members' };
  if ((m = RULE.exec(path))) return { kind: 'rule', slug: m[1]! };
  if ((m = BALLOT.exec(path))) return { kind: 'ballot', change: m[1]!, handle: m[2]! };
  if ((m = DECISION.exec(path))) return { kind: 'decision', id: `${m[1]}/${m[2]}-${m[3]}`, year: m[1]!, number: m[2]!, slug: m[3]! };
  if (PLACEHOLDER.test(path)) return { kind: 'placeholder' };
  const lower = path.toLowerCase();
  const ext = FORBIDDEN_EXTENSIONS.find((e) => lower.endsWith(e));
  if (ext) return { kind: 'other-commons', why: `${ext} files are code, not content: Markdown (.md) is the only contributed format`, ext, like: '', yearFolder: false };
  const like = layoutSuggestion(path);
  const yearFolder = like.includes('<yyyy>');
  const suggestion = like === '' ? '' : yearFolder ? `: a post lives in a year folder, like ${like}` : `: file names are lowercase ASCII words joined by hyphens, like ${like}`;
  return { kind: 'other-commons', why: `this path matches none of the commons layouts${suggestion}`, ext: '', like, yearFolder };
}

/** For a near miss (capitals, spaces, accents in the name; a post outside a year folder), the path that would be accepted, or ''. */
function layoutSuggestion(path: string): string {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot).toLowerCase()] : [name, ''];
  const folded = slugify(stem);
  const candidates = [`${path.slice(0, slash + 1)}${folded}${ext}`];
  if (/^content\/posts\/[^/]+$/.test(path)) candidates.push(`content/posts/<yyyy>/${folded}${ext}`);
  const fits = candidates.find((candidate) => candidate !== path && folded !== '' && fileKindOf(candidate.replace('<yyyy>', '2000')).kind !== 'other-commons');
  return fits ?? '';
}

/** The expected layout, for hints. */
export const LAYOUT_HINT = [
  'content/posts/<yyyy>/<slug>.md',
  'content/proposals/<slug>.md',
  'governance/rules/<slug>.md',
  'governance/ballots/<change>/<handle>.yml',
  'governance/{commons.yml,policy.md,members.yml}',
].join(', ');
