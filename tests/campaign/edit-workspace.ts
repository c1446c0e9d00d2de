/** Helpers for tests that change a temp copy of the example workspace (never the repo's own files). */
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { DIRECTORY_COLUMNS, type Contact } from "../../src/contacts/contact-schema.js";

export const EXAMPLE_CAMPAIGN = "wcit-2012";

export async function readCampaignJson(ws: string, id = EXAMPLE_CAMPAIGN): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(ws, "campaigns", id, "campaign.json"), "utf8")) as Record<
    string,
    unknown
  >;
}

export async function writeCampaignJson(ws: string, value: unknown, id = EXAMPLE_CAMPAIGN): Promise<void> {
  await writeFile(join(ws, "campaigns", id, "campaign.json"), JSON.stringify(value, null, 2));
}

/** Append one contact row to contacts/directory.csv, in the stored column order. */
export async function appendContact(
  ws: string,
  fields: Partial<Contact> & { id: string; country: string },
): Promise<void> {
  const row = DIRECTORY_COLUMNS.map((c) => fields[c] ?? (c === "status" ? "active" : ""));
  await appendFile(join(ws, "contacts", "directory.csv"), stringify([row], { record_delimiter: "\n" }));
}

export async function replaceInFile(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, "utf8");
  if (!text.includes(from)) throw new Error(`${path} does not contain ${from}`);
  await writeFile(path, text.replace(from, to));
}
