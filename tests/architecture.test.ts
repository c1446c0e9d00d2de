/**
 * The rules docs/ARCHITECTURE.md promises, checked on every file in src/: stages import only earlier
 * stages (the order of the page's table), the shared layer `src/core/` imports no stage, and only the I/O
 * files (`*.fs.ts`, `*.http.ts`, `*.smtp.ts`, `*.imap.ts`, `src/cli/`, the system clock) touch the disk,
 * network, clock, randomness, timers or process. eslint.config.js mirrors the layer rule for editors.
 * Sizes too: no file in src/ over 300 lines, no function over 80 (`check-sizes.ts`; exceptions in
 * SIZE_ALLOWED).
 */
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  applyAllowList,
  checkArchitecture,
  formatViolation,
  isIoFile,
  stagesFromArchitecturePage,
  type AllowedViolation,
  type ArchitectureRules,
  type SourceText,
} from "./architecture/check-architecture.js";
import { checkSizes, formatSizeViolation, type SizeViolation } from "./architecture/check-sizes.js";
import { REPO_ROOT, makeTempDir } from "./helpers/cli.js";

/**
 * Known breaks of the rules, each kept visible until the work that removes it is done. An entry names the
 * file, the rule, optionally what was found, why it is still there and which issue item removes it, e.g.
 *
 *   { file: "src/send/x.ts", rule: "stage-order", found: "../cli/y.js", reason: "…", until: "issue 11 item 1" }
 *
 * An entry that no longer matches anything fails the test: delete it with the break it excused.
 */
const ALLOWED: readonly AllowedViolation[] = [];

/**
 * Files and functions still over the size limits, each with why. An entry that no longer matches a
 * violation fails the test: delete it when the file or function is split.
 */
const SIZE_ALLOWED: readonly { file: string; name: string; reason: string }[] = [];

function sizeAllowed(v: SizeViolation): boolean {
  return SIZE_ALLOWED.some((a) => a.file === v.file && a.name === v.name);
}

/** Every `.ts` file under `<root>/src`, with repository-relative forward-slash paths. */
async function readSourceTree(root: string): Promise<SourceText[]> {
  const entries = await readdir(join(root, "src"), { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith(".ts"));
  return Promise.all(
    files.map(async (e) => {
      const abs = join(e.parentPath, e.name);
      return { path: relative(root, abs).split(sep).join("/"), text: await readFile(abs, "utf8") };
    }),
  );
}

async function rulesOf(root: string): Promise<ArchitectureRules> {
  const page = await readFile(join(root, "docs", "ARCHITECTURE.md"), "utf8");
  return { stages: stagesFromArchitecturePage(page), sharedStage: "core", isIoFile };
}

describe("architecture of src/", () => {
  it("reads the stage order from the table in docs/ARCHITECTURE.md", async () => {
    const { stages } = await rulesOf(REPO_ROOT);
    expect(stages[0]).toBe("core");
    expect(stages.at(-1)).toBe("cli");
    for (const [earlier, later] of [
      ["config", "contacts"],
      ["contacts", "directory"],
      ["campaign", "render"],
      ["ledger", "send"],
    ] as const) {
      expect(stages.indexOf(earlier), `${earlier}/ before ${later}/`).toBeGreaterThanOrEqual(0);
      expect(stages.indexOf(earlier), `${earlier}/ before ${later}/`).toBeLessThan(stages.indexOf(later));
    }
  });

  it("keeps the stage order, the shared layer and the I/O files (exceptions listed in ALLOWED)", async () => {
    const files = await readSourceTree(REPO_ROOT);
    expect(files.length).toBeGreaterThan(50);
    const { remaining, unused } = applyAllowList(checkArchitecture(files, await rulesOf(REPO_ROOT)), ALLOWED);
    expect(remaining.map(formatViolation)).toEqual([]);
    expect(unused, "allow-list entries that match nothing any more").toEqual([]);
  });

  it("has no file over 300 lines and no function over 80 (exceptions listed in SIZE_ALLOWED)", async () => {
    const found = checkSizes(await readSourceTree(REPO_ROOT));
    expect(found.filter((v) => !sizeAllowed(v)).map(formatSizeViolation)).toEqual([]);
    const unused = SIZE_ALLOWED.filter((a) => !found.some((v) => v.file === a.file && v.name === a.name));
    expect(unused, "size exceptions that match nothing any more").toEqual([]);
  });
});

describe("the size checker", () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");

  it("counts a function from its declaration to its closing brace, and names it", () => {
    const text = `export function small() {\n${body(78)}\n}\nexport const big = () => {\n${body(79)}\n};\n`;
    expect(checkSizes([{ path: "src/send/x.ts", text }]).map(formatSizeViolation)).toEqual([
      "src/send/x.ts:81 big: 81 lines (at most 80)",
    ]);
  });

  it("counts a nested function on its own and inside its parent, and a long file", () => {
    const inner = `  const run = function () {\n${body(80)}\n  };`;
    const text = `export class Sender {\n  send() {\n${inner}\n  }\n}\n${"// filler\n".repeat(220)}`;
    expect(checkSizes([{ path: "src/send/y.ts", text }]).map(formatSizeViolation)).toEqual([
      "src/send/y.ts: 306 lines (at most 300)",
      "src/send/y.ts:2 send: 84 lines (at most 80)",
      "src/send/y.ts:3 run: 82 lines (at most 80)",
    ]);
  });
});

