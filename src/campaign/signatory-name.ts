/**
 * When two sign-on names are the same organisation: a key that ignores case, accents, punctuation and
 * dashes ("ISOC – Belgrade" = "ISOC Belgrade" = "isoc-belgrade"), `&` written as "and", and a trailing
 * ", <country>" that only repeats the row's country ("Kictanet, Kenya" with KE = "Kictanet"), in the same
 * country or one of them without any ("ISOC, Philippines" PH is not "ISOC, Sweden" SE); and, for a
 * person to decide, names that are close but not the same (a typo, a word more or less). Pure.
 */
import { editDistance } from "../core/edit-distance.js";
import { resolveCountry } from "../contacts/countries.js";
import { foldAccentsAndCase } from "../core/fold-text.js";

/** The words of a name, folded: letters and digits of any script, everything else a separator. */
export function signatoryWords(name: string): string[] {
  return foldAccentsAndCase(name.replace(/&/g, " and "))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * A name and its country as intake should store them: "Kictanet, Kenya" with no country (or KE) is
 * "Kictanet" in KE, the way the letter prints `organisation, country`. A trailing part that names
 * another country than the one given, or no country, stays in the name ("ISOC – Sweden" keeps its
 * dash: only a comma separates a country).
 */
export function splitCountrySuffix(name: string, country: string): { organisation: string; country: string } {
  const trimmed = name.trim();
  const comma = trimmed.lastIndexOf(",");
  if (comma <= 0) return { organisation: trimmed, country };
  const tail = trimmed.slice(comma + 1).trim();
  const code = tail ? resolveCountry(tail) : undefined;
  if (!code || (country !== "" && country !== code)) return { organisation: trimmed, country };
  return { organisation: trimmed.slice(0, comma).trim(), country: code };
}

/** The dedupe key of the name (country suffix left out); `sameSignatory` also compares the countries. */
export function signatoryKey(name: string, country = ""): string {
  return signatoryIdentity(name, country).key;
}

/** What identifies a signatory: the name's key and its country (from a ", Kenya" suffix if not given). */
export interface SignatoryIdentity {
  key: string;
  country: string;
}

export function signatoryIdentity(name: string, country = ""): SignatoryIdentity {
  const split = splitCountrySuffix(name, country);
  return { key: signatoryWords(split.organisation).join(""), country: split.country };
}

/**
 * The same signatory: the same key, and not two different countries ("ISOC, Philippines" PH and "ISOC,
 * Sweden" SE are two chapters; "Kictanet" with no country is "Kictanet" KE).
 */
export function sameSignatory(a: SignatoryIdentity, b: SignatoryIdentity): boolean {
  return a.key === b.key && (a.country === "" || b.country === "" || a.country === b.country);
}

/** Values by identity: `find` gives the first one added that is the same signatory. */
export class SignatoryIndex<T> {
  private readonly byKey = new Map<string, { identity: SignatoryIdentity; value: T }[]>();

  find(identity: SignatoryIdentity): T | undefined {
    return this.byKey.get(identity.key)?.find((e) => sameSignatory(e.identity, identity))?.value;
  }

  add(identity: SignatoryIdentity, value: T): void {
    const list = this.byKey.get(identity.key);
    if (list) list.push({ identity, value });
    else this.byKey.set(identity.key, [{ identity, value }]);
  }
}

/**
 * The keys `signatoryKey` can give a name, without reading its trailing part as a country: the whole
 * name's, and the part before its last comma's. Two names can only share a key if they share one of
 * these, so a list can skip the country lookup (the whole country index) for names that share none.
 */
export function possibleSignatoryKeys(name: string): string[] {
  const trimmed = name.trim();
  const comma = trimmed.lastIndexOf(",");
  const whole = signatoryWords(trimmed).join("");
  return comma <= 0 ? [whole] : [whole, signatoryWords(trimmed.slice(0, comma)).join("")];
}

/** A readable id from the name (`isoc-belgrade`), unique among `taken`. */
export function signatoryId(name: string, taken: ReadonlySet<string>): string {
  const words = signatoryWords(name);
  let base = "";
  for (const w of words) {
    if (base.length + w.length > 40) break;
    base = base ? `${base}-${w}` : w;
  }
  if (!base) base = "signatory";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Whether two names are close enough for a person to look twice: a few typing slips apart (one per
 * eight characters), or one's words (two or more) all among the other's ("Open Rights Group" and
 * "Open Rights Group UK"). Names with the same key are duplicates, not near ones.
 */
export function areSimilarNames(a: string, b: string): boolean {
  const ka = signatoryKey(a);
  const kb = signatoryKey(b);
  if (ka === kb) return false;
  const shorter = Math.min(ka.length, kb.length);
  if (shorter >= 5 && editDistance(ka, kb) <= Math.max(1, Math.floor(shorter / 8))) return true;
  const wa = new Set(signatoryWords(a));
  const wb = new Set(signatoryWords(b));
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  if (small.size < 2) return false;
  for (const w of small) if (!large.has(w)) return false;
  return true;
}
