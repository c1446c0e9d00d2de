/**
 * The country-name index behind `resolveCountry` (pure): every name the i18n-iso-countries tables (CLDR
 * and ISO 3166 based) list in the registered languages, the few variants they lack
 * (`country-aliases.ts`), the UN's inverted forms derived from both ("Plurinational State of Bolivia" ↔
 * "Bolivia (Plurinational State of)", "Korea, Republic of" ↔ "Republic of Korea"), and last Node's CLDR
 * display names for what all of these lack. Built once, on the first lookup. A name two countries share
 * in one tier ("Congo" in English) resolves to neither unless an alias decides.
 */
import { createRequire } from "node:module";
import { COUNTRY_ALIASES } from "./country-aliases.js";
import {
  CONNECTOR_WORDS,
  countryNameKey,
  DISTINGUISHING_FORM_WORDS,
  STATE_FORM_WORDS,
} from "./country-name-key.js";

/** The languages whose names win: the UN and ITU working languages ministries write in most. */
const PRIMARY_LOCALES = ["en", "fr", "es"] as const;
/** Cheap to add (a few kB each) and never shadow the primary names: the other letter languages and neighbours. */
const OTHER_LOCALES = ["ar", "ru", "zh", "pt", "de", "it", "th", "ur", "bn"] as const;

interface LocaleFile {
  countries: Record<string, string | string[]>;
}

type Entry = readonly [key: string, code: string];

/**
 * One language's names from the package, read on first use: `require` keeps the tables out of start-up
 * (only a lookup loads them), and Node 20 warns on JSON imported as an ES module.
 */
function packageNames(locale: string): [code: string, name: string][] {
  const data = createRequire(import.meta.url)(`i18n-iso-countries/langs/${locale}.json`) as LocaleFile;
  const pairs: [string, string][] = [];
  for (const [code, names] of Object.entries(data.countries)) {
    for (const name of Array.isArray(names) ? names : [names]) pairs.push([code, name]);
  }
  return pairs;
}

/**
 * Node's own copy of CLDR (`Intl.DisplayNames`), for the spellings CLDR has since adopted and the package
 * has not ("Syria", "Vatican City", "Arabia Saudí", "Kirghizstan"): the last tier, so it only fills gaps
 * and never changes what a package name resolves to.
 */
function displayNames(codes: readonly string[]): [code: string, name: string][] {
  const pairs: [string, string][] = [];
  for (const locale of PRIMARY_LOCALES) {
    for (const style of ["long", "short", "narrow"] as const) {
      const names = new Intl.DisplayNames([locale], { type: "region", style, fallback: "none" });
      for (const code of codes) {
        const name = names.of(code);
        if (name) pairs.push([code, name]);
      }
    }
  }
  return pairs;
}

/**
 * The other forms of a name with a state form, as keys: its other order ("Bolivia (Plurinational State
 * of)" and "Korea, Republic of" put the form last, "Plurinational State of Bolivia" and "Royaume des
 * Pays-Bas" first) and, when the form is only state-form words, the bare name ("Moldova"). A parenthesis
 * that is not a state form names the same place: "Holy See (Vatican City State)" gives "Holy See".
 */
export function derivedKeys(name: string, key = countryNameKey(name)): string[] {
  const keys: string[] = [];
  const split = name.includes("(") || name.includes(",") ? PARTS.exec(name) : null;
  const head = split?.[1];
  const qualifier = split?.[2] ?? split?.[3];
  if (head && qualifier) {
    keys.push(countryNameKey(`${qualifier} ${head}`));
    if (split[2] !== undefined || isStateForm(countryNameKey(qualifier).split(" "))) {
      keys.push(countryNameKey(head));
    }
    return keys.filter(Boolean);
  }
  if (!key.includes(" of ") && !key.includes(" de ")) return keys;
  const words = key.split(" ");
  const of = words.findIndex((w, i) => i > 0 && i < words.length - 1 && CONNECTOR_WORDS.has(w));
  if (of > 0) {
    const form = words.slice(0, of + 1);
    const rest = words.slice(of + 1);
    keys.push([...rest, ...form].join(" "));
    if (isStateForm(form)) keys.push(rest.join(" "));
  }
  return keys;
}

