/**
 * Browser tests drive Debian's chromium through playwright-core, headless, with the network cut off:
 * pages under test are files on disk, and any request that is not file:// is aborted and recorded.
 */
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface WatchedPage {
  page: Page;
  /** Messages of alert/confirm/prompt dialogs the page opened (a script ran). */
  dialogs: string[];
  /** Uncaught page errors. */
  errors: string[];
  /** Requests that tried to leave the disk (aborted). */
  blockedRequests: string[];
}

/** A fresh page in its own context that records dialogs and errors and allows only file:// requests. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watched: WatchedPage = { page, dialogs: [], errors: [], blockedRequests: [] };
  page.on("dialog", (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => watched.errors.push(error.message));
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    watched.blockedRequests.push(url);
    return route.abort();
  });
  return watched;
}
