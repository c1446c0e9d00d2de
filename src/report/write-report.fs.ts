/**
 * `outreach report`: fold the campaign, read the member states and the world-atlas map, and write
 * `campaigns/<id>/report.html` atomically. Effects: reads files, writes the report. The page itself is
 * built by pure functions (`buildReportData`, `renderWorldMapSvg`, `renderReportHtml`).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Topology } from "topojson-specification";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import type { Clock } from "../core/clock.js";
import type { Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { readCampaignStatus } from "./campaign-status.fs.js";
import { buildReportData, type ReportData } from "./report-data.js";
import { renderReportHtml, STATUS_COLOURS } from "./render-report.js";
import { renderWorldMapSvg } from "./world-map.js";

export interface WriteReportResult {
  path: string;
  data: ReportData;
  problems: Problem[];
}

let topologyCache: Promise<Topology> | undefined;

/** world-atlas's 110m countries (ISO numeric ids), read once per process. */
export function readWorldTopology(): Promise<Topology> {
  topologyCache ??= (async () => {
    const path = createRequire(import.meta.url).resolve("world-atlas/countries-110m.json");
    return JSON.parse(await readFile(path, "utf8")) as Topology;
  })();
  return topologyCache;
}

/** `out`: where to write the page (default `campaigns/<id>/report.html`). */
export async function writeReport(
  workspace: string,
  campaignId: string,
  clock: Clock,
  options: { out?: string } = {},
): Promise<WriteReportResult> {
  const status = await readCampaignStatus(workspace, campaignId);
  const { loaded } = status.tracked;
  const data = buildReportData({
    campaign: { id: campaignId, name: loaded.campaign.name },
    generatedAt: new Date(clock.now()).toISOString(),
    rows: status.rows,
    tracks: status.fold.tracks,
    sentPerDay: status.fold.sentPerDay,
    repliesPerDay: status.fold.repliesPerDay,
    memberStates: loaded.memberStates,
  });
  const html = renderReportHtml(data, renderMap(data, await readWorldTopology()));
  const path = options.out ?? workspacePaths(workspace).report(campaignId);
  await writeFileAtomic(path, html);
  return { path, data, problems: status.ledgerProblems };
}

/** The map shows member states and observers; a targeted country outside that list only appears in the table. */
export function renderMap(data: ReportData, topology: Topology): string {
  const states = data.countries
    .filter((c) => c.membership !== "other")
    .map((c) => ({
      code: c.code,
      name: c.name,
      status: c.mapStatus in STATUS_COLOURS ? c.mapStatus : "no-contacts",
      label: `${c.name}${c.membership === "observer" ? " (observer)" : ""}: ${c.mapStatus}, ${c.contacts} contact${c.contacts === 1 ? "" : "s"}`,
    }));
  return renderWorldMapSvg(topology, states);
}
