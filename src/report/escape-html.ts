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