describe("the architecture checker", () => {
  const rules: ArchitectureRules = {
    stages: ["core", "config", "contacts", "campaign", "send", "cli"],
    sharedStage: "core",
    isIoFile,
  };
  const check = (path: string, text: string) =>
    checkArchitecture([{ path, text }], rules).map(formatViolation);

  it("fails on a stage importing a later one, naming file:line and the rule", () => {
    const bad = ['import type { A } from "./a.js";', "", 'import { formatTable } from "../cli/output.js";'];
    expect(check("src/send/format-summary.ts", bad.join("\n"))).toEqual([
      "src/send/format-summary.ts:3 stage-order: send/ imports cli/, a later stage (../cli/output.js)",
    ]);
  });

  it("fails on the shared layer importing any stage", () => {
    expect(
      check("src/core/json-schemas.ts", 'import { configSchema } from "../config/config-schema.js";'),
    ).toEqual([
      "src/core/json-schemas.ts:1 shared-layer: the shared layer core/ imports config/ (../config/config-schema.js)",
    ]);
  });

  it("sees every form of import: type-only, re-export, dynamic import() and import() types", () => {
    const text = [
      'import type { Plan } from "../../campaign/build-plan.js";',
      'export { x } from "../../campaign/x.js";',
      "export * from '../../campaign/y.js';",
      'const m = await import("../../campaign/z.js");',
      'type T = import("../../campaign/w.js").W;',
    ].join("\n");
    expect(check("src/contacts/deep/file.ts", text).map((m) => m.split(" ")[0])).toEqual([
      "src/contacts/deep/file.ts:1",
      "src/contacts/deep/file.ts:2",
      "src/contacts/deep/file.ts:3",
      "src/contacts/deep/file.ts:4",
      "src/contacts/deep/file.ts:5",
    ]);
  });

  it("allows earlier stages, the same stage, packages, the entry point importing all, and comments", () => {
    const text = [
      'import { z } from "zod";',
      'import { a } from "../../core/a.js";',
      'import { b } from "../../config/b.js";',
      'import { s } from "../send-helpers.js";',
      'import { c } from "./c.js";',
      '// import { d } from "../cli/d.js";',
      'const s = "import(\\"../cli/e.js\\")";',
    ].join("\n");
    expect(check("src/campaign/sub/file.ts", text)).toEqual([]);
    expect(check("src/index.ts", 'export { runCli } from "./cli/run.js";')).toEqual([]);
    expect(check("src/cli/x.ts", 'import { i } from "../index.js";')).toEqual([
      "src/cli/x.ts:1 stage-order: cli/ imports the entry point src/index.ts, a later stage (../index.js)",
    ]);
  });

  it("flags a folder that is not in the table", () => {
    expect(check("src/inbox/read.ts", "export const x = 1;")).toEqual([
      "src/inbox/read.ts:1 stage-order: is in a folder that is not a stage in docs/ARCHITECTURE.md's table (src/inbox/)",
    ]);
  });

  const EFFECTS = [
    ['import { readFile } from "node:fs/promises";', "io-fs"],
    ['import * as fs from "fs";', "io-fs"],
    ['const fs = await import("node:fs");', "io-fs"],
    ['import { request } from "node:http";', "io-network"],
    ['import { spawn } from "node:child_process";', "io-process"],
    ["const t = Date.now();", "io-clock"],
    ["const d = new Date();", "io-clock"],
    ["const d = new Date;", "io-clock"],
    ["const r = Math.random();", "io-random"],
    ['import { randomBytes } from "node:crypto";', "io-random"],
    ["const id = crypto.randomUUID();", "io-random"],
    ["setTimeout(() => undefined, 10);", "io-timer"],
    ["const h = setInterval(tick, 10);", "io-timer"],
    ["const sleep = { wait: setImmediate };", "io-timer"],
    ['import { setTimeout as wait } from "node:timers/promises";', "io-timer"],
    ["const home = process.env.HOME;", "io-process"],
    ["process.exitCode = 1;", "io-process"],
  ] as const;

  it.each(EFFECTS)("flags %s in a pure file, as %s", (text, rule) => {
    const found = check("src/send/limiter.ts", text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^src/send/limiter\\.ts:1 ${rule}: `));
  });

  it.each([
    "src/send/outbox-transport.fs.ts",
    "src/contacts/crawl/page-fetcher.http.ts",
    "src/send/smtp-transport.smtp.ts",
    "src/send/mailbox.imap.ts",
    "src/cli/commands/send.ts",
    "src/core/system-clock.ts",
  ])("lets the I/O file %s touch the outside world", (path) => {
    expect(check(path, EFFECTS.map(([text]) => text).join("\n"))).toEqual([]);
  });

  it.each(["src/send/imap-state.ts", "src/send/imap.ts", "src/send/x.imap.js.ts"])(
    "still holds %s, whose name only looks like an I/O file's, to the rules",
    (path) => {
      expect(check(path, 'import { connect } from "node:net";')).toEqual([
        `${path}:1 io-network: imports the network (node:net)`,
      ]);
    },
  );

  it("does not mistake look-alikes in a pure file for effects", () => {
    const text = [
      'import type { Stats } from "node:fs";',
      'import { createHash } from "node:crypto";',
      "// Date.now() and Math.random() are passed in, never called here.",
      'const s = "process.env";',
      "const d = new Date(0);",
      "const e = new Date(clock.now());",
      "clock.setTimeout(tick, 5);",
      "interface Timers { setTimeout(ms: number): void; setInterval: number }",
      "const o = { setTimeout: 1 };",
      "const t = Date.UTC(2026, 0, 1);",
      "let timer: ReturnType<typeof setTimeout> | undefined;",
    ].join("\n");
    expect(check("src/send/limiter.ts", text)).toEqual([]);
  });

  it("takes allow-list entries by file, rule and what was found, and reports entries that match nothing", () => {
    const violations = checkArchitecture(
      [
        { path: "src/send/a.ts", text: 'import { x } from "../cli/x.js";\nconst t = Date.now();' },
        { path: "src/send/b.ts", text: "const t = Date.now();" },
      ],
      rules,
    );
    const allow = (file: string, rule: AllowedViolation["rule"], found?: string): AllowedViolation => ({
      file,
      rule,
      ...(found === undefined ? {} : { found }),
      reason: "test",
      until: "issue 0 item 0",
    });
    const { remaining, unused } = applyAllowList(violations, [
      allow("src/send/a.ts", "stage-order", "../cli/x.js"),
      allow("src/send/b.ts", "io-clock"),
      allow("src/send/c.ts", "io-clock"),
    ]);
    expect(remaining.map(formatViolation)).toEqual([
      "src/send/a.ts:2 io-clock: reads the clock (Date.now())",
    ]);
    expect(unused.map((a) => a.file)).toEqual(["src/send/c.ts"]);
  });

  describe("on a tree on disk", () => {
    let root = "";
    afterEach(async () => {
      if (root) await rm(root, { recursive: true, force: true });
    });

    it("fails on a deliberately bad import, through the same reader as the real tree", async () => {
      root = await makeTempDir("outreach-arch-");
      const put = async (path: string, text: string) => {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), text);
      };
      await put(
        "docs/ARCHITECTURE.md",
        [
          "| folder | does |",
          "| --- | --- |",
          "| `src/core/` | shared |",
          "| `src/send/` | sends |",
          "| `src/cli/` | root |",
        ].join("\n"),
      );
      await put("src/core/clock.ts", "export interface Clock { now(): number }\n");
      await put("src/cli/output.ts", "export const formatTable = () => '';\n");
      await put("src/send/summary.ts", '/** Pure. */\nimport { formatTable } from "../cli/output.js";\n');
      const found = checkArchitecture(await readSourceTree(root), await rulesOf(root));
      expect(found.map(formatViolation)).toEqual([
        "src/send/summary.ts:2 stage-order: send/ imports cli/, a later stage (../cli/output.js)",
      ]);
    });
  });
});
