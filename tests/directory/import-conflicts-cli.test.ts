/**
 * Acceptance for issue 9 item 3 through `outreach directory import` on real files in a temp workspace:
 * an address reused for another country is rejected with both lines (or the contact) named and the
 * directory unchanged for it; a shared mailbox becomes one contact listing everyone; every combined row
 * says what was kept and dropped; importing twice, or re-importing `directory list --format csv`,
 * changes nothing.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDirectory } from "../../src/contacts/directory-store.fs.js";
import { makeTempDir, REPO_ROOT, runInProcess } from "../helpers/cli.js";

async function workspace(): Promise<string> {
  const ws = await makeTempDir("outreach-conflicts-");
  await mkdir(join(ws, "contacts"), { recursive: true });
  return ws;
}

async function writeCsv(ws: string, name: string, lines: string[]): Promise<string> {
  const file = join(ws, name);
  await writeFile(file, lines.join("\n") + "\n");
  return file;
}

const HEADER = "country,organisation,honorific,name,title,email";
const SN_ROW =
  "SN,Ministère du Numérique (exemple),M.,Mamadou Exemple,Directeur,cooperation@numerique.sn.example";
const FR_ROW =
  "FR,Ministère de l'Économie (exemple),M.,Pierre Martin,Chef de bureau,cooperation@numerique.sn.example";

describe("the same address for two countries", () => {
  it("in one file: the later row is rejected naming both lines, goes to the rejects file, and is not merged", async () => {
    const ws = await workspace();
    const file = await writeCsv(ws, "mixed.csv", [
      HEADER,
      SN_ROW,
      "GB,DSIT (example),Ms,Grace Example,,itu@dsit.gb.example",
      FR_ROW,
    ]);
    const run = await runInProcess(["directory", "import", file], { workspace: ws });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/added\s+2/);
    expect(run.stdout).toMatch(/rejected\s+1/);
    const error = run.stderr.split("\n").find((l) => l.startsWith(`${file}:4 email:`));
    expect(error, run.stderr).toContain("line 2 (SN)");
    expect(error).toContain("FR");
    expect(run.stderr).toMatch(new RegExp(`^warning: ${file}:2 email: .*FR on line 4`, "m"));

    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => [c.country, c.name]).sort()).toEqual([
      ["GB", "Grace Example"],
      ["SN", "Mamadou Exemple"],
    ]);
    const rejects = await readFile(join(ws, "contacts", "sources", "mixed.rejects.csv"), "utf8");
    expect(rejects).toContain("Pierre Martin");
    expect(rejects).not.toContain("Mamadou");
  });

  it("against the directory: the row is rejected naming the contact and its country, the directory byte-for-byte unchanged", async () => {
    const ws = await workspace();
    await runInProcess(["directory", "import", await writeCsv(ws, "sn.csv", [HEADER, SN_ROW])], {
      workspace: ws,
    });
    const before = await readFile(join(ws, "contacts", "directory.csv"), "utf8");
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    const id = contacts[0]?.id ?? "";

    const file = await writeCsv(ws, "fr.csv", [HEADER, FR_ROW]);
    const run = await runInProcess(["directory", "import", file, "--format", "json"], { workspace: ws });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      rejected: number;
      added: number;
      updated: number;
      problems: { line: number; field: string; message: string; severity: string }[];
    };
    expect([report.added, report.updated, report.rejected]).toEqual([0, 0, 1]);
    expect(report.problems).toEqual([
      expect.objectContaining({ line: 2, field: "email", severity: "error" }),
    ]);
    expect(report.problems[0]?.message).toContain(`contact ${id} (SN)`);
    expect(await readFile(join(ws, "contacts", "directory.csv"), "utf8")).toBe(before);
  });
});

describe("a shared mailbox", () => {
  const SHARED = [
    HEADER,
    "SN,Ministère du Numérique (exemple),M.,Mamadou Exemple,Directeur adjoint,cooperation@numerique.sn.example",
    "SN,Ministère du Numérique (exemple),Mme,Awa Exemple,Conseillère,cooperation@numerique.sn.example",
    "SN,Ministère du Numérique (exemple),M.,Mamadou Exemple,Directeur,cooperation@numerique.sn.example",
  ];

  it("two people at one address: one contact listing both, a warning naming them, and the kept and dropped values", async () => {
    const ws = await workspace();
    const file = await writeCsv(ws, "shared.csv", SHARED);
    const run = await runInProcess(["directory", "import", file], { workspace: ws });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/added\s+1/);
    expect(run.stderr).toMatch(
      new RegExp(
        `^warning: ${file}:3 email: cooperation@numerique\\.sn\\.example is a shared mailbox \\(same address as line 2\\).*Mamadou Exemple; Awa Exemple`,
        "m",
      ),
    );
    expect(run.stderr).toContain(
      `warning: ${file}:4 title: for Mamadou Exemple, kept "Directeur" (line 4), dropped "Directeur adjoint" (line 2)\n`,
    );

    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      country: "SN",
      honorific: "M.; Mme",
      name: "Mamadou Exemple; Awa Exemple",
      title: "Directeur; Conseillère",
      email: "cooperation@numerique.sn.example",
    });
  });

  it("the JSON report lists the shared mailbox and every combined value", async () => {
    const ws = await workspace();
    const run = await runInProcess(
      ["directory", "import", await writeCsv(ws, "shared.csv", SHARED), "--format", "json"],
      { workspace: ws },
    );
    const report = JSON.parse(run.stdout) as {
      sharedMailboxes: unknown[];
      combined: unknown[];
      duplicates: number;
    };
    expect(report.duplicates).toBe(2);
    expect(report.sharedMailboxes).toEqual([
      expect.objectContaining({ line: 3, sameAs: 2, people: ["Mamadou Exemple", "Awa Exemple"] }),
    ]);
    expect(report.combined).toEqual([
      {
        line: 4,
        field: "title",
        person: "Mamadou Exemple",
        kept: { value: "Directeur", line: 4 },
        dropped: [{ value: "Directeur adjoint", line: 2 }],
      },
    ]);
  });

  it("importing the same file twice, and re-importing `directory list --format csv`, changes nothing", async () => {
    const ws = await workspace();
    const file = await writeCsv(ws, "shared.csv", SHARED);
    await runInProcess(["directory", "import", file], { workspace: ws });
    const directory = join(ws, "contacts", "directory.csv");
    const before = await readFile(directory, "utf8");

    const again = await runInProcess(["directory", "import", file, "--format", "json"], { workspace: ws });
    const second = JSON.parse(again.stdout) as {
      added: number;
      updated: number;
      unchanged: number;
      written: boolean;
    };
    expect([second.added, second.updated, second.unchanged, second.written]).toEqual([0, 0, 1, false]);
    expect(await readFile(directory, "utf8")).toBe(before);

    const list = await runInProcess(["directory", "list", "--format", "csv"], { workspace: ws });
    const exported = join(ws, "export.csv");
    await writeFile(exported, list.stdout);
    const reimport = await runInProcess(["directory", "import", exported, "--format", "json"], {
      workspace: ws,
    });
    const third = JSON.parse(reimport.stdout) as { added: number; updated: number; unchanged: number };
    expect([third.added, third.updated, third.unchanged]).toEqual([0, 0, 1]);
    expect(await readFile(directory, "utf8")).toBe(before);
  });

  it("a later import adds a person to a directory contact and drops nobody; `directory check` notes the shared mailbox", async () => {
    const ws = await workspace();
    await runInProcess(["directory", "import", await writeCsv(ws, "sn.csv", [HEADER, SN_ROW])], {
      workspace: ws,
    });
    const file = await writeCsv(ws, "more.csv", [HEADER, SHARED[2] ?? ""]);
    const run = await runInProcess(["directory", "import", file], { workspace: ws });
    expect(run.stdout).toMatch(/updated\s+1/);
    expect(run.stderr).toMatch(
      new RegExp(
        `^warning: ${file}:2 email: .*shared mailbox \\(contact sn-[0-9a-f]{10} in the directory\\)`,
        "m",
      ),
    );
    const { contacts } = await readDirectory(join(ws, "contacts", "directory.csv"));
    expect(contacts.map((c) => c.name)).toEqual(["Mamadou Exemple; Awa Exemple"]);

    const states = "contacts/itu-member-states.csv";
    await copyFile(join(REPO_ROOT, states), join(ws, states));
    const check = await runInProcess(["directory", "check", "--format", "json"], { workspace: ws });
    const findings = (
      JSON.parse(check.stdout) as { findings: { kind: string; severity: string; message: string }[] }
    ).findings;
    expect(findings).toContainEqual(
      expect.objectContaining({
        kind: "shared-mailbox",
        severity: "note",
        message: expect.stringContaining("Mamadou Exemple; Awa Exemple") as unknown,
      }),
    );
  });
});
