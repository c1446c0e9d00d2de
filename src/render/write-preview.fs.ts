/**
 * `preview`: renders every plan entry and writes it to `campaigns/<id>/outbox/preview/` as an .eml
 * (nodemailer's composer, exactly what send would hand over) plus an .html copy of the letter for the
 * browser, then `index.html` listing them by country and language. Messages are rendered and written
 * one at a time; only the index rows stay in memory. Effects: replaces the preview folder.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { withCspMeta } from "../core/content-security-policy.js";
import type { PlanEntry } from "../campaign/build-plan.js";
import { composeEml } from "./compose-eml.js";
import type { Renderer } from "./create-renderer.js";
import { countryNamer } from "./merge-fields.js";
import { buildPreviewIndex, type PreviewItem } from "./preview-index.js";

export const PREVIEW_FOLDER = "preview";

export interface PreviewResult {
  dir: string;
  index: string;
  messages: number;
  /** What was written, one row per message (file names relative to `dir`). */
  files: PreviewFile[];
}

export interface PreviewFile {
  contact: string;
  country: string;
  language: string;
  delivery: string;
  eml: string;
  html: string;
  warnings: readonly string[];
}

export interface PreviewInput {
  campaignId: string;
  campaignName: string;
  outbox: string;
  entries: readonly PlanEntry[];
  renderer: Pick<Renderer, "render">;
  unreviewed: string[];
  /** Date header of every .eml and the time shown on the page (from the clock). */
  date: Date;
  onProgress?: (done: number, total: number) => void;
}

export async function writePreview(input: PreviewInput): Promise<PreviewResult> {
  const dir = join(input.outbox, PREVIEW_FOLDER);
  // The preview folder is ours alone: clear it so removed contacts do not linger.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const names = countryNamer("en");
  const used = new Set<string>();
  const limit = pLimit(4);
  const items: PreviewItem[] = new Array<PreviewItem>(input.entries.length);
  let done = 0;
  await Promise.all(
    input.entries.map((entry, i) => {
      const base = uniqueName(`${entry.country}-${entry.language}-${safe(entry.contact.id)}`, used);
      return limit(async () => {
        const message = input.renderer.render(entry);
        const eml = await composeEml(message.mail, input.date);
        await writeFileAtomic(join(dir, `${base}.eml`), eml);
        await writeFileAtomic(join(dir, `${base}.html`), withCspMeta(message.mail.html));
        items[i] = {
          contactId: entry.contact.id,
          name: entry.contact.name || entry.contact.organisation,
          organisation: entry.contact.organisation,
          email: entry.contact.email,
          country: entry.country,
          countryName: names(entry.country),
          language: entry.language,
          languageReason: entry.languageReason,
          subject: message.mail.subject,
          delivery: entry.delivery,
          partner: entry.partner?.name ?? "",
          ccPartner: entry.ccPartner,
          status: entry.contact.status,
          warnings: entry.warnings,
          people: entry.sharedMailbox?.people.map((p) => p.name) ?? [],
          salutation: message.salutation ?? "",
          emlFile: `${base}.eml`,
          htmlFile: `${base}.html`,
        };
        done += 1;
        input.onProgress?.(done, input.entries.length);
      });
    }),
  );
  const index = join(dir, "index.html");
  await writeFileAtomic(
    index,
    buildPreviewIndex(items, {
      campaignId: input.campaignId,
      campaignName: input.campaignName,
      generatedAt: input.date.toISOString(),
      unreviewed: input.unreviewed,
    }),
  );
  const files = items.map((i) => ({
    contact: i.contactId,
    country: i.country,
    language: i.language,
    delivery: i.delivery,
    eml: i.emlFile,
    html: i.htmlFile,
    warnings: i.warnings,
  }));
  return { dir, index, messages: items.length, files };
}

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "contact";
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  used.add(name.toLowerCase());
  return name;
}
