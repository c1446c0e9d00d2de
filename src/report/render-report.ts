/**
 * `report.html`: one self-contained page (inline CSS and SVG, no scripts, no external requests).
 * Pure: the report data, the map SVG and the generation time (inside the data) go in, a string comes out.
 * Every piece of data is HTML-escaped.
 */
import { cspMetaTag } from "../core/content-security-policy.js";
import { escapeHtml as e } from "./escape-html.js";
import type { CountryMapStatus, ReasonGroup, ReportData } from "./report-data.js";

/**
 * One colour per status, told apart with every common colour-vision type: Okabe-Ito hues plus greys,
 * at least 15 ΔE apart in CIELAB under simulated deuteranopia, protanopia and tritanopia
 * (tests/report/colour-safety.test.ts). The legend and table also name each status in words.
 */
export const STATUS_COLOURS: Readonly<Record<CountryMapStatus, string>> = {
  replied: "#009e73",
  "delivered-by-partner": "#0072b2",
  "auto-replied": "#56b4e9",
  sent: "#332288",
  deferred: "#f0e442",
  uncertain: "#e69f00",
  planned: "#c4cfdd",
  bounced: "#d55e00",
  failed: "#882255",
  skipped: "#a6a6a6",
  "no-contacts": "#fafafa",
};

const STATUS_LABELS: Readonly<Record<CountryMapStatus, string>> = {
  replied: "replied",
  "delivered-by-partner": "delivered by partner",
  "auto-replied": "auto-reply received",
  sent: "sent",
  deferred: "deferred (retrying)",
  uncertain: "uncertain",
  planned: "planned",
  bounced: "bounced",
  failed: "failed",
  skipped: "skipped",
  "no-contacts": "no contacts",
};

