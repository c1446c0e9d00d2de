/**
 * "Did you mean …?": the known names closest to one that is not known (a misspelt merge field, a
 * mistyped contact id), by edit distance, offered only when close enough to be a likely slip. Pure.
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

/** The largest distance still taken for a slip: one edit per four characters, at least one. */
function tolerance(name: string): number {
  return Math.max(1, Math.floor(name.length / 4));
}

export interface ClosestOptions {
  /** At most this many names (default 3). */
  limit?: number;
  /** Also offer names that start with what was typed (a shortened contact id). */
  prefixes?: boolean;
}

/**
 * The known names closest to `input`, best first: same name in another case, then (with `prefixes`)
 * names it begins, then names within a few edits; only those as close as the closest. Empty when none
 * is close enough.
 */
export function closestNames(input: string, known: Iterable<string>, options: ClosestOptions = {}): string[] {
  const wanted = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(known)) {
    if (name === input) continue;
    const lower = name.toLowerCase();
    if (lower === wanted) scored.push({ name, score: -2 });
    else if (options.prefixes && wanted.length >= 2 && lower.startsWith(wanted))
      scored.push({ name, score: -1 });
    else {
      const distance = editDistance(wanted, lower);
      if (distance <= tolerance(name)) scored.push({ name, score: distance });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  // Only the best: "sender.name" for "sender.nmae", not "sender.email" three edits away as well.
  const best = scored[0]?.score;
  return scored
    .filter((s) => s.score === best)
    .slice(0, options.limit ?? 3)
    .map((s) => s.name);
}