/** "X (Y)" or "X, Y". */
const PARTS = /^(.+?)\s*(?:\((.+)\)|,\s*(.+))\s*$/;

function isStateForm(words: readonly string[]): boolean {
  return words.length > 0 && words.every((w) => STATE_FORM_WORDS.has(w));
}

/** Keys claimed by several countries within one tier: resolved by none, and by no later tier either. */
function addTier(index: Map<string, string>, blocked: Set<string>, entries: Iterable<Entry>): void {
  const tier = new Map<string, string | null>();
  for (const [key, code] of entries) {
    if (!key || index.has(key) || blocked.has(key)) continue;
    const previous = tier.get(key);
    if (previous === undefined) tier.set(key, code);
    else if (previous !== code) tier.set(key, null);
  }
  for (const [key, code] of tier) {
    if (code === null) blocked.add(key);
    else index.set(key, code);
  }
}

type Named = readonly [code: string, name: string, key: string];

function withKeys(pairs: readonly [string, string][]): Named[] {
  return pairs.map(([code, name]) => [code, name, countryNameKey(name)] as const);
}

function* keyed(names: readonly Named[]): Iterable<Entry> {
  for (const [code, , key] of names) yield [key, code];
}

function* derived(names: readonly Named[]): Iterable<Entry> {
  for (const [code, name, key] of names) for (const k of derivedKeys(name, key)) yield [k, code];
}

/**
 * Key → ISO alpha-2 code, in tiers that never override an earlier one: aliases, the primary languages,
 * their derived forms, the other languages (and theirs), then Node's display names.
 */
export function buildCountryNameIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const blocked = new Set<string>();
  const aliases = withKeys(
    COUNTRY_ALIASES.flatMap(({ code, names }) => names.map((n): [string, string] => [code, n])),
  );
  const primary = withKeys(PRIMARY_LOCALES.flatMap(packageNames));
  const others = withKeys(OTHER_LOCALES.flatMap(packageNames));
  addTier(index, blocked, keyed(aliases));
  addTier(index, blocked, keyed(primary));
  addTier(index, blocked, derived([...aliases, ...primary]));
  addTier(index, blocked, keyed(others));
  addTier(index, blocked, derived(others));
  const codes = [...new Set(primary.map(([code]) => code))];
  addTier(index, blocked, keyed(withKeys(displayNames(codes))));
  return index;
}

type NameWords = readonly (readonly [words: readonly string[], code: string])[];

/**
 * A name the index lacks, read as a known name plus a state form: "Albania (Republic of)", "Republic of
 * Guinea", "Argentine Republic". Among the names containing the rest ("Guinea"), the one whose other
 * words the state form supplies, most of them, wins; no winner, two countries tied, or a winner that
 * ignores "Democratic People's" when another country shares the name ("Korea") is no answer.
 */
export function resolveWithoutStateForm(key: string, names: NameWords): string | undefined {
  const words = key.split(" ");
  let start = 0;
  while (start < words.length && STATE_FORM_WORDS.has(words[start]!)) start += 1;
  let end = words.length;
  while (end > start && STATE_FORM_WORDS.has(words[end - 1]!)) end -= 1;
  if (end === start || (start === 0 && end === words.length)) return undefined;
  const core = words.slice(start, end);
  const form = new Set([...words.slice(0, start), ...words.slice(end)]);
  let best: { code: string; extra: string[] } | undefined;
  let tied = false;
  const sharing = new Set<string>();
  for (const [name, code] of names) {
    const at = indexOfRun(name, core);
    if (at < 0) continue;
    sharing.add(code);
    const extra = [...name.slice(0, at), ...name.slice(at + core.length)].filter(
      (w) => !CONNECTOR_WORDS.has(w),
    );
    if (!extra.every((w) => form.has(w))) continue;
    if (!best || extra.length > best.extra.length) {
      best = { code, extra };
      tied = false;
    } else if (extra.length === best.extra.length && code !== best.code) tied = true;
  }
  if (!best || tied) return undefined;
  const chosen = best;
  const ignored = [...form].some((w) => DISTINGUISHING_FORM_WORDS.has(w) && !chosen.extra.includes(w));
  return sharing.size > 1 && ignored ? undefined : best.code;
}

/** Where `run` starts as consecutive words of `words`, or -1. */
function indexOfRun(words: readonly string[], run: readonly string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}
