/**
 * Email addresses out of page text, including the usual obfuscations: `[at]`, `(at)`, `{at}`, ` at `,
 * `[dot]`, `(dot)`, ` dot `, French/Spanish `arobase`/`arroba`, and HTML entities (already decoded by
 * the HTML parser, or decoded here for raw text). Pure.
 */

const EMAIL =
  /[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}/g;

const AT_WORDS = "at|arobase|arroba|chez";
const DOT_WORDS = "dot|point|punto";

/** Undo common obfuscations so a plain email pattern can find the address. */
export function deobfuscateEmails(text: string): string {
  let t = decodeEntities(text);
  // Bracketed forms are unambiguous: `name [at] host (dot) org`.
  t = t.replace(new RegExp(`\\s*[\\[({<]\\s*(?:${AT_WORDS}|@)\\s*[\\])}>]\\s*`, "gi"), "@");
  t = t.replace(new RegExp(`\\s*[\\[({<]\\s*(?:${DOT_WORDS}|\\.)\\s*[\\])}>]\\s*`, "gi"), ".");
  // Bare words only where the result looks like an address: `name at host dot org`, `name at host.org`.
  const label = "[A-Za-z0-9-]+";
  // A literal dot only without spaces around it, so "located at Kabul. Phone" stays prose.
  const domain = `${label}(?:(?:\\.|\\s+(?:${DOT_WORDS})\\s+)${label})+`;
  t = t.replace(
    new RegExp(
      `([A-Za-z0-9._%+-]+(?:\\s+(?:${DOT_WORDS})\\s+[A-Za-z0-9._%+-]+)*)\\s+(?:${AT_WORDS})\\s+(${domain})`,
      "gi",
    ),
    (_m, local: string, host: string) => `${spokenDots(local)}@${spokenDots(host)}`,
  );
  // `name@host dot org` after an unobfuscated at sign.
  t = t.replace(
    new RegExp(`(@${label}(?:\\.${label})*)((?:\\s+(?:${DOT_WORDS})\\s+${label})+)`, "gi"),
    (_m, head: string, tail: string) =>
      head + tail.replace(new RegExp(`\\s+(?:${DOT_WORDS})\\s+`, "gi"), "."),
  );
  return t;
}

function spokenDots(text: string): string {
  return text.replace(new RegExp(`\\s+(?:${DOT_WORDS})\\s+`, "gi"), ".");
}

/** Every distinct address in the text, lower-cased domain, in order of appearance. */
export function extractEmails(text: string): string[] {
  const found: string[] = [];
  for (const match of deobfuscateEmails(text).matchAll(EMAIL)) {
    const address = normaliseEmail(match[0]);
    if (!found.includes(address)) found.push(address);
  }
  return found;
}

export function normaliseEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0
    ? address.trim()
    : address.slice(0, at).trim() +
        "@" +
        address
          .slice(at + 1)
          .trim()
          .toLowerCase();
}

/** The address of a `mailto:` link (percent-decoded, without `?subject=` and the like). */
export function emailFromMailto(href: string): string | undefined {
  const m = /^\s*mailto:([^?]*)/i.exec(href);
  if (!m) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(m[1] ?? "");
  } catch {
    value = m[1] ?? "";
  }
  return extractEmails(value)[0];
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  commat: "@",
  period: ".",
};

/** Entities in raw text (for text that never went through an HTML parser). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}
