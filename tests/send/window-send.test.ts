/**
 * The send loop and office hours, on a manual clock: a letter to a country whose window is closed waits
 * (reported as a wait for office hours) while letters to open countries go; with noWait the run ends.
 */
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { defaultConfig } from "../../src/config/config-schema.js";
import { sendCampaign } from "../../src/send/send-campaign.js";
import type { SendProgress } from "../../src/send/send-progress.js";
import type { Transport } from "../../src/send/transport.js";
import { makeJob, makeMessage } from "./make-message.js";

const START = Date.UTC(2026, 0, 5, 12);
const HOUR = 3_600_000;
const limits = { ...defaultConfig.send, perMinute: 600, burst: 10, concurrency: 1, perDomainPerHour: 1000 };

async function run(noWait: boolean) {
  const clock = new ManualClock(START);
  const delivered: { contact: string; at: number }[] = [];
  const waits: SendProgress["waiting"][] = [];
  const transport: Transport = {
    name: "smtp",
    description: "test",
    paced: true,
    verify: () => Promise.resolve(),
    deliver: (m) => {
      delivered.push({ contact: m.contactId, at: clock.now() });
      return Promise.resolve({ status: "sent", response: "250 ok" });
    },
    close: () => Promise.resolve(),
  };
  const jobs = ["fr-1", "jp-1", "fr-2", "jp-2"].map((id) => ({
    ...makeJob(id),
    country: id.slice(0, 2).toUpperCase(),
  }));
  const summary = await sendCampaign({
    campaign: "test-campaign",
    jobs,
    total: jobs.length,
    render: (job) => makeMessage(job.contactId, job.email),
    transport,
    ledger: { append: () => Promise.resolve() },
    limits,
    clock,
    random: () => 0.5,
    noWait,
    // Japan is open now; France opens in an hour.
    windowOpensAt: (country, now) => (country === "FR" ? Math.max(now, START + HOUR) : now),
    onWait: (p) => waits.push(p.waiting),
  });
  return { delivered, waits, summary };
}

describe("office hours in the send loop", () => {
  it("sends to the open country first and the closed one when its window opens, reporting the wait", async () => {
    const { delivered, waits, summary } = await run(false);
    expect(summary).toMatchObject({ sent: 4, stoppedBy: "finished" });
    expect(delivered.map((d) => d.contact)).toEqual(["jp-1", "jp-2", "fr-1", "fr-2"]);
    for (const d of delivered.filter((x) => x.contact.startsWith("jp")))
      expect(d.at).toBeLessThan(START + HOUR);
    for (const d of delivered.filter((x) => x.contact.startsWith("fr")))
      expect(d.at).toBeGreaterThanOrEqual(START + HOUR);
    expect(waits).toContainEqual({ reason: "window", until: START + HOUR, detail: "FR" });
  });

  it("with noWait, ends once only closed windows are left, saying until when", async () => {
    const { delivered, summary } = await run(true);
    expect(delivered.map((d) => d.contact)).toEqual(["jp-1", "jp-2"]);
    expect(summary).toMatchObject({
      sent: 2,
      stoppedBy: "waiting",
      stopWait: { reason: "window", until: START + HOUR, detail: "FR" },
    });
  });
});
