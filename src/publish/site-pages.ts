/**
 * The published site's pages: one per language (the letter as rendered for the website, with its
 * signatory list and Updated line, links to the other translations each written in its own script and
 * direction, how to sign, the PDF), and a small index. Relative links only, so the folder works opened
 * from disk and on any web host; the files' Content-Security-Policy (no script, nothing fetched); every
 * value from data escaped (the letter's blocks were escaped by its templates). Pure.
 */
import { cspMetaTag } from "../core/content-security-policy.js";
import { escapeHtml } from "../report/escape-html.js";
import { visibleBlocks } from "./print-html.js";
import type { LetterBlock } from "./letter-blocks.js";
import { languageName, pageStrings } from "./page-strings.js";

/** One language of the site: its page, its PDF (when made), its title. */
export interface SiteLanguage {
  lang: string;
  dir: "ltr" | "rtl";
  /** The letter's subject, in its language. */
  title: string;
  page: string;
  pdf?: string | undefined;
}

export interface LetterPageInput {
  campaignName: string;
  /** The language the campaign's name is written in (its default language). */
  campaignLang: { lang: string; dir: "ltr" | "rtl" };
  language: SiteLanguage;
  /** Every language of the site, this one included, in the campaign's order. */
  languages: readonly SiteLanguage[];
  blocks: readonly LetterBlock[];
  /** Where organisations write to sign. */
  signOnAddress: string;
  indexPage: string;
}

const e = escapeHtml;

export function letterPage(input: LetterPageInput): string {
  const { language: l } = input;
  const s = pageStrings(l.lang);
  // Words this language has no translation of are English: say so, for the reader and the screen reader.
  const wordsLang = s.lang === l.lang ? "" : ` lang="en" dir="ltr"`;
  const others = input.languages.filter((o) => o.lang !== l.lang);
  const blocks = visibleBlocks(input.blocks)
    .map(
      (b) =>
        `<section class="${e(b.className)}" dir="${b.dir}" lang="${e(b.lang || l.lang)}">${b.html}</section>`,
    )
    .join("\n");
  const mail = `<a href="mailto:${e(input.signOnAddress)}">${e(input.signOnAddress)}</a>`;
  const signOn = e(s.signOn).replace("{email}", mail);
  return `<!doctype html>
<html lang="${e(l.lang)}" dir="${l.dir}">
<head>
<meta charset="utf-8">
${cspMetaTag()}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(l.title)}</title>
${input.languages.map((o) => `<link rel="alternate" hreflang="${e(o.lang)}" href="${e(o.page)}">`).join("\n")}
<style>
${PAGE_STYLE}
</style>
</head>
<body>
<header>
<p class="campaign" lang="${e(input.campaignLang.lang)}" dir="${input.campaignLang.dir}"><a href="${e(input.indexPage)}">${e(input.campaignName)}</a></p>
${
  others.length
    ? `<nav aria-label="${e(s.otherLanguages)}"${wordsLang}><h2>${e(s.otherLanguages)}</h2><ul class="languages">${others.map(languageLink).join("")}</ul></nav>`
    : ""
}
${l.pdf ? `<p class="pdf"${wordsLang}><a href="${e(l.pdf)}" type="application/pdf" download>${e(s.downloadPdf)}</a></p>` : ""}
</header>
<main>
<article>
${blocks}
</article>
<section class="sign-on" id="sign"${wordsLang}>
<h2>${e(s.howToSign)}</h2>
<p>${signOn}</p>
</section>
</main>
</body>
</html>
`;
}

/** A link to another translation, its name in its own script and direction. */
function languageLink(o: SiteLanguage): string {
  return `<li><a href="${e(o.page)}" hreflang="${e(o.lang)}" lang="${e(o.lang)}" dir="${o.dir}">${e(languageName(o.lang))}</a></li>`;
}

export interface IndexPageInput {
  campaignName: string;
  /** The index page's own language (the campaign's default). */
  lang: string;
  dir: "ltr" | "rtl";
  languages: readonly SiteLanguage[];
  signOnAddress: string;
}

export function indexPage(input: IndexPageInput): string {
  const items = input.languages
    .map(
      (l) =>
        `<li lang="${e(l.lang)}" dir="${l.dir}" data-lang="${e(l.lang)}"><a href="${e(l.page)}" hreflang="${e(l.lang)}">${e(languageName(l.lang))}</a>: ${e(l.title)}` +
        (l.pdf ? ` · <a href="${e(l.pdf)}" type="application/pdf" download>PDF</a>` : "") +
        `</li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${e(input.lang)}" dir="${input.dir}">
<head>
<meta charset="utf-8">
${cspMetaTag()}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(input.campaignName)}</title>
<style>
${PAGE_STYLE}
</style>
</head>
<body>
<main>
<h1>${e(input.campaignName)}</h1>
<ul class="index">
${items}
</ul>
<p class="sign-on"><a href="mailto:${e(input.signOnAddress)}">${e(input.signOnAddress)}</a></p>
</main>
</body>
</html>
`;
}

/** System fonts only (the page fetches nothing); the Noto names first where they are installed. */
const PAGE_STYLE = `
html { font-family: 'Noto Sans', 'Noto Sans Thai', 'Noto Sans Bengali', 'Noto Nastaliq Urdu', 'Noto Sans SC', system-ui, sans-serif; line-height: 1.55; color: #1b1b1b; background: #f4f5f6; }
html[lang="ur"] { line-height: 2.1; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1.25rem 3rem; background: #fff; }
a { color: #0b5394; }
header { border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
header h2 { font-size: 0.9rem; margin: 0.5rem 0 0.25rem; font-weight: normal; color: #555; }
.campaign { margin: 0 0 0.5rem; font-size: 0.9rem; }
.languages { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
.pdf { margin: 0.75rem 0 0; }
article section { margin: 0 0 1rem; }
article h1 { font-size: 1.3rem !important; }
.signatories ul { padding-inline-start: 1.2rem; }
.sign-on { margin-top: 2rem; padding: 0.75rem 1rem; background: #f0f4f8; border-radius: 4px; }
.index { padding-inline-start: 1.2rem; }
.index li { margin: 0 0 0.5rem; }
`;
