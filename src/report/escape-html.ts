/** HTML escaping for text and attribute values in generated pages (the report). */
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? "" : String(value);
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const TEXT: Record<string, string> = Object.fromEntries(Object.entries(ENTITIES).map(([c, e]) => [e, c]));

/** The text `escapeHtml` escaped: its five entities, in one pass (so `&amp;lt;` reads `&lt;`). */
export function unescapeHtml(value: string): string {
  return value.replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => TEXT[e] ?? e);
}
