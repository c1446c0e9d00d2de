/** `outreach plan` forecasts what `send` will do, from the ledger, and what in config.json would stop a real send. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const ID = "wcit-2012";
const message = (contact: string, email: string) => ({
  at: "2026-11-01T10:00:00.000Z",
  campaign: ID,
  contact,
  messageId: `<${ID}.${contact}@outreach.coalition.example>`,
  language: "en",
  revision: "r",
  attempt: 1,
  email,
});

describe("outreach plan: the send forecast", () => {
  it("counts per country what will go, went before, is uncertain or skipped, and names what would stop a real send", async () => {
    const workspace = await copyExampleWorkspace();
    await mkdir(join(workspace, "campaigns", ID), { recursive: true });
    const gb = message("gb-a72267a471", "itu.team@dsit.gb.example");
    const us = message("us-bc38dbfcab", "itu@ntia.us.example");
    await writeFile(
      join(workspace, "campaigns", ID, "ledger.jsonl"),
      [
        { ...gb, type: "attempt", transport: "smtp" },
        { ...gb, type: "sent", response: "250 ok" },
        { ...us, type: "attempt", transport: "smtp" },
      ]
        .map((e) => JSON.stringify(e))
        .join("\n") + "\n",
    );
    await writeFile(
      join(workspace, "config.json"),
      JSON.stringify({
        smtp: { host: "smtp.your-provider.invalid", user: "letters", passwordEnv: "NOPE_PW" },
      }),
    );
    const run = await runInProcess(["plan", ID, "--format", "json"], { workspace });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      forecast: {
        countries: {
          country: string;
          toSend: number;
          alreadySent: number;
          uncertain: number;
          skipped: Record<string, number>;
        }[];
        totals: { toSend: number; alreadySent: number; uncertain: number };
      };
      realSendProblems: string[];
    };
    const byCountry = new Map(out.forecast.countries.map((c) => [c.country, c]));
    expect(byCountry.get("GB")).toMatchObject({ toSend: 0, alreadySent: 1 });
    expect(byCountry.get("US")).toMatchObject({ toSend: 1, uncertain: 1 });
    expect(byCountry.get("CN")?.skipped.partner).toBe(2);
    expect(byCountry.get("BD")?.skipped.bounced).toBe(1);
    expect(out.forecast.totals).toMatchObject({ alreadySent: 1, uncertain: 1 });
    expect(out.realSendProblems.join("\n")).toMatch(/smtp\.host: .*placeholder/);
    expect(out.realSendProblems.join("\n")).toMatch(/NOPE_PW is not set/);
    expect(run.stderr).toMatch(/a real send would stop: config\.json smtp\.host/);
    expect(run.stderr).toContain("1 uncertain message(s) are not sent again");
    // Every warning counted is listed.
    const counted = /plan ok: (\d+) warning/.exec(run.stderr)?.[1];
    expect(Number(counted)).toBe((run.stderr.match(/^warning: /gm) ?? []).length);
  });
});
