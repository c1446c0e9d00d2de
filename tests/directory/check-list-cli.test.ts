import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIRECTORY_COLUMNS } from "../../src/contacts/contact-schema.js";
import { checkDirectory } from "../../src/contacts/check-directory.js";
import type { Contact } from "../../src/contacts/contact-schema.js";
import { copyExampleWorkspace, runInProcess } from "../helpers/cli.js";

function contact(fields: Partial<Contact> & Pick<Contact, "id" | "country">): Contact {
  const empty = Object.fromEntries(DIRECTORY_COLUMNS.map((c) => [c, ""])) as Record<string, string>;
  return { ...empty, status: "active", ...fields } as Contact;
}

const STATES = [
  { code: "AR", name: "Argentina", region: "A", language: "es", status: "member" },
  { code: "BR", name: "Brazil", region: "A", language: "en", status: "member" },
  { code: "CL", name: "Chile", region: "A", language: "es", status: "member" },
  { code: "PS", name: "State of Palestine", region: "E", language: "en", status: "observer" },
] as const;

describe("checkDirectory", () => {
  it("finds invalid and duplicate emails, unknown countries, states without (reachable) contacts, bounced and do-not-contact", () => {
    const result = checkDirectory(
      [
        contact({ id: "a", country: "AR", email: "ana@mincom.ar.example" }),
        contact({ id: "b", country: "AR", email: "ANA@mincom.ar.example" }),
        contact({ id: "c", country: "AR", email: "bad address@x.example" }),
        contact({ id: "d", country: "TW", email: "t@x.example" }),
        contact({ id: "e", country: "BR", email: "b@x.example", status: "bounced" }),
        contact({ id: "f", country: "BR", fax: "+55", status: "do-not-contact" }),
      ],
      [...STATES],
    );
    const found = result.findings.map((f) => [f.severity, f.kind, f.country || f.id]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["error", "duplicate-email", "AR"],
        ["error", "invalid-email", "AR"],
        ["error", "unknown-country", "TW"],
        ["warning", "no-contact", "CL"],
        ["warning", "no-reachable-contact", "BR"],
        ["note", "bounced", "BR"],
        ["note", "do-not-contact", "BR"],
      ]),
    );
    expect(found.some(([, , c]) => c === "PS")).toBe(false);
    expect(result.summary).toMatchObject({
      contacts: 6,
      memberStates: 3,
      memberStatesWithContact: 2,
      errors: 3,
    });
  });
});

describe("outreach directory check / list (CLI)", () => {
  it("check on the example directory: exit 0, JSON for scripts, bounced and do-not-contact listed", async () => {
    const ws = await copyExampleWorkspace();
    const run = await runInProcess(["directory", "check", "--format", "json"], { workspace: ws });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      findings: { kind: string }[];
      summary: { errors: number; memberStatesWithContact: number };
    };
    expect(out.summary.errors).toBe(0);
    expect(out.summary.memberStatesWithContact).toBeGreaterThanOrEqual(28);
    const kinds = new Set(out.findings.map((f) => f.kind));
    expect([kinds.has("bounced"), kinds.has("do-not-contact"), kinds.has("no-contact")]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("check exits 1 when it finds errors, and reports the directory's invalid rows", async () => {
    const ws = await copyExampleWorkspace();
    const path = join(ws, "contacts", "directory.csv");
    const text = await readFile(path, "utf8");
    const lines = text.trimEnd().split("\n");
    // Duplicate a row's email under another id, and add a row with a non-ISO country.
    const dup = (lines[1] ?? "").replace(/^[^,]+/, "zz-dup");
    const badCountry = `xx-bad,Argentina${",".repeat(DIRECTORY_COLUMNS.length - 2)}`;
    await writeFile(path, [...lines, dup, badCountry].join("\n") + "\n");
    const run = await runInProcess(["directory", "check", "--format", "csv"], { workspace: ws });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe("severity,kind,country,id,line,message");
    expect(run.stdout).toContain("duplicate-email");
    expect(run.stdout).toContain("invalid-row");
  });

  it("list --country accepts codes and names; csv is the directory format; json parses", async () => {
    const ws = await copyExampleWorkspace();
    const table = await runInProcess(["directory", "list", "--country", "AR,Tailandia"], { workspace: ws });
    expect(table.code).toBe(0);
    const rows = table.stdout.trimEnd().split("\n").slice(2);
    expect(rows.length).toBe(4);
    expect(rows.every((r) => / (AR|TH) /.test(r))).toBe(true);
    const csv = await runInProcess(["directory", "list", "--country", "CA", "--format", "csv"], {
      workspace: ws,
    });
    expect(csv.stdout.split("\n")[0]).toBe(DIRECTORY_COLUMNS.join(","));
    const json = await runInProcess(["directory", "list", "--format", "json", "--status", "do-not-contact"], {
      workspace: ws,
    });
    const list = JSON.parse(json.stdout) as { status: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((c) => c.status === "do-not-contact")).toBe(true);
  });

  it("list rejects an unknown country or format with exit 2", async () => {
    const ws = await copyExampleWorkspace();
    expect((await runInProcess(["directory", "list", "--country", "Narnia"], { workspace: ws })).code).toBe(
      2,
    );
    expect((await runInProcess(["directory", "list", "--format", "xml"], { workspace: ws })).code).toBe(2);
  });

  it("import --dry-run reports without writing; --format json gives the report", async () => {
    const ws = await copyExampleWorkspace();
    const path = join(ws, "contacts", "directory.csv");
    const before = await readFile(path, "utf8");
    await writeFile(
      join(ws, "new.csv"),
      "País,Correo,Nombre\nChile,rrii2@subtel.cl.example,Nueva Persona\nNarnia,x@y.example,Nadie\n",
    );
    const run = await runInProcess(
      ["directory", "import", join(ws, "new.csv"), "--dry-run", "--format", "json"],
      { workspace: ws },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      added: number;
      rejected: number;
      dryRun: boolean;
      rejectsFile: string | null;
    };
    expect(report).toMatchObject({ added: 1, rejected: 1, dryRun: true, rejectsFile: null });
    expect(await readFile(path, "utf8")).toBe(before);
  });

  it("import writes the rejects file with an error column; fixing it and importing it adds the row", async () => {
    const ws = await copyExampleWorkspace();
    await writeFile(join(ws, "new.csv"), "País,Correo,Nombre\nNarnia,x@mincom.ar.example,Nadie Ejemplo\n");
    const run = await runInProcess(["directory", "import", join(ws, "new.csv"), "--source", "hand-list"], {
      workspace: ws,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/new\.csv:2 country: /);
    const rejectsPath = join(ws, "contacts", "sources", "new.rejects.csv");
    const rejects = await readFile(rejectsPath, "utf8");
    expect(rejects.split("\n")[0]).toBe("País,Correo,Nombre,line,error");
    await writeFile(rejectsPath, rejects.replace("Narnia", "Argentina"));
    const again = await runInProcess(["directory", "import", rejectsPath, "--source", "hand-list"], {
      workspace: ws,
    });
    expect(again.code).toBe(0);
    const list = await runInProcess(["directory", "list", "--country", "AR", "--format", "json"], {
      workspace: ws,
    });
    expect(list.stdout).toContain("Nadie Ejemplo");
    expect(list.stdout).toContain('"source": "hand-list"');
  });
});
