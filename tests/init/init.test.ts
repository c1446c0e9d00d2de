import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIRECTORY_COLUMNS } from "../../src/contacts/contact-schema.js";
import { readMemberStates } from "../../src/contacts/member-states.fs.js";
import { makeTempDir, REPO_ROOT, runInProcess } from "../helpers/cli.js";

describe("outreach init", () => {
  it("scaffolds config.json from the example, contacts/, campaigns/, templates/", async () => {
    const dir = join(await makeTempDir(), "ws");
    const run = await runInProcess(["init", dir]);
    expect(run.code).toBe(0);
    expect(await readFile(join(dir, "config.json"), "utf8")).toBe(
      await readFile(join(REPO_ROOT, "config.example.json"), "utf8"),
    );
    expect((await readMemberStates(join(dir, "contacts", "itu-member-states.csv"))).length).toBe(195);
    expect(await readFile(join(dir, "contacts", "directory.csv"), "utf8")).toBe(
      `${DIRECTORY_COLUMNS.join(",")}\n`,
    );
    expect(await readFile(join(dir, "contacts", "partners.csv"), "utf8")).toBe(
      "id,name,countries,email,language,notes\n",
    );
    for (const sub of ["campaigns", "templates", join("contacts", "sources")])
      expect((await stat(join(dir, sub))).isDirectory()).toBe(true);
  });

  it("the new workspace works: directory check and list run in it", async () => {
    const dir = join(await makeTempDir(), "ws");
    await runInProcess(["init", dir]);
    expect((await runInProcess(["directory", "list"], { workspace: dir })).code).toBe(0);
    expect((await runInProcess(["directory", "check"], { workspace: dir })).code).toBe(0);
  });

  it("defaults to the workspace folder (-w)", async () => {
    const dir = await makeTempDir();
    expect((await runInProcess(["init"], { workspace: dir })).code).toBe(0);
    expect((await stat(join(dir, "config.json"))).isFile()).toBe(true);
  });

  it("never overwrites: an existing file is named, exit 2, and nothing is written", async () => {
    const dir = await makeTempDir();
    await mkdir(join(dir, "contacts"));
    await writeFile(join(dir, "contacts", "directory.csv"), "my precious contacts\n");
    const run = await runInProcess(["init", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_INIT_EXISTS");
    expect(run.stderr).toContain(join(dir, "contacts", "directory.csv"));
    expect(await readFile(join(dir, "contacts", "directory.csv"), "utf8")).toBe("my precious contacts\n");
    expect((await readdir(dir)).sort()).toEqual(["contacts"]);
    expect(await readdir(join(dir, "contacts"))).toEqual(["directory.csv"]);
  });

  it("a file where a folder is needed is a conflict too", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "campaigns"), "not a folder");
    const run = await runInProcess(["init", dir]);
    expect(run.code).toBe(2);
    expect(await readdir(dir)).toEqual(["campaigns"]);
  });

  it("creates the workspace key (mode 0600) and a .gitignore that keeps it out of git", async () => {
    const dir = join(await makeTempDir(), "ws");
    const run = await runInProcess(["init", dir]);
    expect(run.code).toBe(0);
    const secret = join(dir, ".outreach", "secret");
    expect((await stat(secret)).mode & 0o777).toBe(0o600);
    expect(await readFile(secret, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    const gitignore = (await readFile(join(dir, ".gitignore"), "utf8")).split("\n");
    expect(gitignore).toContain("/.outreach/");
    expect(gitignore).toContain("/config.json");
    // Rehearsals and previews (every recipient's letter) stay out of a shared or committed workspace.
    expect(gitignore).toContain("/campaigns/*/outbox/");
    // Two workspaces never share a key.
    const other = join(await makeTempDir(), "ws");
    await runInProcess(["init", other]);
    expect(await readFile(join(other, ".outreach", "secret"), "utf8")).not.toBe(
      await readFile(secret, "utf8"),
    );
  });

  it("adds the lines it needs to an existing .gitignore, and never overwrites a key", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, ".gitignore"), "node_modules/");
    expect((await runInProcess(["init", dir])).code).toBe(0);
    const text = await readFile(join(dir, ".gitignore"), "utf8");
    expect(text.startsWith("node_modules/\n")).toBe(true);
    expect(text.split("\n")).toContain("/.outreach/");
    expect(text.split("\n")).toContain("/campaigns/*/outbox/");

    const again = await makeTempDir();
    await mkdir(join(again, ".outreach"));
    await writeFile(join(again, ".outreach", "secret"), "ab".repeat(32));
    const run = await runInProcess(["init", again]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("E_INIT_EXISTS");
    expect(await readFile(join(again, ".outreach", "secret"), "utf8")).toBe("ab".repeat(32));
  });

  it("--help shows an example", async () => {
    const run = await runInProcess(["init", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Example");
  });
});
