/**
 * Issue 12 C: `preview --show <contact>` prints one rendered message (headers and text part) and
 * writes nothing; an unknown contact is E_CONTACT_NOT_IN_CAMPAIGN naming the campaign and close ids;
 * `preview --format json` is a summary for scripts (what was written, counts, problems).
 */
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { EXAMPLE_CAMPAIGN, replaceInFile } from "../campaign/edit-workspace.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

const AR_CONTACT = "ar-19f0aeb27c";
const CLOCK = new ManualClock(Date.UTC(2012, 10, 20, 9, 30));

function outbox(ws: string): string {
  return join(ws, "campaigns", EXAMPLE_CAMPAIGN, "outbox");
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** `Name: value` header lines of the shown message (those before the first blank line). */
function headersOf(stdout: string): Map<string, string> {
  const head = stdout.slice(0, stdout.indexOf("\n\n"));
  const pairs = head
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)] as const);
  return new Map(pairs);
}

describe("preview --show", () => {
  let ws: string;
  beforeAll(async () => {
    ws = await copyExampleWorkspace();
  });

  it("prints one message's headers and text part, and writes nothing", async () => {
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--show", AR_CONTACT], {
      workspace: ws,
      clock: CLOCK,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(await exists(outbox(ws))).toBe(false);
    const headers = headersOf(run.stdout);
    expect([...headers.keys()]).toEqual([
      "From",
      "To",
      "Cc",
      "Reply-To",
      "Subject",
      "Message-ID",
      "Content-Language",
    ]);
    expect(headers.get("From")).toBe("Civil Society Coalition on WCIT <letters@coalition.example>");
    expect(headers.get("Cc")).toBe("CELE <partners@cele.ar.example>");
    expect(headers.get("Content-Language")).toBe("es");
    expect(run.stdout).toMatch(/^# contact ar-19f0aeb27c \(AR\) · es letter: /);
    // The text part follows the blank line: the salutation pattern for this contact, in Spanish.
    const text = run.stdout.slice(run.stdout.indexOf("\n\n") + 2);
    expect(text).toContain("Estimado/a Lic. Mariana Ejemplo:");

    // The very message `preview` writes: same recipient, subject, Message-ID and text.
    const full = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--format", "json"], {
      workspace: ws,
      clock: CLOCK,
    });
    expect(full.code, full.stderr).toBe(0);
    const summary = JSON.parse(full.stdout) as { dir: string; files: { contact: string; eml: string }[] };
    const file = summary.files.find((f) => f.contact === AR_CONTACT)!;
    const eml = await simpleParser(await readFile(join(summary.dir, file.eml)));
    expect(headers.get("Subject")).toBe(eml.subject);
    expect(headers.get("Message-ID")).toBe(eml.messageId);
    expect(headers.get("To")).toContain(
      `<${eml.to && !Array.isArray(eml.to) ? eml.to.value[0]?.address : ""}>`,
    );
    expect(text.trim()).toBe(eml.text?.trim());
  });

  it("with --format json, the same message as JSON", async () => {
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--show", AR_CONTACT, "--format", "json"], {
      workspace: ws,
    });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as {
      contact: string;
      language: string;
      headers: Record<string, string>;
      text: string;
    };
    expect(json).toMatchObject({ contact: AR_CONTACT, language: "es" });
    expect(json.headers.Cc).toBe("CELE <partners@cele.ar.example>");
    expect(json.text).toContain("Estimado/a");
  });

  it("an unknown contact is E_CONTACT_NOT_IN_CAMPAIGN naming the campaign and the close ids", async () => {
    const fresh = await copyExampleWorkspace();
    const typo = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--show", "ar-19f0aeb72c"], {
      workspace: fresh,
    });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("error [E_CONTACT_NOT_IN_CAMPAIGN]");
    expect(typo.stderr).toContain(EXAMPLE_CAMPAIGN);
    expect(typo.stderr).toContain(AR_CONTACT);
    const short = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--show", "ar-"], { workspace: fresh });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/did you mean (ar-[0-9a-f]+, ar-[0-9a-f]+)\?/);
    const none = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--show", "zz-nobody-at-all"], {
      workspace: fresh,
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error [E_CONTACT_NOT_IN_CAMPAIGN]");
    expect(none.stderr).not.toContain("did you mean");
    expect(await exists(outbox(fresh))).toBe(false);
  });

  it("a directory contact the campaign does not target (here: --country) is said to be so", async () => {
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--country", "GB", "--show", AR_CONTACT], {
      workspace: ws,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error [E_CONTACT_NOT_IN_CAMPAIGN]");
    expect(run.stderr).toContain("is in the directory");
  });
});

describe("preview --format json", () => {
  it("summarises what was written: files, counts by language, country and delivery, problems", async () => {
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as {
      written: boolean;
      dir: string;
      index: string;
      messages: number;
      files: { eml: string; html: string; language: string }[];
      byLanguage: Record<string, number>;
      byCountry: Record<string, number>;
      byDelivery: Record<string, number>;
      unreviewed: string[];
      problems: { severity: string; field?: string }[];
    };
    expect(json.written).toBe(true);
    expect(json.files).toHaveLength(json.messages);
    expect(json.messages).toBeGreaterThan(10);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(json.byLanguage)).toBe(json.messages);
    expect(sum(json.byCountry)).toBe(json.messages);
    expect(sum(json.byDelivery)).toBe(json.messages);
    expect(json.unreviewed).toContain("ur");
    expect(json.problems).toContainEqual(
      expect.objectContaining({ severity: "warning", field: "letters.ur.reviewed" }),
    );
    for (const f of json.files.slice(0, 3)) {
      expect(await exists(join(json.dir, f.eml))).toBe(true);
      expect(await exists(join(json.dir, f.html))).toBe(true);
    }
    expect(await exists(json.index)).toBe(true);
  });

  it("when the plan is blocked: written false with the problems, exit 2, nothing written", async () => {
    const ws = await copyExampleWorkspace();
    await replaceInFile(
      join(ws, "templates/itu-letter/en.mjml"),
      "by {{sender.name}}.",
      "by {{sender.nmae}}.",
    );
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--format", "json"], { workspace: ws });
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout) as {
      written: boolean;
      problems: { code?: string; severity: string }[];
    };
    expect(json.written).toBe(false);
    expect(json.problems).toContainEqual(
      expect.objectContaining({ code: "E_TEMPLATE_UNKNOWN_FIELD", severity: "error" }),
    );
    expect(await exists(outbox(ws))).toBe(false);
  });

  it("refuses a format it does not have", async () => {
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["preview", EXAMPLE_CAMPAIGN, "--format", "csv"], { workspace: ws });
    expect(run.code).toBe(2);
    expect(await exists(outbox(ws))).toBe(false);
  });
});
