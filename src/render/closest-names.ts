/**
 * "Did you mean …?": the known names closest to one that is not known (a misspelt merge field, a
 * mistyped contact id), by edit distance, offered only when close enough to be a likely slip. Pure.
 */

import { editDistance } from "../core/edit-distance.js";

// Moved to the shared layer (sign-on dedupe in src/campaign uses it too); still offered from here.
export { editDistance };

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
