/** `outreach init [dir]`: scaffold a workspace. Never overwrites: any existing file is named and nothing is written. */
import { appendFile, lstat, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { InputError, type Problem } from "../../core/errors.js";
import { workspacePaths } from "../../core/workspace.js";
import { ensureWorkspaceSecret } from "../../core/workspace-secret.fs.js";
import { DIRECTORY_COLUMNS } from "../../contacts/contact-schema.js";
import { PARTNER_COLUMNS } from "../../contacts/partner-schema.js";
import type { CliContext } from "../context.js";
import { formatJson } from "../output.js";
import { packageRoot } from "../package-root.js";

/** What a workspace must never commit: the key that tags Message-IDs, the local config, send locks. */
// The outbox too: rehearsals and previews are the letters with every recipient's details, and a
// workspace is shared and committed.
const GITIGNORE_LINES = ["/.outreach/", "/config.json", "/campaigns/*/.lock", "/campaigns/*/outbox/"];

const SCHEMA_FILES = ["config.schema.json", "campaign.schema.json"] as const;

interface Plan {
  files: { path: string; content: () => Promise<string> }[];
  dirs: string[];
}

function planWorkspace(root: string): Plan {
  const ws = workspacePaths(root);
  // The shipped files a new workspace starts from.
  const shipped = packageRoot();
  return {
    files: [
      { path: ws.config, content: () => readFile(resolve(shipped, "config.example.json"), "utf8") },
      {
        path: ws.memberStates,
        content: () => readFile(resolve(shipped, "contacts", "itu-member-states.csv"), "utf8"),
      },
      {
        // Where each member state's letter languages come from, beside the file that holds them.
        path: join(ws.contactsDir, "itu-member-states.md"),
        content: () => readFile(resolve(shipped, "contacts", "itu-member-states.md"), "utf8"),
      },
      { path: ws.directory, content: () => Promise.resolve(`${DIRECTORY_COLUMNS.join(",")}\n`) },
      { path: ws.partners, content: () => Promise.resolve(`${PARTNER_COLUMNS.join(",")}\n`) },
      // The JSON Schemas config.json and campaign.json name in "$schema", so editors check them offline.
      ...SCHEMA_FILES.map((name) => ({
        path: join(root, "schemas", name),
        content: () => readFile(resolve(shipped, "schemas", name), "utf8"),
      })),
    ],
    dirs: [ws.contactsDir, ws.sourcesDir, ws.campaignsDir, ws.templatesDir, join(root, "schemas")],
  };
}

/**
 * A `.gitignore` is the one file init may add to: a folder that is already a git checkout keeps its own,
 * with the lines it lacks appended.
 */
async function writeGitignore(root: string): Promise<string | undefined> {
  const path = join(root, ".gitignore");
  let existing: string | undefined;
  try {
    existing = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  if (existing === undefined) {
    await writeFile(path, `# outreach: never commit these\n${GITIGNORE_LINES.join("\n")}\n`, { flag: "wx" });
    return path;
  }
  const have = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE_LINES.filter((l) => !have.has(l));
  if (missing.length === 0) return undefined;
  const sep = existing === "" || existing.endsWith("\n") ? "" : "\n";
  await appendFile(path, `${sep}# outreach: never commit these\n${missing.join("\n")}\n`);
  return path;
}

async function kindOf(path: string): Promise<"file" | "dir" | undefined> {
  try {
    return (await lstat(path)).isDirectory() ? "dir" : "file";
  } catch {
    return undefined;
  }
}

/** Create the workspace; throws E_INIT_EXISTS (naming every conflict) before writing anything. */
export async function initWorkspace(root: string): Promise<string[]> {
  const plan = planWorkspace(root);
  const conflicts: Problem[] = [];
  for (const f of plan.files) {
    const kind = await kindOf(f.path);
    if (kind)
      conflicts.push({
        file: f.path,
        message: kind === "dir" ? "exists (a folder)" : "exists; not overwritten",
      });
  }
  const secret = workspacePaths(root).secret;
  if (await kindOf(secret))
    conflicts.push({ file: secret, message: "exists; not overwritten (it is the workspace key)" });
  for (const d of plan.dirs) {
    if ((await kindOf(d)) === "file")
      conflicts.push({ file: d, message: "exists as a file where a folder is needed" });
  }
  if (conflicts.length > 0) {
    throw new InputError("E_INIT_EXISTS", `${root} already has workspace files; nothing was written`, {
      problems: conflicts,
      hint: "choose an empty folder: outreach init <dir>",
    });
  }
  // Read every source first so a missing package file cannot leave a half-made workspace.
  const contents = await Promise.all(plan.files.map((f) => f.content()));
  const created: string[] = [];
  for (const d of plan.dirs) {
    if (!(await kindOf(d))) created.push(d);
    await mkdir(d, { recursive: true });
  }
  for (const [i, f] of plan.files.entries()) {
    // "wx": fail rather than overwrite if something appeared since the check.
    await writeFile(f.path, contents[i] ?? "", { flag: "wx" });
    created.push(f.path);
  }
  await ensureWorkspaceSecret(secret);
  created.push(secret);
  const gitignore = await writeGitignore(root);
  if (gitignore) created.push(gitignore);
  return created;
}

const NEXT_STEPS = [
  "edit config.json (sender, smtp)",
  "outreach directory import <your-contacts.csv>",
  "outreach campaign new <id> --languages en,es   # campaign.json, signatories and a starter letter per language",
];

export async function runInit(
  ctx: CliContext,
  dir: string | undefined,
  options: { format?: "text" | "json" } = {},
): Promise<void> {
  const root = dir === undefined ? ctx.workspace : resolve(dir);
  const created = await initWorkspace(root);
  if (options.format === "json") {
    ctx.stdout(formatJson({ workspace: root, created, next: NEXT_STEPS }));
    return;
  }
  for (const path of created) ctx.stderr(`created ${relative(process.cwd(), path) || path}\n`);
  ctx.stderr(
    `workspace ready in ${root}\nnext: ${NEXT_STEPS[0]}, then\n${NEXT_STEPS.slice(1)
      .map((n) => `  ${n}\n`)
      .join("")}`,
  );
}
