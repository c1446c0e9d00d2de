/**
 * The bundled fonts' `@font-face` rules (fontsource's CSS files) read into data, and the choice of the
 * few subsets a document needs: a Chinese letter uses a few hundred characters of Noto Sans SC's 100
 * subsets, so only those subsets are inlined into the print document, and the PDF looks the same on
 * every machine without carrying megabytes of fonts. Pure.
 */

export interface FontFace {
  family: string;
  style: string;
  weight: number;
  /** The subset this file holds, from its name: `noto-sans-sc-4`, `noto-sans-latin`. */
  subset: string;
  /** The woff2 file, relative to the package folder (`files/noto-sans-sc-4-400-normal.woff2`). */
  file: string;
  /** Inclusive code point ranges the file covers. */
  ranges: [number, number][];
}

/** The faces of one family, as its CSS files declare them. */
export interface FontFamily {
  family: string;
  faces: FontFace[];
}

/** Reads fontsource's `@font-face` blocks: family, style, weight, its woff2 file and unicode-range. */
export function parseFontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const [, body = ""] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const family = /font-family:\s*'([^']+)'/.exec(body)?.[1];
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(body)?.[1];
    if (!family || !file) continue;
    const subset = /^files\/(.+)-\d+-(normal|italic)\.woff2$/.exec(file)?.[1] ?? file;
    faces.push({
      family,
      style: /font-style:\s*(\w+)/.exec(body)?.[1] ?? "normal",
      weight: Number(/font-weight:\s*(\d+)/.exec(body)?.[1] ?? 400),
      subset,
      file,
      ranges: parseUnicodeRange(/unicode-range:\s*([^;]+);/.exec(body)?.[1] ?? "U+0-10FFFF"),
    });
  }
  return faces;
}

/** `U+0-FF,U+131,U+2000-206F` → `[[0,255],[305,305],[8192,8303]]` (wildcards `U+4??` too). */
export function parseUnicodeRange(value: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of value.split(",")) {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m?.[1]) continue;
    const start = parseInt(m[1].replace(/\?/g, "0"), 16);
    const end = m[2] ? parseInt(m[2], 16) : parseInt(m[1].replace(/\?/g, "f"), 16);
    ranges.push([start, end]);
  }
  return ranges;
}

/**
 * The faces a text needs, family by family in the order of the CSS font stack: a subset is taken when
 * it covers a character that no earlier family covered (as the browser falls back), with every weight
 * and style the family has of it. Characters no family covers are left to the system.
 */
export function selectFaces(stack: readonly FontFamily[], text: string): FontFace[] {
  let remaining = [...new Set(Array.from(text, (ch) => ch.codePointAt(0) ?? 0))].filter((c) => c > 0x20);
  const chosen: FontFace[] = [];
  for (const family of stack) {
    const subsets = new Map<string, [number, number][]>();
    for (const face of family.faces) subsets.set(face.subset, face.ranges);
    const taken = new Set<string>();
    for (const [subset, ranges] of subsets) {
      if (remaining.some((c) => covers(ranges, c))) taken.add(subset);
    }
    if (taken.size === 0) continue;
    chosen.push(...family.faces.filter((f) => taken.has(f.subset)));
    const coverage = [...taken].flatMap((s) => subsets.get(s) ?? []);
    remaining = remaining.filter((c) => !covers(coverage, c));
  }
  return chosen;
}

function covers(ranges: readonly [number, number][], codePoint: number): boolean {
  return ranges.some(([a, b]) => codePoint >= a && codePoint <= b);
}

/** One `@font-face` rule with the font inline (a `data:` URL), so the document needs no file or network. */
export function fontFaceRule(face: FontFace, base64: string): string {
  const ranges = face.ranges
    .map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`))
    .join(",");
  return (
    `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};` +
    `src:url(data:font/woff2;base64,${base64}) format('woff2');unicode-range:${ranges};}`
  );
}
