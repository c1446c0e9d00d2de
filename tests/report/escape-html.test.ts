/** escapeHtml and its inverse: every text survives the round trip, and an escaped entity stays text. */
import { describe, expect, it } from "vitest";
import { escapeHtml, unescapeHtml } from "../../src/report/escape-html.js";

describe("unescapeHtml", () => {
  it.each([
    `<script>alert("x")</script>`,
    "Tom & Jerry's",
    "&lt; written as text, &amp;amp; too",
    "محترم — 尊敬的 — เรียน",
  ])("reads back what escapeHtml wrote: %s", (text) => {
    expect(unescapeHtml(escapeHtml(text))).toBe(text);
  });

  it("reads each entity once: &amp;lt; is the text &lt;, not <", () => {
    expect(unescapeHtml("&amp;lt;b&amp;gt;")).toBe("&lt;b&gt;");
  });
});
