/**
 * The preview page: every rendered message listed by country and language, each with a link to the
 * letter's HTML and its .eml file. Every value from data is HTML-escaped, and the Content-Security-Policy
 * (`src/core/content-security-policy.ts`) forbids scripts outright, so a contact named
 * `<img src=x onerror=...>` is shown as text. Pure.
 */
import { cspMetaTag } from "../core/content-security-policy.js";
import { directionOf } from "./merge-fields.js";

export interface PreviewItem {
  contactId: string;
  name: string;
  organisation: string;
  email: string;
  country: string;
  countryName: string;
  language: string;
  languageReason: string;
  subject: string;
  delivery: string;
  partner: string;
  ccPartner: boolean;
  status: string;
  warnings: readonly string[];
  /** The people of a shared mailbox (several people, one message); empty for any other contact. */
  people: string[];
  /** The salutation the letter opens with ("" when none applied). */
  salutation: string;
  /** Paths relative to the index page. */
  emlFile: string;
  htmlFile: string;
}

export interface PreviewMeta {
  campaignId: string;
  campaignName: string;
  generatedAt: string;
  unreviewed: string[];
}

/** Escapes the five HTML-special characters, for text and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function buildPreviewIndex(items: readonly PreviewItem[], meta: PreviewMeta): string {
  const e = escapeHtml;
  const byCountry = new Map<string, PreviewItem[]>();
  for (const item of items) byCountry.set(item.country, [...(byCountry.get(item.country) ?? []), item]);
  const countries = [...byCountry.keys()].sort();
  const languages = [...new Set(items.map((i) => i.language))].sort();
  const sections = countries.map((cc) => countrySection(cc, byCountry.get(cc) ?? []));
  const counts = languages.map((l) => `${e(l)}: ${items.filter((i) => i.language === l).length}`).join(" · ");
  const unreviewed = meta.unreviewed.length
    ? `<p class="notice">Unreviewed translations (drafts for partner review, not sent for real without explicit consent): ${meta.unreviewed.map(e).join(", ")}</p>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  ${cspMetaTag()}
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Preview: ${e(meta.campaignName)}</title>
  <style>
${PREVIEW_STYLE}
  </style>
</head>
<body>
  <h1>${e(meta.campaignName)} <small>(${e(meta.campaignId)})</small></h1>
  <p><span id="message-count">${items.length}</span> message${items.length === 1 ? "" : "s"} in ${countries.length} countr${countries.length === 1 ? "y" : "ies"} · ${counts} · generated ${e(meta.generatedAt)}</p>
  ${unreviewed}
  <nav><h2>Letters by language</h2><ul class="languages">${languageSamples(items, languages)}</ul></nav>
${sections.join("\n")}
</body>
</html>
`;
}

/** The page's style sheet (no external resources: the Content-Security-Policy allows none). */
const PREVIEW_STYLE = `    body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1b1b1b; }
    table { border-collapse: collapse; width: 100%; margin-bottom: 24px; }
    th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: start; vertical-align: top; }
    th { background: #f4f4f4; }
    .org, code { color: #555; font-size: 12px; }
    .shared { margin-top: 4px; font-size: 12px; color: #2d4a7a; }
    .warnings { margin: 4px 0 0; padding-inline-start: 16px; color: #8a4b00; font-size: 12px; }
    .notice { background: #fff6e0; padding: 8px 12px; border-inline-start: 4px solid #e0a000; }
    h2 small { color: #666; font-weight: normal; }`;

/** One sample letter link per language, so each translation is a click away. */
function languageSamples(items: readonly PreviewItem[], languages: readonly string[]): string {
  const e = escapeHtml;
  return languages
    .map((l) => {
      const sample = items.find((i) => i.language === l);
      return sample
        ? `<li><a href="${e(encodePath(sample.htmlFile))}" lang="${e(l)}">${e(l)}</a> (${e(sample.countryName)})</li>`
        : "";
    })
    .join("");
}

/** One country's section: a table of its messages, by language, name and contact id. */
function countrySection(cc: string, items: readonly PreviewItem[]): string {
  const e = escapeHtml;
  const list = [...items].sort(
    (a, b) =>
      a.language.localeCompare(b.language) ||
      a.name.localeCompare(b.name) ||
      a.contactId.localeCompare(b.contactId),
  );
  const first = list[0];
  return `  <section data-country="${e(cc)}">
    <h2>${e(first?.countryName ?? cc)} <small>${e(cc)} · ${list.length} message${list.length === 1 ? "" : "s"}</small></h2>
    <table>
      <thead><tr><th>Contact</th><th>Email</th><th>Language</th><th>Subject</th><th>Delivery</th><th>Letter</th></tr></thead>
      <tbody>
${list.map(messageRow).join("\n")}
      </tbody>
    </table>
  </section>`;
}

/** One message's table row: contact, email, language, subject, delivery and warnings, links. */
function messageRow(i: PreviewItem): string {
  const e = escapeHtml;
  const dir = directionOf(i.language);
  const warnings = i.warnings.length
    ? `<ul class="warnings">${i.warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul>`
    : "";
  const delivery =
    i.delivery + (i.ccPartner ? ` (Cc ${i.partner})` : i.delivery === "partner" ? ` (${i.partner})` : "");
  // A shared mailbox gets one message for everyone it lists: show them, and how the letter greets them.
  const shared = i.people.length
    ? `<div class="shared" data-shared-mailbox>Shared mailbox: ${i.people.map(e).join("; ")}<br>Salutation: <q class="salutation" lang="${e(i.language)}" dir="${dir}">${e(i.salutation) || "<em>none</em>"}</q></div>`
    : "";
  return `      <tr data-message data-contact="${e(i.contactId)}" data-language="${e(i.language)}" data-delivery="${e(i.delivery)}">
        <td><span class="name">${e(i.name)}</span><br><span class="org">${e(i.organisation)}</span><br><code>${e(i.contactId)}</code>${shared}</td>
        <td>${e(i.email) || "<em>no email</em>"}</td>
        <td title="${e(i.languageReason)}">${e(i.language)}</td>
        <td lang="${e(i.language)}" dir="${dir}" class="subject">${e(i.subject)}</td>
        <td>${e(delivery)}${i.status === "active" ? "" : ` <strong>${e(i.status)}</strong>`}${warnings}</td>
        <td><a href="${e(encodePath(i.htmlFile))}">view</a> · <a href="${e(encodePath(i.emlFile))}">.eml</a></td>
      </tr>`;
}

/** A relative path with each segment URL-encoded. */
function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
