/**
 * The fonts every PDF is set in, from npm packages (fontsource's Noto builds), so a letter prints the
 * same on every machine: Noto Sans for Latin, Greek and Cyrillic, Noto Sans Thai, Noto Sans Bengali,
 * Noto Nastaliq Urdu and Noto Sans SC. `fontCss` inlines only the subsets a document uses. Effects:
 * reads the packages' CSS and woff2 files (each once per process).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fontFaceRule, parseFontFaces, selectFaces, type FontFamily } from "./font-faces.js";

interface FontPackage {
  name: string;
  /** Regular, bold and (where the family has one) italic. */
  css: string[];
}

/** In the order of the print document's font stack: Latin first, so Latin text never takes a CJK face. */
const FONT_PACKAGES: readonly FontPackage[] = [
  { name: "@fontsource/noto-sans", css: ["400.css", "700.css", "400-italic.css"] },
  { name: "@fontsource/noto-sans-thai", css: ["400.css", "700.css"] },
  { name: "@fontsource/noto-sans-bengali", css: ["400.css", "700.css"] },
  { name: "@fontsource/noto-nastaliq-urdu", css: ["400.css", "700.css"] },
  { name: "@fontsource/noto-sans-sc", css: ["400.css", "700.css"] },
];

/** The CSS font stack that matches the bundled fonts, in the same order. */
export const PRINT_FONT_STACK =
  "'Noto Sans', 'Noto Sans Thai', 'Noto Sans Bengali', 'Noto Nastaliq Urdu', 'Noto Sans SC', sans-serif";

interface LoadedFamily extends FontFamily {
  dir: string;
}

let families: Promise<LoadedFamily[]> | undefined;
const encoded = new Map<string, Promise<string>>();

function loadFamilies(): Promise<LoadedFamily[]> {
  families ??= (async () => {
    const require = createRequire(import.meta.url);
    return Promise.all(
      FONT_PACKAGES.map(async (pkg) => {
        const dir = dirname(require.resolve(`${pkg.name}/package.json`));
        const css = await Promise.all(pkg.css.map((f) => readFile(join(dir, f), "utf8")));
        const faces = parseFontFaces(css.join("\n"));
        return { family: faces[0]?.family ?? pkg.name, faces, dir };
      }),
    );
  })();
  return families;
}

function base64Of(path: string): Promise<string> {
  let data = encoded.get(path);
  if (!data) {
    data = readFile(path).then((b) => b.toString("base64"));
    encoded.set(path, data);
  }
  return data;
}

/** The `@font-face` rules, fonts inline, for the subsets that `text` needs. */
export async function fontCss(text: string): Promise<string> {
  const loaded = await loadFamilies();
  const rules: string[] = [];
  const chosen = selectFaces(loaded, text);
  for (const face of chosen) {
    const family = loaded.find((f) => f.family === face.family);
    if (family) rules.push(fontFaceRule(face, await base64Of(join(family.dir, face.file))));
  }
  return rules.join("\n");
}

/** The family the page numbers are set in (Chromium's footer template). */
export const PAGE_NUMBER_FONT = "Outreach Page Numbers";

/**
 * The `@font-face` rule for the page numbers: Noto Sans' Latin subset, with the very `data:` URL the
 * document's own rule has. Chromium renders the footer apart from the page, and loads a font there only
 * when the page already has that URL loaded; every print document has this face (its digits need it).
 */
export async function pageNumberFontCss(): Promise<string> {
  const loaded = await loadFamilies();
  const sans = loaded[0];
  const face = sans?.faces.find(
    (f) => f.subset === "noto-sans-latin" && f.weight === 400 && f.style === "normal",
  );
  if (!sans || !face) return "";
  const data = await base64Of(join(sans.dir, face.file));
  return `@font-face{font-family:'${PAGE_NUMBER_FONT}';src:url(data:font/woff2;base64,${data}) format('woff2');}`;
}
