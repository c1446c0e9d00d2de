/**
 * Cross-campaign etiquette: when did another campaign of this workspace last get a message accepted for
 * each contact? Streams every other campaign's ledger; keeps one timestamp per contact. A `sent` mark (an
 * uncertain message someone confirmed went out) counts from the time it gives, unless it was retracted.
 */
import { readdir } from "node:fs/promises";
import type { Problem } from "../core/errors.js";
import type { WorkspacePaths } from "../core/workspace.js";
import { retractsMark, type MarkedEvent } from "../ledger/ledger-event-schema.js";
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
    // Standing `sent` marks of this campaign: few (made by hand), settled when the ledger is read to the end.
    const sentMarks: MarkedEvent[] = [];
    for await (const e of streamLedger(paths.ledger(id), problems)) {
      if (e.type === "sent") keepLatest(out, e.contact, id, e.at);
      else if (e.type === "marked" && e.outcome === "sent") sentMarks.push(e);
      else if (e.type === "unmarked" && e.outcome === "sent") {
        const i = sentMarks.findLastIndex((m) => m.contact === e.contact && retractsMark(e, m));
        if (i >= 0) sentMarks.splice(i, 1);
      }
    }
    for (const m of sentMarks) keepLatest(out, m.contact, id, m.date ?? m.at);
  }
  return out;
}

function keepLatest(
  out: Map<string, { campaign: string; at: number }>,
  contact: string,
  campaign: string,
  time: string,
): void {
  const at = Date.parse(time);
  const prev = out.get(contact);
  if (Number.isFinite(at) && (!prev || prev.at < at)) out.set(contact, { campaign, at });
}
