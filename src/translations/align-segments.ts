/**
 * Which segment of a translation renders which segment of the source, when the source's structure
 * changed since the translation was made (a paragraph added or removed shifts every place after it).
 * The letter's blocks are matched by the source hash each translated block was made from (the longest
 * common subsequence against the source's current hashes); between two matches, blocks pair up in order
 * (the source changed there), and what is left is new (source) or gone (translation). The subject,
 * salutations and text-part lines have ids of their own and match by id. Pure.
 */
import type { SegmentedLetter } from "./letter-segments.js";
import type { Segment } from "./segment-letter.js";
import { sourceHash } from "./source-hash.js";
import type { LanguageRecord } from "./translations-record.js";

/** Source segment id → the translation's segment id. */
export function alignTranslation(
  source: SegmentedLetter,
  target: SegmentedLetter | undefined,
  record: LanguageRecord | undefined,
): Map<string, string> {
  const map = new Map<string, string>();
  if (!target) return map;
  const targetIds = new Set(target.segments.map((s) => s.id));
  const keyed = (s: Segment) => !isBlock(s);
  for (const s of source.segments) if (keyed(s) && targetIds.has(s.id)) map.set(s.id, s.id);
  const a = target.mjml.segments;
  const b = source.mjml.segments;
  if (a.length === b.length && a.every((s, i) => s.id === b[i]?.id)) {
    for (const s of b) map.set(s.id, s.id);
    return map;
  }
  const recorded = a.map((s) => record?.segments[s.id]);
  const current = b.map((s) => sourceHash(s.text));
  let [i, j] = [0, 0];
  for (const [mi, mj] of [...commonSubsequence(recorded, current), [a.length, b.length] as const]) {
    // The gap before this match: pair in order what both sides have there.
    for (let k = 0; k < Math.min(mi - i, mj - j); k++) map.set(b[j + k]?.id ?? "", a[i + k]?.id ?? "");
    if (mi < a.length && mj < b.length) map.set(b[mj]?.id ?? "", a[mi]?.id ?? "");
    [i, j] = [mi + 1, mj + 1];
  }
  return map;
}

/** Source segment id → its current translation. */
export function translatedTexts(
  source: SegmentedLetter,
  target: SegmentedLetter | undefined,
  map: ReadonlyMap<string, string>,
) {
  const texts = new Map(target?.segments.map((s) => [s.id, s.text]) ?? []);
  const out = new Map<string, string>();
  for (const s of source.segments) {
    const t = map.get(s.id);
    const text = t === undefined ? undefined : texts.get(t);
    if (text !== undefined) out.set(s.id, text);
  }
  return out;
}

function isBlock(s: Segment): boolean {
  return s.id === "preview" || /^text\d+\.\d+$/.test(s.id);
}

/** Index pairs of a longest common subsequence of two hash lists (undefined matches nothing). */
function commonSubsequence(a: readonly (string | undefined)[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let x = n - 1; x >= 0; x--)
    for (let y = m - 1; y >= 0; y--)
      table[x]![y] =
        a[x] !== undefined && a[x] === b[y]
          ? table[x + 1]![y + 1]! + 1
          : Math.max(table[x + 1]![y]!, table[x]![y + 1]!);
  const pairs: [number, number][] = [];
  let [x, y] = [0, 0];
  while (x < n && y < m) {
    if (a[x] !== undefined && a[x] === b[y]) {
      pairs.push([x, y]);
      x += 1;
      y += 1;
    } else if (table[x + 1]![y]! >= table[x]![y + 1]!) x += 1;
    else y += 1;
  }
  return pairs;
}
