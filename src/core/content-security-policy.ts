/**
 * The Content-Security-Policy of every HTML file the tool writes for people to open (the preview
 * index and letter copies, `report.html`, the letters in partner packs). These pages are read from
 * disk, often forwarded or copied to a USB stick, and show data from contacts, mail servers and
 * partners: the policy makes sure that, whatever escaping might miss, they run no script, load nothing
 * from the network, submit no form and cannot be re-based. Pages use inline CSS and inline SVG only.
 *
 * The sent email carries no policy: mail clients ignore (or strip) `<meta http-equiv>` and a letter
 * should reach the minister exactly as written, so the `.eml` files stay as sent. Pure.
 */

/**
 * `img-src 'self' data:` lets a letter copy show an image next to it on disk; nothing can be fetched
 * from the network. `frame-src`, `script-src`, `connect-src`... fall back to `default-src 'none'`;
 * `base-uri` and `form-action` do not, so they are named.
 */
export const HTML_FILE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The `<meta>` tag carrying the policy; put it first in `<head>` (a meta policy covers what follows it). */
export function cspMetaTag(policy: string = HTML_FILE_CSP): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
}

/**
 * Adds the policy to a complete HTML document written by someone else (a letter MJML produced): right
 * after the opening `<head>` tag, or at the start when there is none (after a doctype, which must stay
 * first). A policy already in the page stays; browsers enforce both, so the result is never looser.
 */
export function withCspMeta(html: string, policy: string = HTML_FILE_CSP): string {
  const meta = cspMetaTag(policy);
  const head = /<head(?:\s[^>]*)?>/i;
  if (head.test(html)) return html.replace(head, (tag) => `${tag}\n    ${meta}`);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? "";
  return `${doctype}${meta}\n${html.slice(doctype.length)}`;
}
