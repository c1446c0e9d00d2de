/**
 * Loads a campaign and everything it refers to: campaign.json, the directory, member states, partners,
 * signatories, the letter templates of each language and the attachments (`read-letters.fs.ts`); or only
 * its frame (no letters, signatories or attachments) for the read paths. Effects: reads files only.
 * A campaign.json that cannot be used at all throws at once with every problem; anything else found
 * (missing template, bad signatory row, missing attachment...) is collected in `problems` so that
 * `plan` can list every problem in one run.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { readDirectory } from "../contacts/directory-store.fs.js";
import { readMemberStates } from "../contacts/member-states.fs.js";
import { readPartners } from "../contacts/partners.fs.js";
import { InputError, isOutreachError, type Problem } from "../core/errors.js";
import { workspacePaths } from "../core/workspace.js";
import { validateCampaign, type Campaign } from "./campaign-schema.js";
import type { CampaignFrame, LoadedCampaign } from "./loaded-campaign.js";
import { escapesFolder } from "./inside-folder.fs.js";
import { existingLetters, readLetters } from "./read-letters.fs.js";
import { parseSignatoriesCsv } from "./signatory-schema.js";

export type {
  CampaignFrame,
  LoadedCampaign,
  LetterSource,
  LoadedAttachment,
  TemplateSource,
} from "./loaded-campaign.js";

export async function loadCampaign(workspace: string, id: string): Promise<LoadedCampaign> {
  const { frame, ws, show, file } = await readFrame(workspace, id);
  const { problems, paths } = frame;
  const signatories = await readSignatories(
    paths.signatories,
    show(paths.signatories),
    problems,
    paths.campaignDir,
  );
  const { letters, attachments } = await readLetters(
    frame.campaign,
    ws,
    paths.campaignDir,
    show,
    file,
    problems,
  );
  relativeProblemFiles(problems, show);
  return { ...frame, letterLanguages: Object.keys(letters), signatories, letters, attachments };
}

/**
 * Only campaign.json and the letters' template files, not the directory: what a send compiles before it
 * reads the directory, so the two never hold memory at the same time. Problems are left to loadCampaign.
 */
export async function loadCampaignLetters(
  workspace: string,
  id: string,
): Promise<Pick<LoadedCampaign, "campaign" | "letters">> {
  const ws = workspacePaths(resolve(workspace));
  const show = shownFrom(ws.root);
  const campaignFile = ws.campaignFile(id);
  const campaign = await readCampaignFile(campaignFile, show(campaignFile), id);
  const { letters } = await readLetters(campaign, ws, ws.campaignDir(id), show, show(campaignFile), []);
  return { campaign, letters };
}

/**
 * The campaign without its letters: campaign.json, the directory, member states and partners, and which
 * letters have their template files (looked up, not read). For the read paths that only need the targets.
 */
export async function loadCampaignFrame(workspace: string, id: string): Promise<CampaignFrame> {
  const { frame, ws, show } = await readFrame(workspace, id);
  const letterLanguages = await existingLetters(frame.campaign, ws);
  relativeProblemFiles(frame.problems, show);
  return { ...frame, letterLanguages };
}

async function readFrame(workspace: string, id: string) {
  const ws = workspacePaths(resolve(workspace));
  const show = shownFrom(ws.root);
  const campaignFile = ws.campaignFile(id);
  const file = show(campaignFile);
  const campaign = await readCampaignFile(campaignFile, file, id);
  const problems: Problem[] = [];
  if (campaign.id !== id) {
    problems.push({ file, field: "id", message: `is "${campaign.id}" but the folder is campaigns/${id}` });
  }
  const campaignDir = ws.campaignDir(id);
  const [directory, memberStates, partners] = await Promise.all([
    readDirectory(ws.directory),
    collect(readMemberStates(ws.memberStates), [], problems),
    collect(readPartners(ws.partners), [], problems),
  ]);
  problems.push(...directory.problems);
  const frame: CampaignFrame = {
    campaign,
    paths: {
      root: ws.root,
      campaignDir,
      campaignFile,
      signatories: resolve(campaignDir, campaign.signatories),
      outbox: ws.outbox(id),
      ledger: ws.ledger(id),
      templatesDir: ws.templatesDir,
    },
    contacts: directory.contacts,
    memberStates,
    partners,
    letterLanguages: [],
    problems,
  };
  return { frame, ws, show, file };
}

