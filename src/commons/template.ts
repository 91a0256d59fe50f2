/**
 * The text of a new post or proposal: valid front matter plus a few lines of
 * guidance in the commons' language. Used by `noclout new` and by the site's
 * web-editor links, so both produce files that pass `noclout check`.
 */

/**
 * The author a web-editor template is prefilled with: the site cannot know who will click, so the
 * contributor replaces it with their handle; `check` recognises it and says so.
 */
export const AUTHOR_PLACEHOLDER = 'your-handle';

/**
 * The date a post page's reply and correction templates are prefilled with: the page does not
 * change with the day (issue 14), so the reader's browser writes today's date into the link when
 * it is followed (src/site/dated-links.ts); without JavaScript the contributor writes it, and
 * `check` recognises the placeholder and says so (schema/date, `placeholder`).
 */
export const DATE_PLACEHOLDER = 'YYYY-MM-DD';

export interface TemplateInput {
  kind: 'post' | 'proposal';
  title: string;
  author: string;
  /** YYYY-MM-DD */
  date: string;
  lang: string;
  tags?: readonly string[];
  replyTo?: string;
  /** For a proposal: the rules it adds or amends (`governance/rules/<slug>.md`). */
  rules?: readonly string[];
  /** For a moderation: the post it hides (`<yyyy>/<slug>`) and the rule it breaks. */
  moderates?: string;
  rule?: string;
  /** For an appeal: the moderation decision contested (`<yyyy>/<nnnn>-<slug>`). */
  appeals?: string;
}

/** What the body asks for: a moderation's reasoning is published as the decision's statement of reasons. */
const MODERATION_GUIDANCE: Record<string, { moderates: string; appeals: string }> = {
  fr: {
    moderates: '## Pourquoi ce billet enfreint la règle\n\nCitez les passages en cause et dites en quoi ils enfreignent la règle citée. Ce texte est publié dans la décision comme exposé des motifs.',
    appeals: '## Pourquoi revenir sur cette décision\n\nDites ce que la décision a mal jugé. Le billet est rétabli tel qu\'il était, mot pour mot.',
  },
  en: {
    moderates: '## Why this post breaks the rule\n\nQuote the words at issue and say how they break the rule cited. This text is published in the decision as its statement of reasons.',
    appeals: '## Why this decision should be reversed\n\nSay what the decision got wrong. The post is restored exactly as it was.',
  },
};

const GUIDANCE: Record<string, Record<TemplateInput['kind'], string>> = {
  fr: {
    post: 'Écrivez votre texte ici, en Markdown. Citez vos sources par des liens.\n\nLe bot publiera ce billet si personne ne soulève d\'objection dans le délai fixé par la politique.',
    proposal: '## Ce qui change\n\nDécrivez la règle ajoutée ou modifiée (fichiers sous `governance/rules/`).\n\n## Pourquoi\n\nExpliquez ce que la proposition corrige et ce qu\'elle pourrait coûter.',
  },
  en: {
    post: 'Write your text here, in Markdown. Cite your sources with links.\n\nThe bot publishes this post unless a member objects within the time the policy sets.',
    proposal: '## What changes\n\nDescribe the rule added or amended (files under `governance/rules/`).\n\n## Why\n\nExplain what the proposal fixes and what it might cost.',
  },
};

export function documentTemplate(input: TemplateInput): string {
  const front: Record<string, unknown> = { title: input.title, author: input.author, date: input.date, lang: input.lang };
  if (input.kind === 'post' && input.tags?.length) front.tags = [...input.tags];
  if (input.kind === 'post' && input.replyTo) front.replyTo = input.replyTo;
  if (input.kind === 'proposal' && input.rules?.length) front.rules = [...input.rules];
  if (input.kind === 'proposal' && input.moderates && input.rule) Object.assign(front, { moderates: input.moderates, rule: input.rule });
  if (input.kind === 'proposal' && input.appeals) front.appeals = input.appeals;
  const guidance = GUIDANCE[input.lang] ?? GUIDANCE.en!;
  const moderation = MODERATION_GUIDANCE[input.lang] ?? MODERATION_GUIDANCE.en!;
  const body = input.kind === 'proposal' && input.moderates ? moderation.moderates : input.kind === 'proposal' && input.appeals ? moderation.appeals : guidance[input.kind];
  return `---\n${frontMatterLines(front)}---\n\n${body}\n`;
}

/**
 * YAML for the few value shapes a template holds (strings and lists of strings). Written by
 * hand rather than with yaml's stringify because the site builds one template per post page
 * (reply links), where the general serializer cost about a second on 10,000 posts. A string is
 * written plain when it cannot be read as anything else, otherwise double-quoted (JSON escapes
 * are valid YAML), so the file always reads back exactly.
 */
function frontMatterLines(front: Record<string, unknown>): string {
  return Object.entries(front)
    .map(([key, value]) => (Array.isArray(value) ? `${key}:\n${value.map((item) => `  - ${yamlScalar(String(item))}`).join('\n')}\n` : `${key}: ${yamlScalar(String(value))}\n`))
    .join('');
}

const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} ,.'’!?()/-]*$/u;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.inf|\.nan|0x[\da-f]+|0o[0-7]+))$/i;

/** A YAML scalar that reads back as exactly this string: plain when unambiguous, else double-quoted. */
export function yamlScalar(value: string): string {
  const plain = PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(' ') && !/\d{4}-\d{2}-\d{2}T/.test(value);
  return plain ? value : JSON.stringify(value);
}
