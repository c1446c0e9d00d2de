/** A signatory added to a copied example workspace, whatever columns its signatories.csv has. */
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import * as cheerio from "cheerio";
import { loadCampaign } from "../../src/campaign/load-campaign.fs.js";
import { createRenderer } from "../../src/render/create-renderer.js";
import { letterBlocks } from "../../src/publish/letter-blocks.js";
import { renderPublicLetter } from "../../src/publish/public-letter.js";
import { EXAMPLE_CAMPAIGN } from "../campaign/edit-workspace.js";

/** Appends an approved signatory (approved on the day it signed, when the file records approvals). */
export async function appendSignatory(
  ws: string,
  s: { organisation: string; country: string; signed: string },
): Promise<void> {
  const file = join(ws, "campaigns", EXAMPLE_CAMPAIGN, "signatories.csv");
  const text = await readFile(file, "utf8");
  const header = (text.split(/\r?\n/)[0] ?? "").split(",").map((h) => h.trim());
  const values: Record<string, string> = {
    ...s,
    status: "approved",
    approvedOn: s.signed,
    type: "organisation",
  };
  const row = header.map((h) => values[h] ?? "");
  await appendFile(file, (text.endsWith("\n") ? "" : "\n") + stringify([row], { record_delimiter: "\n" }));
}

/** The last signatory each language's website copy lists, as the renderer renders it (text of the last item). */
export async function lastSignatories(ws: string): Promise<Map<string, string>> {
  const loaded = await loadCampaign(ws, EXAMPLE_CAMPAIGN);
  const renderer = await createRenderer(loaded);
  const last = new Map<string, string>();
  for (const lang of renderer.languages) {
    const letter = renderer.letterFor(lang);
    if (!letter) continue;
    const block = letterBlocks(renderPublicLetter(letter).html).find((b) =>
      /\bsignatories\b/.test(b.className),
    );
    const $ = cheerio.load(block?.html ?? "");
    last.set(lang, $("li").last().text().trim());
  }
  return last;
}
