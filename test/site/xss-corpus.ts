/**
 * Payloads an author could put in a post to run script, reach a third party, restyle the page or
 * forge search metadata. Each one that executes sets `window.__xss` to its name, so a browser test
 * can tell which one got through. Shared by the sanitizer tests and the browser tests.
 */
export interface Payload {
  name: string;
  markdown: string;
}

const mark = (name: string) => `window.__xss='${name}'`;

export const xssCorpus: Payload[] = [
  { name: 'script-element', markdown: `<script>${mark('script-element')}</script>` },
  { name: 'script-uppercase', markdown: `<SCRIPT>${mark('script-uppercase')}</SCRIPT>` },
  { name: 'img-onerror', markdown: `<img src="x" onerror="${mark('img-onerror')}">` },
  { name: 'img-onerror-unquoted', markdown: `<img src=x onerror=${mark('img-onerror-unquoted')}>` },
  { name: 'svg-onload', markdown: `<svg onload="${mark('svg-onload')}"></svg>` },
  { name: 'details-ontoggle', markdown: `<details open ontoggle="${mark('details-ontoggle')}"><summary>s</summary>x</details>` },
  { name: 'input-onfocus', markdown: `<input autofocus onfocus="${mark('input-onfocus')}">` },
  { name: 'unknown-element-handler', markdown: `<x-widget onmouseover="${mark('unknown-element-handler')}">hover</x-widget>` },
  { name: 'markdown-javascript-link', markdown: `[click me](javascript:${mark('markdown-javascript-link')})` },
  { name: 'markdown-reference-javascript', markdown: `[ref link][evil]\n\n[evil]: javascript:${mark('markdown-reference-javascript')}` },
  { name: 'autolink-javascript', markdown: `<javascript:${mark('autolink-javascript')}>` },
  { name: 'html-javascript-link-mixed-case', markdown: `<a href="JaVaScRiPt:${mark('html-javascript-link-mixed-case')}">mixed</a>` },
  { name: 'html-javascript-link-entity', markdown: `<a href="jav&#x09;ascript:${mark('html-javascript-link-entity')}">tab</a>` },
  { name: 'vbscript-link', markdown: `<a href="vbscript:msgbox(1)">vb</a>` },
  { name: 'data-url-link', markdown: `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>` },
  { name: 'iframe-javascript', markdown: `<iframe src="javascript:parent.${mark('iframe-javascript')}"></iframe>` },
  { name: 'iframe-srcdoc', markdown: `<iframe srcdoc="<script>parent.${mark('iframe-srcdoc')}</script>"></iframe>` },
  { name: 'object-embed', markdown: `<object data="javascript:${mark('object-embed')}"></object><embed src="javascript:${mark('object-embed')}">` },
  { name: 'form-action', markdown: `<form action="javascript:${mark('form-action')}"><button>go</button></form>` },
  { name: 'meta-refresh', markdown: `<meta http-equiv="refresh" content="0;url=javascript:${mark('meta-refresh')}">` },
  { name: 'base-href', markdown: `<base href="https://evil.example/">` },
  { name: 'link-stylesheet', markdown: `<link rel="stylesheet" href="https://evil.example/x.css">` },
  { name: 'style-element', markdown: `<style>@import url(https://evil.example/y.css); body { display: none }</style>` },
  { name: 'style-attribute', markdown: `<p style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">overlay</p>` },
  { name: 'class-attribute', markdown: `<p class="skip box tombstone">impersonation</p>` },
  { name: 'pagefind-attributes', markdown: `<div data-pagefind-filter="author" data-pagefind-weight="10" data-pagefind-meta="title">forged</div><span data-pagefind-sort="date:2099">s</span>` },
  { name: 'remote-image', markdown: `![tracker](https://evil.example/track.png)` },
  { name: 'protocol-relative-image', markdown: `<img src="//evil.example/p.png" alt="p">` },
  { name: 'svg-xlink', markdown: `<svg><a xlink:href="javascript:${mark('svg-xlink')}"><text x="0" y="20">svg</text></a></svg>` },
  { name: 'math-mxss', markdown: `<math><mtext><table><mglyph><style><img src=x onerror="${mark('math-mxss')}">` },
  { name: 'noscript-mxss', markdown: `<noscript><p title="</noscript><img src=x onerror=${mark('noscript-mxss')}>"></noscript>` },
  { name: 'template-script', markdown: `<template><script>${mark('template-script')}</script></template>` },
  { name: 'video-source-onerror', markdown: `<video><source onerror="${mark('video-source-onerror')}"></video>` },
  { name: 'id-clobbering', markdown: `<a id="main" name="main">clobber</a>` },
];

/** A post carrying the whole corpus, as a file of the commons. */
export function xssPost(author = 'amina'): string {
  const body = xssCorpus.map((p) => `### ${p.name}\n\n${p.markdown}\n`).join('\n');
  return `---\ntitle: "XSS corpus"\nauthor: ${author}\ndate: 2026-11-20\nlang: en\ntags: [security]\n---\n\n${body}`;
}