/** The page's fixed styles; the status colours are added from STATUS_COLOURS. */
const REPORT_CSS = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1f2328;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#57606a;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:10px}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 12px}
.card b{display:block;font-size:24px}.card span{color:#57606a;font-size:13px}
.world-map{width:100%;height:auto;background:#fff;border:1px solid #ddd;border-radius:8px}
.sphere{fill:#eef4fb}.bg{fill:#f7f7f7;stroke:#ccc;stroke-width:.4}
.st{stroke:#fff;stroke-width:.5}circle.st,rect.st{stroke:#333;stroke-width:.6}
.note{font-size:11px;fill:#57606a}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:8px 0;font-size:13px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px;border:1px solid #999}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6;position:sticky;top:0}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.pill{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px}
.chart{width:100%;height:auto;background:#fff;border:1px solid #ddd;border-radius:8px}
details{margin:8px 0}summary{cursor:pointer}
footer{color:#57606a;font-size:12px;margin-top:32px}`;

export function renderReportHtml(data: ReportData, mapSvg: string): string {
  const statusCss = Object.entries(STATUS_COLOURS)
    .map(([s, c]) => `.st-${s}{fill:${c}}.sw-${s}{background:${c};color:${textOn(c)}}`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${cspMetaTag()}
<title>${e(data.campaign.name)} — campaign report</title>
<style>
${REPORT_CSS}
${statusCss}
</style>
</head>
<body>
<main>
<h1>${e(data.campaign.name)}</h1>
<p class="sub">Campaign <code>${e(data.campaign.id)}</code> · report generated ${e(data.generatedAt)}</p>

<section aria-label="Totals">
<div class="cards">
${totalCards(data)}
</div>
</section>

<h2>Member states</h2>
${legend()}
${mapSvg}

<h2>Per country</h2>
${countryTable(data)}

<h2>Messages per day</h2>
${perDayChart(data.perDay)}

<h2>Failures</h2>
${reasonTable(data.failureReasons, "No failed messages.")}

<h2>Bounces</h2>
<p class="sub">Letters that came back. A dead address (unknown recipient or domain, disabled mailbox) is marked bounced in the directory; the others below may go through later.</p>
${reasonTable(data.bounceReasons, "No bounces.")}

<h2>Deliverability problems to fix</h2>
<p class="sub">The receiving servers refused how the letter was sent (reputation, authentication, rate, relaying, policy) or what it contained (spam, virus or content filter). The addresses may be fine: fix the sending or the letter, then write again.</p>
${reasonTable(data.deliverabilityProblems, "No deliverability problems.")}

<h2>Complaints</h2>
${complaintsTable(data)}

<h2>Replies</h2>
${repliesTable(data)}

<h2>All contacts</h2>
<details><summary>${e(data.contacts.length)} contacts with their state</summary>
${contactsTable(data)}
</details>
<footer>States, strongest first: replied, delivered by partner, bounced, auto-reply received, sent, failed, deferred, uncertain, skipped, planned. A country takes the colour of the furthest any of its contacts got.</footer>
</main>
</body>
</html>
`;
}

function totalCards(data: ReportData): string {
  const t = data.totals;
  return [
    card(t.contacts, "contacts targeted"),
    card(t.countriesTargeted, "countries targeted"),
    card(t.countriesReached, "countries reached"),
    card(t.accepted, "messages accepted by servers"),
    card(t.replied, "replied"),
    card(t["delivered-by-partner"], "delivered by partners"),
    card(t["auto-replied"], "auto-replies only"),
    card(t.bounced, "bounced"),
    card(t.complaints, "complaints (do not contact)"),
    card(t.failed, "failed"),
    card(t.uncertain, "uncertain"),
    card(t.deferred, "deferred"),
    card(t.planned, "not yet sent"),
  ].join("\n");
}

function card(value: number, label: string): string {
  return `<div class="card"><b>${e(value)}</b><span>${e(label)}</span></div>`;
}

function legend(): string {
  const items = (Object.keys(STATUS_COLOURS) as CountryMapStatus[]).map(
    (s) => `<span><i class="sw-${s}"></i>${e(STATUS_LABELS[s])}</span>`,
  );
  return `<div class="legend">${items.join("")}</div>`;
}

/** Black or white text, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): equal at L ≈ 0.179.
  return luminance > 0.179 ? "#111111" : "#ffffff";
}

function pill(status: CountryMapStatus): string {
  return `<span class="pill sw-${status}">${e(STATUS_LABELS[status])}</span>`;
}

/** Targeted countries first, in a table of their own; the member states the campaign does not reach, folded. */
function countryTable(data: ReportData): string {
  const shown = data.countries.filter((c) => c.contacts > 0 || c.membership !== "other");
  const targeted = shown.filter((c) => c.contacts > 0);
  const others = shown.filter((c) => c.contacts === 0);
  const table = (rows: typeof shown) =>
    `<table><thead><tr><th>Country</th><th>Status</th><th class="n">Contacts</th><th>Language</th><th>Partner</th><th class="n">Sent</th><th class="n">Failed</th><th class="n">Bounced</th><th class="n">Replied</th><th class="n">By hand (delivered / total)</th></tr></thead>
<tbody>${rows.map(countryRow).join("\n")}</tbody></table>`;
  const folded = others.length
    ? `\n<details class="others"><summary>${e(others.length)} other member states, not targeted by this campaign</summary>\n${table(others)}\n</details>`
    : "";
  return (targeted.length ? table(targeted) : "<p>No country is targeted yet.</p>") + folded;
}

function countryRow(c: ReportData["countries"][number]): string {
  return (
    `<tr data-country="${e(c.code)}"><td>${e(c.name)} <small>${e(c.code)}</small></td><td>${pill(c.mapStatus)}</td>` +
    `<td class="n">${e(c.contacts)}</td><td>${e(c.languages.join(", "))}</td><td>${e(c.partners.join(", "))}</td>` +
    `<td class="n">${e(c.sent)}</td><td class="n">${e(c.failed)}</td><td class="n">${e(c.bounced)}</td>` +
    `<td class="n">${e(c.replied)}</td><td class="n">${c.byHand ? `${e(c.deliveredByPartner)} / ${e(c.byHand)}` : ""}</td></tr>`
  );
}

function perDayChart(perDay: ReportData["perDay"]): string {
  if (perDay.length === 0) return "<p>No messages sent yet.</p>";
  const width = 960;
  const height = 180;
  const max = Math.max(1, ...perDay.map((d) => Math.max(d.sent, d.replies)));
  const slot = (width - 60) / perDay.length;
  const bar = Math.max(2, Math.min(24, slot / 2 - 2));
  const bars = perDay.map((d, i) => {
    const x = 40 + i * slot;
    const hs = ((height - 40) * d.sent) / max;
    const hr = ((height - 40) * d.replies) / max;
    return (
      `<g><title>${e(d.day)}: ${e(d.sent)} sent, ${e(d.replies)} replies</title>` +
      `<rect x="${x.toFixed(1)}" y="${(height - 20 - hs).toFixed(1)}" width="${bar.toFixed(1)}" height="${hs.toFixed(1)}" fill="${STATUS_COLOURS.sent}"/>` +
      `<rect x="${(x + bar + 1).toFixed(1)}" y="${(height - 20 - hr).toFixed(1)}" width="${bar.toFixed(1)}" height="${hr.toFixed(1)}" fill="${STATUS_COLOURS.replied}"/>` +
      (perDay.length <= 31 || i % Math.ceil(perDay.length / 31) === 0
        ? `<text x="${x.toFixed(1)}" y="${height - 6}" font-size="10" fill="#57606a">${e(d.day.slice(5))}</text>`
        : "") +
      `</g>`
    );
  });
  const rows = perDay.map(
    (d) => `<tr><td>${e(d.day)}</td><td class="n">${e(d.sent)}</td><td class="n">${e(d.replies)}</td></tr>`,
  );
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Messages sent and replies per day">
<text x="4" y="14" font-size="11" fill="#57606a">max ${e(max)}</text><line x1="36" x2="${width}" y1="${height - 20}" y2="${height - 20}" stroke="#999"/>
${bars.join("")}</svg>
<div class="legend"><span><i class="sw-sent"></i>sent</span><span><i class="sw-replied"></i>replies</span></div>
<details><summary>Table</summary><table><thead><tr><th>Day</th><th class="n">Sent</th><th class="n">Replies</th></tr></thead><tbody>${rows.join("")}</tbody></table></details>`;
}

function reasonTable(groups: readonly ReasonGroup[], empty: string): string {
  if (groups.length === 0) return `<p>${e(empty)}</p>`;
  const rows = groups.map(
    (g) =>
      `<tr><td>${e(g.reason)}</td><td class="n">${e(g.count)}</td><td>${g.contacts
        .map((c) => `${e(c.organisation || c.id)} <small>(${e(c.country)})</small>`)
        .join("; ")}</td></tr>`,
  );
  return `<table><thead><tr><th>Reason</th><th class="n">Count</th><th>Contacts</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function complaintsTable(data: ReportData): string {
  if (data.complaints.length === 0) return "<p>No complaints.</p>";
  const rows = data.complaints.map(
    (c) =>
      `<tr><td>${e(c.date)}</td><td>${e(c.country)}</td><td dir="auto">${e(c.organisation || c.contact)}</td><td>${e(c.complaint)}</td><td>${e(c.from)}</td></tr>`,
  );
  return `<p class="sub">These contacts complained or asked not to be written to: they are do-not-contact and no campaign writes to them again.</p><table><thead><tr><th>Date</th><th>Country</th><th>Organisation</th><th>Complaint</th><th>From</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function repliesTable(data: ReportData): string {
  if (data.replies.length === 0) return "<p>No replies yet.</p>";
  const rows = data.replies.map(
    (r) =>
      `<tr><td>${e(r.date)}</td><td>${e(r.country)}</td><td dir="auto">${e(r.organisation)}</td><td dir="auto">${e(r.name)}</td><td>${e(r.from)}</td></tr>`,
  );
  return `<table><thead><tr><th>Date</th><th>Country</th><th>Organisation</th><th>Name</th><th>From</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function contactsTable(data: ReportData): string {
  const rows = data.contacts.map(
    (r) =>
      `<tr data-contact="${e(r.contact)}"><td>${e(r.country)}</td><td dir="auto">${e(r.organisation)}</td><td dir="auto">${e(r.name)}</td><td>${e(r.language)}</td>` +
      `<td>${pill(r.state)}</td><td>${e(r.detail)}</td></tr>`,
  );
  return `<table><thead><tr><th>Country</th><th>Organisation</th><th>Name</th><th>Language</th><th>State</th><th>Detail</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}
