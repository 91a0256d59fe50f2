/**
 * GitHub web-editor links that open a new file already holding a valid template (the same one
 * `noclout new` writes), and edit links for existing files. Built from commons.yml `repository`
 * and `branch`; GitHub's "new file" page reads `filename` and `value` from the query.
 */
import { documentTemplate, type TemplateInput } from '../commons/template.ts';
import type { CommonsConfig } from '../commons/schema/commons-config.ts';
import type { UiLanguage } from '../i18n/index.ts';

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

/** The comments on the Contribute page's command lines, in the page's language. */
const CLI_COMMENTS: Record<UiLanguage, { sign: string; push: string }> = {
  en: { sign: 'once per clone: sign with the SSH key listed for you in members.yml (noclout init --signing yes did it for the founder)', push: 'then open a pull request' },
  fr: { sign: 'une fois par clone : signer avec la clé SSH listée pour vous dans members.yml (noclout init --signing yes l’a fait pour la fondatrice ou le fondateur)', push: 'puis ouvrez une pull request' },
};

/** Getting a working clone of the commons: the first lines of every command-line path on the Contribute page. */
export function cloneCommands(config: CommonsConfig): string[] {
  const folder = config.repository.replace(/\/+$/, '').split('/').pop()?.replace(/\.git$/, '') ?? 'commons';
  return [`git clone ${config.repository}`, `cd ${folder}`, 'npm install'];
}

/**
 * The command-line path of the Contribute page, one line each: clone, set up signing once, write,
 * check, commit signed, push. The page shows exactly these lines, and a test runs exactly these
 * lines (test/bot/contribute-commands.test.ts) and has the bot review the result: a change the
 * bot accepts needs a commit signed by the author's key (change/unsigned otherwise), so signing
 * is part of the path. `author` is the placeholder the reader replaces with their handle.
 */
export function contributeCommands(config: CommonsConfig, options: { lang: UiLanguage; title: string; slug: string; author: string }): string[] {
  const comments = CLI_COMMENTS[options.lang];
  return [
    ...cloneCommands(config),
    `git config gpg.format ssh && git config user.signingkey ~/.ssh/id_ed25519   # ${comments.sign}`,
    `npx noclout new post "${options.title}" --author ${options.author}`,
    'npx noclout check',
    `git switch -c post/${options.slug} && git add content && git commit -S -m "${options.title}"`,
    `git push origin HEAD   # ${comments.push}`,
  ];
}
