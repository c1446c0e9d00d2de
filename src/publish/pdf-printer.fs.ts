/**
 * The one browser of a run: prints HTML documents to PDF with a headless Chromium (Chromium, Chrome or
 * Edge, through playwright-core). It is launched on the first print and reused for every PDF after it,
 * so a run that makes 200 letters starts the browser once (`launches` counts it). Nothing leaves the
 * machine: every request the page makes that is not a `data:` URL is aborted, and the documents carry
 * their fonts inline. Effects: starts and stops a browser process.
 */
import type { Browser, Page } from "playwright-core";
import { OperationError } from "../core/errors.js";
import { documentParts } from "./print-html.js";

export type PaperSize = "a4" | "letter";

export interface PrintOptions {
  paper: PaperSize;
  /** The page numbers' `@font-face` rule and family (`bundled-fonts.fs.ts`); none: the system's sans-serif. */
  pageNumberFont?: { css: string; family: string } | undefined;
  /** What the letter is, for errors ("the ur letter for contact pk-moitt"). */
  label: string;
}

export interface PdfPrinter {
  print(html: string, options: PrintOptions): Promise<Uint8Array>;
  /** How many times the browser was started (0 until the first print, then 1). */
  readonly launches: number;
  readonly browserPath: string;
  close(): Promise<void>;
}

const PRINT_TIMEOUT_MS = 60_000;

/** What the body swap touches of the page's document. */
interface PageDocument {
  body: { innerHTML: string };
  title: string;
  fonts: { ready: Promise<unknown> };
}

/**
 * Page numbers at the foot of every page, `2 / 5`, in the margin Chromium keeps for them, set in the
 * font `fontCss` declares as `fontFamily` (the bundled one, so they print the same everywhere).
 */
function footerTemplate(fontCss: string, fontFamily: string): string {
  return (
    (fontCss ? `<style>${fontCss}</style>` : "") +
    `<div style="width:100%;font-size:8pt;color:#555;text-align:center;font-family:'${fontFamily}',sans-serif;">` +
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
  );
}

/** Pages printing at once: Chromium lays out and prints each page in its own renderer, so two use both cores. */
const PAGES = 2;

export function createPdfPrinter(browserPath: string): PdfPrinter {
  let launches = 0;
  let started: Promise<Browser> | undefined;
  const start = (): Promise<Browser> => {
    started ??= (async () => {
      launches += 1;
      return launch(browserPath);
    })();
    return started;
  };
  let pool = createPagePool(start);
  // The head (language, inline fonts) each page has loaded: a letter with the same head only swaps the
  // body, so the fonts are not decoded again for every letter of a language.
  const loadedHead = new WeakMap<Page, string>();

  return {
    get launches() {
      return launches;
    },
    browserPath,
    async print(html, options) {
      const page = await pool.take();
      try {
        await loadDocument(page, html, loadedHead);
        return await printPage(page);
      } catch (e) {
        throw new OperationError("E_PDF_RENDER", `the browser could not print ${options.label}`, {
          cause: e,
          hint: `browser: ${browserPath}; ${(e as Error).message.split("\n")[0] ?? ""}`,
        });
      } finally {
        pool.give(page);
      }

      function printPage(page: Page): Promise<Uint8Array> {
        return page.pdf({
          format: options.paper === "letter" ? "Letter" : "A4",
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: "<span></span>",
          footerTemplate: footerTemplate(
            options.pageNumberFont?.css ?? "",
            options.pageNumberFont?.family ?? "sans-serif",
          ),
          margin: { top: "18mm", bottom: "20mm", left: "20mm", right: "20mm" },
        });
      }
    },
    async close() {
      if (!started) return;
      const run = started;
      started = undefined;
      pool = createPagePool(start);
      await run.then((browser) => browser.close()).catch(() => undefined);
    },
  };
}

/**
 * A small pool of pages, each printing one letter at a time: the browser's memory stays flat however
 * many letters a run makes, and a waiting print takes the first page that is free. Pages are opened
 * on demand, in a context that is offline and aborts every request that is not a `data:` URL.
 */
function createPagePool(start: () => Promise<Browser>): { take(): Promise<Page>; give(page: Page): void } {
  const free: Page[] = [];
  const waiting: ((page: Page) => void)[] = [];
  let opened = 0;
  return {
    async take() {
      const page = free.pop();
      if (page) return page;
      if (opened >= PAGES) return new Promise((resolve) => waiting.push(resolve));
      opened += 1;
      const browser = await start();
      const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
      await context.route("**/*", (route) =>
        route.request().url().startsWith("data:") ? route.continue() : route.abort(),
      );
      return context.newPage();
    },
    give(page) {
      const next = waiting.shift();
      if (next) next(page);
      else free.push(page);
    },
  };
}

/** Loads a print document: a full load, or only its body when the page already has the same head. */
async function loadDocument(page: Page, html: string, loadedHead: WeakMap<Page, string>): Promise<void> {
  const parts = documentParts(html);
  if (parts && loadedHead.get(page) === parts.head) {
    await page.evaluate(
      async ([body, title]) => {
        // Runs in the page (this project compiles without DOM types).
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        doc.body.innerHTML = body;
        doc.title = title;
        await doc.fonts.ready;
      },
      [parts.body, parts.title] as const,
    );
    return;
  }
  loadedHead.delete(page);
  await page.setContent(html, { waitUntil: "load", timeout: PRINT_TIMEOUT_MS });
  if (parts) loadedHead.set(page, parts.head);
}

async function launch(browserPath: string): Promise<Browser> {
  // playwright-core is loaded on first use: only the commands that print load it.
  const { chromium } = await import("playwright-core");
  try {
    return await chromium.launch({
      executablePath: browserPath,
      headless: true,
      timeout: PRINT_TIMEOUT_MS,
      args: [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--font-render-hinting=none",
      ],
    });
  } catch (e) {
    throw new OperationError("E_BROWSER_LAUNCH", `the browser at ${browserPath} did not start`, {
      cause: e,
      hint: (e as Error).message.split("\n").slice(0, 3).join(" "),
    });
  }
}
