/**
 * Loads a campaign and everything it refers to: campaign.json, the directory, member states, partners,
 * signatories, the letter templates of each language and the attachments. Effects: reads files only.
 * A campaign.json that cannot be used at all throws at once with every problem; anything else found
 * (missing template, bad signatory row, missing attachment...) is collected in `problems` so that
 * `plan` can list every problem in one run.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, isAbsolute, relative, resolve } from "node:path";
import type { Language } from "../contacts/contact-schema.js";
import { readDirectory } from "../contacts/directory-store.fs.js";
import { readMemberStates } from "../contacts/member-states.fs.js";
import { readPartners } from "../contacts/partners.fs.js";
import { InputError, isOutreachError, type Problem } from "../core/errors.js";
import { workspacePaths, type WorkspacePaths } from "../core/workspace.js";
import { validateCampaign, type Campaign } from "./campaign-schema.js";
import type { LetterSource, LoadedAttachment, LoadedCampaign, TemplateSource } from "./loaded-campaign.js";
import { escapesFolder } from "./inside-folder.fs.js";
import { parseSignatoriesCsv } from "./signatory-schema.js";

export type { LoadedCampaign, LetterSource, LoadedAttachment, TemplateSource } from "./loaded-campaign.js";

export async function loadCampaign(workspace: string, id: string): Promise<LoadedCampaign> {
  const ws = workspacePaths(resolve(workspace));
  const show = (abs: string) => relative(ws.root, abs).split("\\").join("/") || abs;
  const campaignFile = ws.campaignFile(id);
  const file = show(campaignFile);
  const campaign = await readCampaignFile(campaignFile, file, id);
  const problems: Problem[] = [];
  if (campaign.id !== id) {
    problems.push({ file, field: "id", message: `is "${campaign.id}" but the folder is campaigns/${id}` });
  }

  const campaignDir = ws.campaignDir(id);
  const signatoriesPath = resolve(campaignDir, campaign.signatories);
  const [directory, memberStates, partners, signatories] = await Promise.all([
    readDirectory(ws.directory),
    collect(readMemberStates(ws.memberStates), [], problems),
    collect(readPartners(ws.partners), [], problems),
    readSignatories(signatoriesPath, show(signatoriesPath), problems, campaignDir),
  ]);
  problems.push(...directory.problems);
  const { letters, attachments } = await readLetters(campaign, ws, campaignDir, show, file, problems);

  // Readers name files by the absolute path they were given; show them relative to the workspace.
  for (const p of problems) if (p.file && isAbsolute(p.file)) p.file = show(p.file);

  return {
    campaign,
    paths: {
      root: ws.root,
      campaignDir,
      campaignFile,
      signatories: signatoriesPath,
      outbox: ws.outbox(id),
      ledger: ws.ledger(id),
      templatesDir: ws.templatesDir,
    },
    contacts: directory.contacts,
    memberStates,
    partners,
    signatories,
    letters,
    attachments,
    problems,
  };
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

/** Reads the templates and checks the attachments of every letter; what is missing joins `problems`. */
async function readLetters(
  campaign: Campaign,
  ws: WorkspacePaths,
  campaignDir: string,
  show: (abs: string) => string,
  file: string,
  problems: Problem[],
): Promise<Pick<LoadedCampaign, "letters" | "attachments">> {
  const letters: Partial<Record<Language, LetterSource>> = {};
  const attachments: Partial<Record<Language, LoadedAttachment[]>> = {};
  for (const [key, letter] of Object.entries(campaign.letters)) {
    if (!letter) continue;
    const language = key as Language;
    const dir = ws.letterDir(letter.template);
    const field = `letters.${language}.template`;
    const read = (name: string, required: boolean) =>
      readTemplate(resolve(dir, name), show, required ? problems : undefined, file, field, problems);
    const mjml = await read(`${language}.mjml`, true);
    const subject = letter.subject
      ? { file: `${file} letters.${language}.subject`, text: letter.subject }
      : await read(`${language}.subject.hbs`, true);
    const text = await read(`${language}.txt.hbs`, false);
    if (mjml && subject)
      letters[language] = { language, template: letter.template, mjml, subject, ...(text ? { text } : {}) };
    attachments[language] = await checkAttachments(
      letter.attachments,
      campaignDir,
      campaign.maxAttachmentBytes,
      show,
      file,
      language,
      problems,
    );
  }
  return { letters, attachments };
}

async function readJson(path: string, file: string, id: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      throw new InputError("E_CAMPAIGN_NOT_FOUND", `no campaign "${id}": ${file} does not exist`, {
        hint: "campaigns live in campaigns/<id>/campaign.json; see docs on campaigns",
      });
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

/**
 * Read a template file. A missing file is E_TEMPLATE_MISSING when `problems` is given (otherwise the
 * file is optional); a path that is there but is not a readable regular file (a directory, a FIFO that
 * would block the read, no permission) is E_TEMPLATE_READ, optional or not: it was meant to be used.
 */
async function readTemplate(
  path: string,
  show: (abs: string) => string,
  problems: Problem[] | undefined,
  file: string,
  field: string,
  allProblems: Problem[],
): Promise<TemplateSource | undefined> {
  const shown = show(path);
  const unreadable = (why: string) => {
    allProblems.push({ code: "E_TEMPLATE_READ", file: shown, message: `cannot read the template: ${why}` });
    return undefined;
  };
  try {
    const info = await stat(path);
    if (info.isDirectory()) return unreadable("it is a directory, not a file");
    if (!info.isFile()) return unreadable("it is not a regular file");
    return { file: shown, text: await readFile(path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") return unreadable(code ?? (e as Error).message);
    problems?.push({
      code: "E_TEMPLATE_MISSING",
      file,
      field,
      message: `template file ${shown} does not exist`,
    });
    return undefined;
  }
}

async function checkAttachments(
  list: readonly { path: string; filename?: string | undefined; contentType?: string | undefined }[],
  campaignDir: string,
  maxBytes: number,
  show: (abs: string) => string,
  file: string,
  language: string,
  problems: Problem[],
): Promise<LoadedAttachment[]> {
  const loaded: LoadedAttachment[] = [];
  for (const [i, a] of list.entries()) {
    const path = resolve(campaignDir, a.path);
    const field = `letters.${language}.attachments.${i}.path`;
    try {
      const info = await stat(path);
      const escape = await escapesFolder(campaignDir, path);
      if (escape) {
        problems.push({ code: "E_CAMPAIGN_PATH", file, field, message: `${show(path)} ${escape}` });
      } else if (!info.isFile()) {
        problems.push({ file, field, message: `${show(path)} is not a file` });
      } else if (info.size > maxBytes) {
        problems.push({
          file,
          field,
          message: `${show(path)} is ${info.size} bytes, over maxAttachmentBytes (${maxBytes})`,
        });
      } else {
        loaded.push({
          filename: a.filename ?? basename(path),
          path,
          ...(a.contentType ? { contentType: a.contentType } : {}),
          bytes: info.size,
        });
      }
    } catch {
      problems.push({ file, field, message: `attachment ${show(path)} does not exist` });
    }
  }
  return loaded;
}
