/**
 * Issue 12 item 1: `outreach campaign new` scaffolds a campaign that `plan` accepts as it is, never
 * overwrites, starts from an existing campaign with `--from`, and `init` gives the JSON Schemas the
 * config and campaign name in "$schema".
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { copyExampleWorkspace, makeTempDir, REPO_ROOT, runInProcess } from "../helpers/cli.js";

const clock = new ManualClock(Date.parse("2026-12-07T10:00:00Z"));

/** A workspace made by `init`, holding the example's directory and partners (but not its campaign). */
async function freshWorkspaceWithExampleDirectory(): Promise<string> {
  const ws = join(await makeTempDir("outreach-new-"), "ws");
  expect((await runInProcess(["init", ws], { workspace: ws })).code).toBe(0);
  for (const f of ["directory.csv", "partners.csv"])
    await copyFile(join(REPO_ROOT, "contacts", f), join(ws, "contacts", f));
  return ws;
}

const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;

describe("outreach campaign new", () => {
  it("writes a campaign that plan passes: campaign.json, signatories and a starter letter per language", async () => {
    const ws = await freshWorkspaceWithExampleDirectory();
    const made = await runInProcess(["campaign", "new", "x", "--languages", "en,es"], {
      workspace: ws,
      clock,
    });
    expect(made.code, made.stderr).toBe(0);
    for (const f of ["en.mjml", "en.subject.hbs", "en.txt.hbs", "es.mjml", "es.subject.hbs", "es.txt.hbs"])
      expect(made.stderr).toContain(join("templates", "x", f));
    const campaign = await readJson(join(ws, "campaigns", "x", "campaign.json"));
    expect(campaign).toMatchObject({
      id: "x",
      defaultLanguage: "en",
      sender: { email: "letters@coalition.example" },
      letters: { en: { template: "x", reviewed: true }, es: { template: "x", reviewed: false } },
    });
    // The Message-ID domain is left to its default, the sender's domain.
    expect(campaign).not.toHaveProperty("messageIdDomain");
    // "$schema" names a file the workspace has (init copied the schemas in).
    const schema = resolve(join(ws, "campaigns", "x"), String(campaign.$schema));
    expect(JSON.parse(await readFile(schema, "utf8"))).toHaveProperty("$schema");
    const config = await readJson(join(ws, "config.json"));
    expect(await readFile(resolve(ws, String(config.$schema)), "utf8")).toContain("smtp");
    expect(await readFile(join(ws, "campaigns", "x", "signatories.csv"), "utf8")).toBe(
      "organisation,country,signed\nOpen Internet Coalition (example),,2026-12-07\n",
    );

    const plan = await runInProcess(["plan", "x"], { workspace: ws, clock });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).not.toContain("[E_");
    const preview = await runInProcess(["preview", "x"], { workspace: ws, clock });
    expect(preview.code, preview.stderr).toBe(0);
  });

  it("never overwrites: a second run is E_CAMPAIGN_EXISTS, exit 2, and the files stay as they were", async () => {
    const ws = await freshWorkspaceWithExampleDirectory();
    expect(
      (await runInProcess(["campaign", "new", "x", "--languages", "en"], { workspace: ws, clock })).code,
    ).toBe(0);
    const letter = join(ws, "templates", "x", "en.mjml");
    await writeFile(letter, "<mjml><mj-body></mj-body></mjml>\n");
    const again = await runInProcess(["campaign", "new", "x", "--languages", "en,fr"], {
      workspace: ws,
      clock,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("[E_CAMPAIGN_EXISTS]");
    expect(await readFile(letter, "utf8")).toBe("<mjml><mj-body></mj-body></mjml>\n");
    expect(await readJson(join(ws, "campaigns", "x", "campaign.json"))).not.toHaveProperty("letters.fr");
  });

  it("a starter letter in templates/<id>/ that is in the way is named, and nothing is written", async () => {
    const ws = await freshWorkspaceWithExampleDirectory();
    // Half a letter (no subject): not a letter to keep, and not one to overwrite.
    await mkdir(join(ws, "templates", "other"), { recursive: true });
    await writeFile(join(ws, "templates", "other", "es.mjml"), "<mjml></mjml>\n");
    const blocked = await runInProcess(["campaign", "new", "other", "--languages", "en,es"], {
      workspace: ws,
      clock,
    });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain("[E_CAMPAIGN_EXISTS]");
    expect(blocked.stderr).toContain("templates/other/es.mjml");
    expect(await readdir(join(ws, "campaigns"))).toEqual([]);
    expect(await readdir(join(ws, "templates", "other"))).toEqual(["es.mjml"]);
  });

  it("keeps a whole letter already in templates/<id>/ and writes only what is missing", async () => {
    const ws = await freshWorkspaceWithExampleDirectory();
    const dir = join(ws, "templates", "kept");
    await mkdir(dir, { recursive: true });
    for (const f of ["en.mjml", "en.subject.hbs"])
      await copyFile(join(REPO_ROOT, "templates", "itu-letter", f), join(dir, f));
    const run = await runInProcess(["campaign", "new", "kept", "--languages", "en,es"], {
      workspace: ws,
      clock,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/created .*templates\/kept\/en\.mjml/);
    expect(await readFile(join(dir, "en.mjml"), "utf8")).toBe(
      await readFile(join(REPO_ROOT, "templates", "itu-letter", "en.mjml"), "utf8"),
    );
    expect((await readdir(dir)).sort()).toEqual([
      "en.mjml",
      "en.subject.hbs",
      "es.mjml",
      "es.subject.hbs",
      "es.txt.hbs",
    ]);
  });

  it("refuses an unknown or empty language list with E_CAMPAIGN_LANGUAGE and a bad id with E_CAMPAIGN_ID", async () => {
    const ws = await freshWorkspaceWithExampleDirectory();
    for (const [args, code] of [
      [["campaign", "new", "x", "--languages", "en,klingon"], "E_CAMPAIGN_LANGUAGE"],
      [["campaign", "new", "x", "--languages", " , "], "E_CAMPAIGN_LANGUAGE"],
      [["campaign", "new", "Bad_Id", "--languages", "en"], "E_CAMPAIGN_ID"],
    ] as const) {
      const run = await runInProcess([...args], { workspace: ws, clock });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(`[${code}]`);
    }
  });

  it("--from keeps the source's letters, countries and signatories, adds a starter for a new language; --format json", async () => {
    const ws = await copyExampleWorkspace();
    await copyFile(join(REPO_ROOT, "config.example.json"), join(ws, "config.json"));
    const run = await runInProcess(
      ["campaign", "new", "wcit-2013", "--languages", "en,es,ar", "--from", "wcit-2012", "--format", "json"],
      { workspace: ws, clock },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { created: string[]; next: string[] };
    expect(out.created).toEqual([
      "campaigns/wcit-2013/campaign.json",
      "campaigns/wcit-2013/signatories.csv",
      "templates/wcit-2013/ar.subject.hbs",
      "templates/wcit-2013/ar.mjml",
      "templates/wcit-2013/ar.txt.hbs",
    ]);
    const campaign = await readJson(join(ws, "campaigns", "wcit-2013", "campaign.json"));
    expect(campaign).toMatchObject({
      id: "wcit-2013",
      sender: { email: "letters@coalition.example" },
      countries: { AR: { language: "es", partner: "cele" } },
      letters: {
        en: { template: "itu-letter" },
        es: { template: "itu-letter" },
        ar: { template: "wcit-2013" },
      },
    });
    expect(campaign).not.toHaveProperty("letters.fr");
    expect(await readFile(join(ws, "campaigns", "wcit-2013", "signatories.csv"), "utf8")).toBe(
      await readFile(join(ws, "campaigns", "wcit-2012", "signatories.csv"), "utf8"),
    );
    const plan = await runInProcess(["plan", "wcit-2013"], { workspace: ws, clock });
    expect(plan.code, plan.stderr).toBe(0);
  });
});
