/** The site's pages, pure: data escaped, each translation linked in its own script and direction, relative links. */
import { describe, expect, it } from "vitest";
import { HTML_FILE_CSP } from "../../src/core/content-security-policy.js";
import { indexPage, letterPage, type SiteLanguage } from "../../src/publish/site-pages.js";
import { isSiteFileName, manifestText, parseManifest, staleFiles } from "../../src/publish/site-manifest.js";

const languages: SiteLanguage[] = [
  { lang: "en", dir: "ltr", title: "Letter <en>", page: "en.html", pdf: "c-en.pdf" },
  { lang: "ur", dir: "rtl", title: "خط", page: "ur.html", pdf: "c-ur.pdf" },
  { lang: "zh", dir: "ltr", title: "信", page: "zh.html" },
];

const page = (lang: SiteLanguage, signOn = "signon@coalition.example") =>
  letterPage({
    campaignName: 'Coalition "<b>x</b>"',
    campaignLang: { lang: "en", dir: "ltr" },
    language: lang,
    languages,
    blocks: [
      {
        className: "letter",
        dir: lang.dir,
        lang: lang.lang,
        html: "<p>Dear Sir or Madam,</p>",
        text: "Dear Sir or Madam,",
      },
      { className: "letter", dir: lang.dir, lang: lang.lang, html: "<p><br></p>", text: "" },
    ],
    signOnAddress: signOn,
    indexPage: "index.html",
  });

describe("letter page", () => {
  it("sets lang and dir, and names every other translation in its own script and direction", () => {
    const html = page(languages[1] as SiteLanguage);
    expect(html).toMatch(/<html lang="ur" dir="rtl">/);
    expect(html).toContain('<a href="en.html" hreflang="en" lang="en" dir="ltr">English</a>');
    expect(html).toContain('<a href="zh.html" hreflang="zh" lang="zh" dir="ltr">中文</a>');
    expect(html).not.toContain('href="ur.html" hreflang="ur" lang="ur"');
    expect(html).toContain('href="c-ur.pdf"');
    expect(html).toContain("دستخط کیسے کریں");
  });

  it("escapes data, carries the files' policy, leaves out empty blocks, links only relatively", () => {
    const html = page(languages[0] as SiteLanguage, 'x"@evil.example');
    expect(html).toContain("Coalition &quot;&lt;b&gt;x&lt;/b&gt;&quot;");
    expect(html).toContain("<title>Letter &lt;en&gt;</title>");
    expect(html).toContain('mailto:x&quot;@evil.example"');
    expect(html).toContain(HTML_FILE_CSP);
    expect(html).not.toContain("<p><br></p>");
    expect(html).not.toMatch(/(href|src)="(https?:|\/\/|\/)/);
  });

  it("a language without words of its own gets English, marked as such", () => {
    const html = page({ lang: "ar", dir: "rtl", title: "رسالة", page: "ar.html" });
    expect(html).toContain('<section class="sign-on" id="sign" lang="en" dir="ltr">');
  });
});

describe("index page", () => {
  it("lists each language in its own script and direction, with its PDF", () => {
    const html = indexPage({
      campaignName: "C <1>",
      lang: "en",
      dir: "ltr",
      languages,
      signOnAddress: "s@x.example",
    });
    expect(html).toContain(
      '<li lang="ur" dir="rtl" data-lang="ur"><a href="ur.html" hreflang="ur">اردو</a>: خط · <a href="c-ur.pdf"',
    );
    expect(html).toContain("<h1>C &lt;1&gt;</h1>");
  });
});

describe("site manifest", () => {
  it("names only plain files, and what the last run wrote that this one did not", () => {
    expect(isSiteFileName("en.html")).toBe(true);
    for (const bad of ["../x", "a/b", ".outreach-site.json", "", ".hidden", "x\\y"])
      expect(isSiteFileName(bad)).toBe(false);
    const previous = parseManifest(manifestText("c", ["en.html", "ur.html", "c-ur.pdf"]));
    expect(staleFiles(previous, ["en.html", "index.html"])).toEqual(["c-ur.pdf", "ur.html"]);
    expect(parseManifest('{"files":["../../etc/passwd","ok.html",3]}')).toEqual(["ok.html"]);
    expect(parseManifest("not json")).toEqual([]);
  });
});
