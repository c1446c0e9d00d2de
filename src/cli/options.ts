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
