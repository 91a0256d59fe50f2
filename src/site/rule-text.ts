/**
 * A rule's or the policy's words as a page in `lang` shows them: the reader's language when the
 * commons wrote it (front matter `translations`, `<!-- lang: xx -->` sections), else the file's
 * own, with the language each part is written in so the page can mark it (`lang` attribute).
 */
import type { RuleView } from './commons-data.ts';
import type { Governance } from './governance-files.ts';

export interface ShownRule {
  title: string;
  titleLang: string;
  summary: string | undefined;
  summaryLang: string;
  html: string;
  htmlLang: string;
}

export function ruleIn(rule: Pick<RuleView, 'data' | 'html' | 'translations'>, lang: string, defaultLanguage: string): ShownRule {
  const own = rule.data.lang ?? defaultLanguage;
  const translated = own === lang ? undefined : rule.data.translations?.[lang];
  const html = own === lang ? undefined : rule.translations[lang];
  return {
    title: translated?.title ?? rule.data.title,
    titleLang: translated ? lang : own,
    summary: translated?.summary ?? rule.data.summary,
    summaryLang: translated?.summary !== undefined ? lang : own,
    html: html ?? rule.html,
    htmlLang: html !== undefined ? lang : own,
  };
}

/** The policy's prose for a reader of `lang`, and the language it is in. */
export function policyProseIn(governance: Pick<Governance, 'policy' | 'policyHtml' | 'policyTranslations' | 'config'>, lang: string): { html: string; lang: string } {
  const own = governance.policy.lang ?? governance.config.defaultLanguage;
  const html = own === lang ? undefined : governance.policyTranslations[lang];
  return html !== undefined ? { html, lang } : { html: governance.policyHtml, lang: own };
}
