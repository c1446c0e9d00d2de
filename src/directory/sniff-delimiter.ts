/**
 * Delimiter sniffing: comma, semicolon (European Excel) or tab (copied from a web page). Counts each
 * candidate outside quotes on the first lines and picks the one that splits them most consistently.
 */

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Per-line counts of each candidate outside quoted fields, for up to `maxLines` logical lines. */
function countOutsideQuotes(text: string, maxLines: number): Map<Delimiter, number[]> {
  const counts = new Map<Delimiter, number[]>(DELIMITERS.map((d) => [d, [0]]));
  let inQuotes = false;
  let lines = 0;
  const limit = Math.min(text.length, 256 * 1024);
  for (let i = 0; i < limit; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes; // a doubled quote toggles twice: no net change
    } else if (!inQuotes && (ch === "\n" || ch === "\r")) {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      lines += 1;
      if (lines >= maxLines) break;
      for (const list of counts.values()) list.push(0);
    } else if (!inQuotes && (ch === "," || ch === ";" || ch === "\t")) {
      const list = counts.get(ch);
      if (list) list[list.length - 1] = (list[list.length - 1] ?? 0) + 1;
    }
  }
  return counts;
}

/** The most likely delimiter; comma when nothing else stands out. */
export function sniffDelimiter(text: string): Delimiter {
  const counts = countOutsideQuotes(text, 20);
  let best: Delimiter = ",";
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const perLine = (counts.get(d) ?? []).filter(
      (_, i, all) => i < all.length - 1 || all.length === 1 || (all[i] ?? 0) > 0,
    );
    const header = perLine[0] ?? 0;
    if (header === 0) continue;
    // Lines that agree with the header count; a delimiter that appears only inside some text does not.
    const consistent = perLine.filter((n) => n === header).length / perLine.length;
    const score = header * consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