/** A file's name as messages show it: relative to the workspace, with forward slashes. */
function shownFrom(root: string): (abs: string) => string {
  return (abs) => relative(root, abs).split("\\").join("/") || abs;
}

/** Readers name files by the absolute path they were given; show them relative to the workspace. */
function relativeProblemFiles(problems: Problem[], show: (abs: string) => string): void {
  for (const p of problems) if (p.file && isAbsolute(p.file)) p.file = show(p.file);
}

/** Reads and validates campaign.json; a bad id, a missing or unreadable file or an invalid campaign throws. */
async function readCampaignFile(path: string, file: string, id: string): Promise<Campaign> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    throw new InputError(
      "E_CAMPAIGN_ID",
      `"${id}" is not a campaign id (lower-case letters, digits and dashes)`,
    );
  }
  const raw = await readJson(path, file, id);
  const validated = validateCampaign(raw, file);
  if (!validated.ok) {
    throw new InputError("E_CAMPAIGN_INVALID", `${file}: ${validated.problems.length} problem(s)`, {
      problems: validated.problems,
    });
  }
  return validated.campaign;
}

async function readJson(path: string, file: string, id: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      // path is <workspace>/campaigns/<id>/campaign.json
      throw await campaignNotFound(dirname(dirname(path)), id, file);
    }
    throw new InputError("E_CAMPAIGN_READ", `cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position ? text.slice(0, Number(position)).split("\n").length : undefined;
    throw new InputError("E_CAMPAIGN_JSON", `${file} is not valid JSON`, {
      problems: [{ file, ...(line ? { line } : {}), message }],
    });
  }
}

/**
 * E_CAMPAIGN_NOT_FOUND for `id` (its campaign.json, shown as `file`, does not exist), with a hint that
 * lists the campaigns the workspace has, or says it has none and how to create one.
 */
export async function campaignNotFound(campaignsDir: string, id: string, file: string): Promise<InputError> {
  const others = await existingCampaigns(campaignsDir);
  return new InputError("E_CAMPAIGN_NOT_FOUND", `no campaign "${id}": ${file} does not exist`, {
    hint: others.length
      ? `the campaigns in this workspace: ${others.join(", ")}`
      : "this workspace has no campaign yet (a folder under campaigns/ with a campaign.json); " +
        "create one with `outreach campaign new <id> --languages en`",
  });
}

/** The ids of the folders under `campaignsDir` that hold a campaign.json, sorted; none if it cannot be read. */
async function existingCampaigns(campaignsDir: string): Promise<string[]> {
  const entries = await readdir(campaignsDir, { withFileTypes: true }).catch(() => []);
  const found = await Promise.all(
    entries
      .filter((d) => d.isDirectory())
      .map(async (d) => {
        const json = await stat(join(campaignsDir, d.name, "campaign.json")).catch(() => undefined);
        return json?.isFile() ? d.name : undefined;
      }),
  );
  return found.filter((id): id is string => id !== undefined).sort();
}

/** Await a reader; an OutreachError's problems join the list and the fallback value is used. */
async function collect<T>(promise: Promise<T>, fallback: T, problems: Problem[]): Promise<T> {
  try {
    return await promise;
  } catch (e) {
    if (!isOutreachError(e)) throw e;
    problems.push(...(e.problems.length ? e.problems : [{ message: e.message }]));
    return fallback;
  }
}

async function readSignatories(path: string, shown: string, problems: Problem[], campaignDir: string) {
  const escape = await escapesFolder(campaignDir, path);
  if (escape) {
    problems.push({ code: "E_CAMPAIGN_PATH", file: shown, field: "signatories", message: escape });
    return [];
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    problems.push({
      file: shown,
      message: `cannot read the signatories: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    });
    return [];
  }
  const parsed = parseSignatoriesCsv(text, shown);
  problems.push(...parsed.problems);
  return parsed.signatories;
}
