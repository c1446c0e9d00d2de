/**
 * `outreach campaign new <id> --languages en,es [--from <campaign>]`: writes a campaign that `plan`
 * accepts as it is. Never overwrites: every file that is in the way is named and nothing is written.
 */
import { lstat, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { loadCampaignFrame } from "../../campaign/load-campaign.fs.js";
import { scaffoldCampaign, type ScaffoldFile } from "../../campaign/scaffold-campaign.js";
import { LANGUAGES, type Language } from "../../contacts/contact-schema.js";
import { InputError, type Problem } from "../../core/errors.js";
import type { Campaign } from "../../campaign/campaign-schema.js";
import type { CliContext } from "../context.js";
import type { CampaignNewOptions } from "../definitions/campaign.js";
import { formatJson } from "../output.js";

/** Used when config.json names no sender: valid, obviously not real, and named in the output. */
const PLACEHOLDER_SENDER = { name: "Your organisation", email: "letters@your-organisation.example" };

export async function runCampaignNew(
  ctx: CliContext,
  id: string,
  options: CampaignNewOptions,
): Promise<void> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new InputError(
      "E_CAMPAIGN_ID",
      `"${id}" is not a campaign id (lower-case letters, digits and dashes)`,
    );
  const languages = parseLanguages(options.languages);
  const from = options.from ? (await loadCampaignFrame(ctx.workspace, options.from)).campaign : undefined;
  const { config } = await ctx.loadConfig();
  const sender = config.sender ?? PLACEHOLDER_SENDER;
  const existingLetters = await lettersOnDisk(ctx.workspace, id, languages);
  const { files } = scaffoldCampaign({
    id,
    ...(options.name ? { name: options.name } : {}),
    languages,
    sender,
    ...(from ? { from } : {}),
    existingLetters,
    today: new Date(ctx.clock.now()).toISOString().slice(0, 10),
  });
  if (from) await carrySignatories(ctx.workspace, from, id, files);
  await refuseConflicts(ctx.workspace, id, files);
  for (const file of files) {
    const path = join(ctx.workspace, file.path);
    await mkdir(dirname(path), { recursive: true });
    // "wx": fail rather than overwrite if something appeared since the check.
    await writeFile(path, file.content, { flag: "wx" });
  }
  const next = nextSteps(id, languages[0] ?? "en", from === undefined && config.sender === undefined);
  if (options.format === "json") {
    ctx.stdout(formatJson({ campaign: id, languages, created: files.map((f) => f.path), next }));
    return;
  }
  for (const f of files) ctx.stderr(`created ${shown(ctx.workspace, f.path)}\n`);
  ctx.stderr(
    `campaign ${id} ready (${languages.join(", ")}); next:\n${next.map((n) => `  ${n}\n`).join("")}`,
  );
}

function parseLanguages(text: string): Language[] {
  const list = [...new Set(text.split(",").map((l) => l.trim().toLowerCase()))].filter((l) => l !== "");
  const unknown = list.filter((l) => !(LANGUAGES as readonly string[]).includes(l));
  if (list.length === 0 || unknown.length > 0) {
    throw new InputError(
      "E_CAMPAIGN_LANGUAGE",
      list.length === 0
        ? "--languages names no language"
        : `--languages: unknown language ${unknown.join(", ")}`,
      { hint: `letter languages: ${LANGUAGES.join(", ")} (the first is the campaign's default)` },
    );
  }
  return list as Language[];
}

/** Languages whose letter templates/<id>/<lang>.mjml and .subject.hbs are both there already: kept as they are. */
async function lettersOnDisk(
  workspace: string,
  id: string,
  languages: readonly Language[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const language of languages) {
    const dir = join(workspace, "templates", id);
    const [mjml, subject] = await Promise.all([
      exists(join(dir, `${language}.mjml`)),
      exists(join(dir, `${language}.subject.hbs`)),
    ]);
    if (mjml && subject) found.add(`${id}/${language}`);
  }
  return found;
}

/** A follow-up campaign starts with the signatories of the one it comes from. */
async function carrySignatories(workspace: string, from: Campaign, id: string, files: ScaffoldFile[]) {
  const source = resolve(workspace, "campaigns", from.id, from.signatories);
  const target = files.find((f) => f.path === `campaigns/${id}/signatories.csv`);
  if (!target) return;
  target.path = `campaigns/${id}/${from.signatories.split("\\").join("/")}`;
  target.content = await readFile(source, "utf8").catch(() => target.content);
}

async function refuseConflicts(workspace: string, id: string, files: readonly ScaffoldFile[]): Promise<void> {
  const conflicts: Problem[] = [];
  if (await exists(join(workspace, "campaigns", id)))
    conflicts.push({ file: `campaigns/${id}/`, message: "exists; a campaign folder is never overwritten" });
  for (const f of files)
    if (!f.path.startsWith(`campaigns/${id}/`) && (await exists(join(workspace, f.path))))
      conflicts.push({ file: f.path, message: "exists; not overwritten" });
  if (conflicts.length > 0) {
    throw new InputError("E_CAMPAIGN_EXISTS", `campaign ${id}: nothing was written`, {
      problems: conflicts,
      hint: "choose another id, or remove what is in the way",
    });
  }
}

function nextSteps(id: string, language: string, placeholderSender: boolean): string[] {
  return [
    ...(placeholderSender
      ? [`set "sender" in campaigns/${id}/campaign.json (config.json names none; a placeholder is there)`]
      : []),
    `write the letter: templates/${id}/${language}.mjml, ${language}.subject.hbs and ${language}.txt.hbs`,
    `add who signed: campaigns/${id}/signatories.csv (organisation,country,signed; the sender signs first)`,
    `outreach plan ${id}      # who gets which letter, and every problem`,
    `outreach preview ${id}   # every letter to campaigns/${id}/outbox/preview/`,
  ];
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function shown(workspace: string, path: string): string {
  return relative(process.cwd(), join(workspace, path)) || path;
}
