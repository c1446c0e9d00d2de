/**
 * `campaigns/<id>/translations.json` on disk: read (a missing file is an empty record) and written
 * atomically. Effects: reads and writes that one file.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import { InputError } from "../core/errors.js";
import {
  emptyRecord,
  serialiseTranslationsRecord,
  validateTranslationsRecord,
  type TranslationsRecord,
} from "./translations-record.js";

export const TRANSLATIONS_FILE = "translations.json";

export function translationsPath(campaignDir: string): string {
  return join(campaignDir, TRANSLATIONS_FILE);
}

export async function readTranslationsRecord(path: string, shown: string): Promise<TranslationsRecord> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyRecord();
    throw new InputError("E_TRANSLATIONS_FILE", `cannot read ${shown}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new InputError("E_TRANSLATIONS_FILE", `${shown} is not valid JSON: ${(e as Error).message}`);
  }
  const { record, problems } = validateTranslationsRecord(value, shown);
  if (!record)
    throw new InputError("E_TRANSLATIONS_FILE", `${shown} does not match its schema`, { problems });
  return record;
}

export async function writeTranslationsRecord(path: string, record: TranslationsRecord): Promise<void> {
  await writeFileAtomic(path, serialiseTranslationsRecord(record));
}
