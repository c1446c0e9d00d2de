/**
 * Edit distance for "did you mean" and near-duplicate names (src/render/closest-names.ts,
 * src/campaign/signatory-name.ts). Pure.
 */

/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one
 * (`nmae` → `name` is 1), so the usual typing slips all cost the same.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  // Three rows of the dynamic-programming table: two back (for swaps), the previous, the current.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}
