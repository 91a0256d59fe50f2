/**
 * What an open change would do to the commons, file by file, for the proposal's page ("What it
 * changes"): a rule's new wording (and the wording it replaces), the policy or commons settings
 * it moves (before → after), who joins or leaves the roster, the post a moderation hides or an
 * appeal restores. The caller reads git; this module only compares texts.
 *
 * Three texts per file, because main may have moved since the change was written: `base` is what
 * the change started from (the merge base), `head` what it proposes, `main` what is in force now.
 * A setting or member counts as changed when the change itself changed it (base → head), and is
 * shown as main's value → the head's value: what merging the change would do. Contributed Markdown
 * goes through the site's one sanitizing pipeline (`renderMarkdown`), never around it.
 */
import { fileKindOf } from '../commons/layout.ts';
import { readFrontMatter } from '../commons/front-matter.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import { renderMarkdown } from './markdown/pipeline.ts';
import { splitProse } from '../commons/prose-languages.ts';

export type ChangeStatus = 'added' | 'modified' | 'deleted';

/** One file of the change with the texts that matter (undefined: no such file on that side, or not text). */
export interface ChangedText {
  path: string;
  status: ChangeStatus;
  base?: string;
  main?: string;
  head?: string;
}

/** A setting (a leaf of the YAML, by its dotted key) and its value now and after the change; undefined: not set. */
export interface SettingChange {
  key: string;
  before?: string;
  after?: string;
}

export interface MemberLine {
  handle: string;
  name: string;
  /** For a member who stays: the fields the change edits (keys, name, github…). */
  fields?: string[];
}

/** Rendered Markdown: sanitized HTML and the language its front matter names, if any. */
export interface RenderedText {
  title?: string;
  lang?: string;
  html: string;
}

export type FileEffect = { path: string; status: ChangeStatus } & (
  | { what: 'rule'; slug: string; text?: RenderedText; previous?: RenderedText }
  | { what: 'settings'; file: 'policy' | 'commons'; settings: SettingChange[]; prose?: { text: RenderedText; previous?: RenderedText } }
  | { what: 'members'; added: MemberLine[]; removed: MemberLine[]; changed: MemberLine[] }
  | { what: 'post'; post: string; title?: string }
  | { what: 'proposal'; slug: string }
  | { what: 'ballot'; change: string; voter: string }
  | { what: 'file' }
);

/** What each file of the change does, in the order given (the diff's path order). */
export async function changeEffects(files: readonly ChangedText[]): Promise<FileEffect[]> {
  return Promise.all(files.map(effectOf));
}

async function effectOf(file: ChangedText): Promise<FileEffect> {
  const { path, status } = file;
  const kind = fileKindOf(path);
  // What the change would replace: main's text now, or the one it started from when main has none.
  const previous = status === 'added' ? undefined : (file.main ?? file.base);
  switch (kind.kind) {
    case 'rule': {
      const effect: FileEffect = { path, status, what: 'rule', slug: kind.slug };
      if (file.head !== undefined) effect.text = await rendered(file.head, path);
      if (previous !== undefined) effect.previous = await rendered(previous, path);
      return effect;
    }
    case 'policy':
      return { path, status, what: 'settings', file: 'policy', ...(await policyEffect(file, path)) };
    case 'commons':
      return { path, status, what: 'settings', file: 'commons', settings: settingChanges(yamlOf(file.base, path), yamlOf(file.main, path), yamlOf(file.head, path)) };
    case 'members':
      return { path, status, what: 'members', ...memberChanges(file, path) };
    case 'post':
      return { path, status, what: 'post', post: kind.id, ...titleOf(file.head ?? previous, path) };
    case 'proposal':
      return { path, status, what: 'proposal', slug: kind.slug };
    case 'ballot':
      return { path, status, what: 'ballot', change: kind.change, voter: kind.handle };
    default:
      return { path, status, what: 'file' };
  }
}

/**
 * A Markdown file's title and language from its front matter, and its body through the sanitizing
 * pipeline. A rule or policy text in several languages (`<!-- lang: xx -->` sections) shows every
 * language, since the vote covers them all, each section inside an element marked with its own.
 */
