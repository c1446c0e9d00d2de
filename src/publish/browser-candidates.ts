/**
 * Where a Chromium-family browser (Chromium, Chrome, Edge) usually lives on Linux, macOS and Windows, in
 * the order `letter pdf` and `publish` try them when neither `--browser` nor `$OUTREACH_BROWSER` names
 * one. Pure: the platform and environment are passed in; `find-browser.fs.ts` checks the disk.
 */

/** The environment variable that names the browser when `--browser` is not given. */
export const BROWSER_ENV = "OUTREACH_BROWSER";

/** Program names looked up on `$PATH` (Linux and macOS), in order of preference. */
const PATH_NAMES = [
  "chromium",
  "chromium-browser",
  "google-chrome",
  "google-chrome-stable",
  "microsoft-edge",
  "microsoft-edge-stable",
  "msedge",
];

const LINUX_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/usr/bin/microsoft-edge",
  "/usr/bin/microsoft-edge-stable",
  "/opt/microsoft/msedge/msedge",
];

const MAC_APPS = [
  "Chromium.app/Contents/MacOS/Chromium",
  "Google Chrome.app/Contents/MacOS/Google Chrome",
  "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
];

const WINDOWS_APPS = [
  "Chromium\\Application\\chrome.exe",
  "Google\\Chrome\\Application\\chrome.exe",
  "Microsoft\\Edge\\Application\\msedge.exe",
];

/**
 * The paths to try, most likely first: the usual install locations of the platform, then each program
 * name in each `$PATH` folder (Linux, macOS). Duplicates are dropped.
 */
export function browserCandidates(
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const found: string[] = [];
  if (platform === "win32") {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env["ProgramFiles(x86)"]];
    for (const app of WINDOWS_APPS) for (const root of roots) if (root) found.push(`${root}\\${app}`);
    return [...new Set(found)];
  }
  if (platform === "darwin") {
    const roots = ["/Applications", env.HOME ? `${env.HOME}/Applications` : undefined];
    for (const app of MAC_APPS) for (const root of roots) if (root) found.push(`${root}/${app}`);
  } else {
    found.push(...LINUX_PATHS);
  }
  const dirs = (env.PATH ?? "").split(":").filter((d) => d.startsWith("/"));
  for (const name of PATH_NAMES) for (const dir of dirs) found.push(`${dir.replace(/\/+$/, "")}/${name}`);
  return [...new Set(found)];
}
