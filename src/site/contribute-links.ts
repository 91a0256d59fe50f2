/**
 * GitHub web-editor links that open a new file already holding a valid template (the same one
 * `noclout new` writes), and edit links for existing files. Built from commons.yml `repository`
 * and `branch`; GitHub's "new file" page reads `filename` and `value` from the query.
 */
import { documentTemplate, type TemplateInput } from '../commons/template.ts';
import type { CommonsConfig } from '../commons/schema/commons-config.ts';

function repositoryBase(config: CommonsConfig): string {
  return config.repository.replace(/\.git$/, '').replace(/\/+$/, '');
}

const links = new Map<string, string>();

/**
 * https://github.com/<owner>/<repo>/new/<branch>/<folder>?filename=…&value=…
 * Memoized: each post page exists in every UI language and asks for the same reply link.
 */
export function newFileLink(config: CommonsConfig, folder: string, filename: string, template: TemplateInput): string {
  const key = JSON.stringify([config.repository, config.branch, folder, filename, template]);
  let link = links.get(key);
  if (link === undefined) {
    const query = new URLSearchParams({ filename, value: documentTemplate(template) });
    link = `${repositoryBase(config)}/new/${config.branch}/${folder}?${query.toString().replace(/\+/g, '%20')}`;
    links.set(key, link);
  }
  return link;
}

/**
 * https://github.com/<owner>/<repo>/blob/<branch>/<file>: a file as committed, with its history.
 * Not the web editor's edit page: a published post is never edited by a change (the bot refuses
 * it, change/post-edited), so a correction is a new post that replies to it.
 */
export function sourceLink(config: CommonsConfig, file: string): string {
  return `${repositoryBase(config)}/blob/${config.branch}/${file}`;
}
