/** The bundled fonts chosen by subset, and where the browser is looked for. Pure parts and the disk check. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { browserCandidates } from "../../src/publish/browser-candidates.js";
import { findBrowser } from "../../src/publish/find-browser.fs.js";
import {
  fontFaceRule,
  parseFontFaces,
  parseUnicodeRange,
  selectFaces,
  type FontFamily,
} from "../../src/publish/font-faces.js";
import { isOutreachError } from "../../src/core/errors.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";

const face = (family: string, subset: string, range: string, weight = 400) =>
  `/* ${subset} */\n@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: ${weight};\n  src: url(./files/${subset}-${weight}-normal.woff2) format('woff2'), url(./files/${subset}-${weight}-normal.woff) format('woff');\n  unicode-range: ${range};\n}\n`;

describe("font subsets", () => {
  it("reads unicode ranges, wildcards included", () => {
    expect(parseUnicodeRange("U+0-FF,U+131, U+4??")).toEqual([
      [0, 255],
      [0x131, 0x131],
      [0x400, 0x4ff],
    ]);
  });

  it("takes, family by family, only the subsets the text needs", () => {
    const latin: FontFamily = {
      family: "Noto Sans",
      faces: parseFontFaces(
        face("Noto Sans", "noto-sans-latin", "U+0-FF") +
          face("Noto Sans", "noto-sans-latin", "U+0-FF", 700) +
          face("Noto Sans", "noto-sans-greek", "U+370-3FF"),
      ),
    };
    const sc: FontFamily = {
      family: "Noto Sans SC",
      faces: parseFontFaces(
        face("Noto Sans SC", "noto-sans-sc-1", "U+0-FF,U+4E00-4E0F") +
          face("Noto Sans SC", "noto-sans-sc-2", "U+4E10-4E1F"),
      ),
    };
    expect(latin.faces.map((f) => [f.subset, f.weight, f.file])).toEqual([
      ["noto-sans-latin", 400, "files/noto-sans-latin-400-normal.woff2"],
      ["noto-sans-latin", 700, "files/noto-sans-latin-700-normal.woff2"],
      ["noto-sans-greek", 400, "files/noto-sans-greek-400-normal.woff2"],
    ]);
    // Latin text: Noto Sans' Latin subset in both weights, nothing of the Chinese font.
    expect(selectFaces([latin, sc], "Dear Sir").map((f) => `${f.subset}@${f.weight}`)).toEqual([
      "noto-sans-latin@400",
      "noto-sans-latin@700",
    ]);
    // 一 (U+4E00) is in the first Chinese subset only; the Latin letters stay with Noto Sans.
    expect(selectFaces([latin, sc], "A 一").map((f) => f.subset)).toEqual([
      "noto-sans-latin",
      "noto-sans-latin",
      "noto-sans-sc-1",
    ]);
    const rule = fontFaceRule(sc.faces[1]!, "AAAA");
    expect(rule).toContain("src:url(data:font/woff2;base64,AAAA)");
    expect(rule).toContain("unicode-range:U+4e10-4e1f");
  });
});

describe("finding the browser", () => {
  it("knows the usual places on Linux, macOS and Windows", () => {
    expect(browserCandidates("linux", { PATH: "/usr/local/bin:/usr/bin" })).toEqual(
      expect.arrayContaining([
        "/usr/bin/chromium",
        "/usr/bin/google-chrome",
        "/usr/local/bin/chromium-browser",
        "/usr/bin/microsoft-edge",
      ]),
    );
    expect(browserCandidates("darwin", { HOME: "/Users/ana", PATH: "" })).toEqual(
      expect.arrayContaining([
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
      ]),
    );
    expect(
      browserCandidates("win32", {
        PROGRAMFILES: "C:\\Program Files",
        "PROGRAMFILES(X86)": "C:\\Program Files (x86)",
        LOCALAPPDATA: "C:\\Users\\ana\\AppData\\Local",
      }),
    ).toEqual(
      expect.arrayContaining([
        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
        "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
        "C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe",
      ]),
    );
  });

  it("takes --browser, else $OUTREACH_BROWSER, else the first usual place that has one", async () => {
    expect(await findBrowser({ explicit: CHROMIUM_PATH, env: {} })).toBe(CHROMIUM_PATH);
    expect(await findBrowser({ env: { OUTREACH_BROWSER: CHROMIUM_PATH } })).toBe(CHROMIUM_PATH);
    expect(await findBrowser({ env: { PATH: "/usr/bin" }, platform: "linux" })).toBe(CHROMIUM_PATH);
  });

  it("none found is E_BROWSER_NOT_FOUND, with where it looked", async () => {
    const home = await mkdtemp(join(tmpdir(), "no-browser-"));
    const error = await findBrowser({ env: { HOME: home, PATH: home }, platform: "darwin" }).catch(
      (e: unknown) => e,
    );
    expect(isOutreachError(error) && error.code).toBe("E_BROWSER_NOT_FOUND");
    expect(isOutreachError(error) && error.hint).toContain("/Applications/Google Chrome.app");
    // A named browser that is not there is an error, never a fall-back to another one.
    const named = await findBrowser({ explicit: join(home, "chrome"), env: {} }).catch((e: unknown) => e);
    expect(isOutreachError(named) && named.code).toBe("E_BROWSER_NOT_FOUND");
  });
});
