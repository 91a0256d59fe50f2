/**
 * The commons' single-file governance documents (commons.yml, members.yml, policy.md), read with
 * the same safe YAML and front matter readers and schemas as the bot. A file that does not
 * validate stops the build with every problem listed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { readFrontMatter } from '../commons/front-matter.ts';
import { formatProblem } from '../commons/problem.ts';
import { commonsConfigSchema, type CommonsConfig } from '../commons/schema/commons-config.ts';
import { membersSchema, type Members } from '../commons/schema/members.ts';
import { policySchema, type Policy } from '../commons/schema/policy.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import { splitProse } from '../commons/prose-languages.ts';
import { renderMarkdown } from './markdown/pipeline.ts';

export interface Governance {
  config: CommonsConfig;
  members: Members;
  policy: Policy;
  /** The policy's prose in its own language (front matter `lang`), sanitized HTML. */
  policyHtml: string;
  /** The prose in other languages, by language (`<!-- lang: en -->` sections of the body). */
  policyTranslations: Readonly<Record<string, string>>;
}

export async function readGovernance(commons: string): Promise<Governance> {
  const config = await readYamlFile(commons, 'governance/commons.yml', commonsConfigSchema);
  const members = await readYamlFile(commons, 'governance/members.yml', membersSchema);
  const policyPath = 'governance/policy.md';
  const front = readFrontMatter(await readFile(path.join(commons, policyPath), 'utf8'), { path: policyPath });
  if (front.problems.length > 0) throw new Error(front.problems.map(formatProblem).join('\n'));
  const policy = validated(policyPath, policySchema, front.data);
  const [own, ...others] = splitProse(front.body, { lang: policy.lang ?? config.defaultLanguage, path: policyPath, bodyLine: front.bodyLine }).sections;
  const { html: policyHtml } = await renderMarkdown(own!.body);
  const policyTranslations: Record<string, string> = {};
  for (const section of others) policyTranslations[section.lang] = (await renderMarkdown(section.body)).html;
  return { config, members, policy, policyHtml, policyTranslations };
}

async function readYamlFile<S extends z.ZodType>(commons: string, file: string, schema: S): Promise<z.output<S>> {
  const parsed = parseYaml(await readFile(path.join(commons, file), 'utf8'), { path: file });
  if (parsed.problems.length > 0) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return validated(file, schema, parsed.data);
}

function validated<S extends z.ZodType>(file: string, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`cannot build the site: ${file} does not match its schema\n${lines.join('\n')}`);
  }
  return result.data;
}