async function rendered(text: string, path: string): Promise<RenderedText> {
  const front = readFrontMatter(text, { path });
  const data = isRecord(front.data) ? front.data : {};
  const [own, ...others] = splitProse(front.body, { lang: typeof data.lang === 'string' ? data.lang : '', path, bodyLine: front.bodyLine }).sections;
  let html = (await renderMarkdown(own!.body)).html;
  // A section's language matched /^[a-z]{2,3}$/ (prose-languages.ts): safe in an attribute.
  for (const section of others) html += `<div lang="${section.lang}">${(await renderMarkdown(section.body)).html}</div>`;
  const out: RenderedText = { html };
  if (typeof data.title === 'string') out.title = data.title;
  if (typeof data.lang === 'string') out.lang = data.lang;
  return out;
}

function titleOf(text: string | undefined, path: string): { title?: string } {
  if (text === undefined) return {};
  const data = readFrontMatter(text, { path }).data;
  return isRecord(data) && typeof data.title === 'string' ? { title: data.title } : {};
}

/** The policy's numbers (front matter) the change moves, and its prose when the change rewrites it. */
async function policyEffect(file: ChangedText, path: string): Promise<{ settings: SettingChange[]; prose?: { text: RenderedText; previous?: RenderedText } }> {
  const front = (text: string | undefined) => (text === undefined ? undefined : readFrontMatter(text, { path }));
  const [base, main, head] = [front(file.base), front(file.main), front(file.head)];
  const settings = settingChanges(base?.data, main?.data, head?.data);
  // Whitespace at the ends (a lost final newline) is no rewrite of the prose.
  if (!head || head.body.trim() === base?.body.trim()) return { settings };
  const previousText = file.main ?? file.base;
  const prose: { text: RenderedText; previous?: RenderedText } = { text: await rendered(file.head!, path) };
  if (previousText !== undefined) prose.previous = await rendered(previousText, path);
  return { settings, prose };
}

function yamlOf(text: string | undefined, path: string): unknown {
  return text === undefined ? undefined : parseYaml(text, { path }).data;
}

/**
 * The leaves the change moves (base → head differ), each as main's value → the head's value; a
 * leaf main already holds at the head's value is left out (merging would not change it).
 *
 * @example settingChanges({ posts: { objectionHours: 24 } }, same, { posts: { objectionHours: 48 } })
 *   → [{ key: 'posts.objectionHours', before: '24', after: '48' }]
 */
export function settingChanges(base: unknown, main: unknown, head: unknown): SettingChange[] {
  const [b, m, h] = [leaves(base), leaves(main ?? base), leaves(head)];
  const keys = [...new Set([...b.keys(), ...h.keys()])].filter((key) => b.get(key) !== h.get(key)).sort();
  const out: SettingChange[] = [];
  for (const key of keys) {
    const change: SettingChange = { key };
    const before = m.get(key);
    const after = h.get(key);
    if (before === after) continue;
    if (before !== undefined) change.before = before;
    if (after !== undefined) change.after = after;
    out.push(change);
  }
  return out;
}

/** Every scalar of a YAML value by its dotted key; a list of scalars is one leaf ("fr, en"). */
function leaves(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (Array.isArray(value) && value.every((v) => !isRecord(v) && !Array.isArray(v))) {
    out.set(prefix, value.map(String).join(', '));
  } else if (Array.isArray(value)) {
    value.forEach((inner, i) => leaves(inner, `${prefix}[${i}]`, out));
  } else if (value !== undefined && value !== null && prefix !== '') {
    out.set(prefix, String(value));
  }
  return out;
}

/** Members the change adds or removes (by handle), and those whose entry it edits, with the fields edited. */
function memberChanges(file: ChangedText, path: string): { added: MemberLine[]; removed: MemberLine[]; changed: MemberLine[] } {
  const roster = (text: string | undefined) => {
    const data = yamlOf(text, path);
    const byHandle = new Map<string, Record<string, unknown>>();
    if (Array.isArray(data)) for (const entry of data) if (isRecord(entry) && typeof entry.handle === 'string') byHandle.set(entry.handle, entry);
    return byHandle;
  };
  const [base, head] = [roster(file.base), roster(file.head)];
  const line = (handle: string, entry: Record<string, unknown>): MemberLine => ({ handle, name: typeof entry.name === 'string' ? entry.name : handle });
  const added = [...head].filter(([handle]) => !base.has(handle)).map(([handle, entry]) => line(handle, entry));
  const removed = [...base].filter(([handle]) => !head.has(handle)).map(([handle, entry]) => line(handle, entry));
  const changed: MemberLine[] = [];
  for (const [handle, entry] of head) {
    const before = base.get(handle);
    if (!before) continue;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(entry)])].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(entry[key])).sort();
    if (fields.length > 0) changed.push({ ...line(handle, entry), fields });
  }
  return { added, removed, changed };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
