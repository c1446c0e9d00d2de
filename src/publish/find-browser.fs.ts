/**
 * Finds the browser that prints the PDFs: the path `--browser` gives, else `$OUTREACH_BROWSER`, else the
 * first usual install location that holds an executable file (`browser-candidates.ts`). A named path
 * that is not there is an error, never a silent fall-back to another browser. Effects: stats files.
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { ConfigError } from "../core/errors.js";
import { BROWSER_ENV, browserCandidates } from "./browser-candidates.js";

export interface FindBrowserInput {
  /** `--browser PATH`, when given. */
  explicit?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  platform?: string;
}

export async function findBrowser(input: FindBrowserInput): Promise<string> {
  const named = input.explicit ?? (input.env[BROWSER_ENV] || undefined);
  if (named !== undefined) {
    if (await isExecutableFile(named)) return named;
    const via = input.explicit !== undefined ? "--browser" : `$${BROWSER_ENV}`;
    throw new ConfigError("E_BROWSER_NOT_FOUND", `${via} names ${named}, which is not an executable file`, {
      hint: "give the path of Chromium, Chrome or Edge (e.g. /usr/bin/chromium)",
    });
  }
  const candidates = browserCandidates(input.platform ?? process.platform, input.env);
  for (const path of candidates) if (await isExecutableFile(path)) return path;
  throw new ConfigError("E_BROWSER_NOT_FOUND", "no Chromium, Chrome or Edge found to print the PDF", {
    hint:
      `install one (Debian/Ubuntu: apt-get install chromium), or name it with --browser PATH or $${BROWSER_ENV}; ` +
      `looked in: ${candidates.slice(0, 12).join(", ")}${candidates.length > 12 ? ", …" : ""}`,
  });
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    // Windows has no execute bit; there a file with the right name is enough.
    if (process.platform !== "win32") await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
