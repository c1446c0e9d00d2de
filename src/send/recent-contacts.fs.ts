/**
 * Cross-campaign etiquette: when did another campaign of this workspace last get a message accepted for
 * each contact? Streams every other campaign's ledger; keeps one timestamp per contact.
 */
import { readdir } from "node:fs/promises";
import type { Problem } from "../core/errors.js";
import type { WorkspacePaths } from "../core/workspace.js";
import { streamLedger } from "../ledger/ledger-file.fs.js";

export async function readLastSentElsewhere(
  paths: WorkspacePaths,
  campaignId: string,
  problems: Problem[] = [],
): Promise<Map<string, { campaign: string; at: number }>> {
  const out = new Map<string, { campaign: string; at: number }>();
  let dirs: string[];
  try {
    dirs = (await readdir(paths.campaignsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return out;
    throw e;
  }
  for (const id of dirs.sort()) {
    if (id === campaignId) continue;
    for await (const e of streamLedger(paths.ledger(id), problems)) {
      if (e.type !== "sent") continue;
      const at = Date.parse(e.at);
      const prev = out.get(e.contact);
      if (Number.isFinite(at) && (!prev || prev.at < at)) out.set(e.contact, { campaign: id, at });
    }
  }
  return out;
}
