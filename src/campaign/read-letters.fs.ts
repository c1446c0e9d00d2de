/**
 * The letters of a campaign on disk: which languages have their template files, the template text of
 * each letter, and its attachments (inside the campaign folder, within the size limit). Effects: reads
 * files only. What is missing or unreadable joins `problems`; nothing here throws for a user's mistake.
 */
import { stat, readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { Language } from "../contacts/contact-schema.js";
import type { Problem } from "../core/errors.js";
import type { WorkspacePaths } from "../core/workspace.js";
import type { Campaign } from "./campaign-schema.js";
import { escapesFolder } from "./inside-folder.fs.js";
import type { LetterSource, LoadedAttachment, LoadedCampaign, TemplateSource } from "./loaded-campaign.js";
/** Languages whose letter's MJML and subject (in campaign.json or its file) are regular files. */
export async function existingLetters(campaign: Campaign, ws: WorkspacePaths): Promise<string[]> {
  const isFile = (path: string) =>
    stat(path).then(
      (info) => info.isFile(),
      () => false,
    );
  const checked = await Promise.all(
    Object.entries(campaign.letters).map(async ([language, letter]) => {
      if (!letter) return undefined;
      const dir = ws.letterDir(letter.template);
      const [mjml, subject] = await Promise.all([
        isFile(resolve(dir, `${language}.mjml`)),
        letter.subject ? true : isFile(resolve(dir, `${language}.subject.hbs`)),
      ]);
      return mjml && subject ? language : undefined;
    }),
  );
  return checked.filter((l) => l !== undefined);
}

/** Reads the templates and checks the attachments of every letter; what is missing joins `problems`. */
export async function readLetters(
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
