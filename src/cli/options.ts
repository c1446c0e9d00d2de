/** Option parsing shared by commands. */
import { resolveCountry } from "../contacts/countries.js";
import { InputError, type ErrorCode } from "../core/errors.js";

/**
 * `--country AR,th,Pakistan,"Côte d'Ivoire"` → `["AR", "TH", "PK", "CI"]` (ISO codes or names in English,
 * Spanish or French); undefined when the option is absent. Unknown names are a usage error listing all of them.
 */
export function parseCountryList(
  value: string | undefined,
  code: ErrorCode = "E_USAGE",
): string[] | undefined {
  if (value === undefined) return undefined;
  const codes = new Set<string>();
  const unknown: string[] = [];
  for (const part of value.split(",").map((p) => p.trim())) {
    if (!part) continue;
    const resolved = resolveCountry(part);
    if (resolved) codes.add(resolved);
    else unknown.push(`"${part}"`);
  }
  if (unknown.length > 0 || codes.size === 0) {
    throw new InputError(
      code,
      `--country: ${unknown.length ? `not a known country name or ISO code: ${unknown.join(", ")}` : "no country given"}`,
    );
  }
  return [...codes];
}

/** The longest wait a timer can hold, as for every duration in config.json. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `--flag N` with N a whole number of at least 1 (and at most `max`). */
export function positiveInt(flag: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError("E_USAGE", `${flag} must be a whole number of at least 1, not ${value}`);
  return atMost(flag, n, max);
}

/** `--flag N` with N a whole number, 0 or more (and at most `max`). */
export function nonNegativeInt(flag: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || value.trim() === "")
    throw new InputError("E_USAGE", `${flag} must be a whole number, 0 or more, not ${value}`);
  return atMost(flag, n, max);
}

/** `--flag X` with X any number, 0 or more. */
export function nonNegativeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || value.trim() === "")
    throw new InputError("E_USAGE", `${flag} must be a number, 0 or more, not ${value}`);
  return n;
}

function atMost(flag: string, n: number, max: number): number {
  if (n > max) throw new InputError("E_USAGE", `${flag} must be at most ${max}`);
  return n;
}
