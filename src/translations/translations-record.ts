/**
 * `campaigns/<id>/translations.json`: per language, the source hash each translated segment was made
 * from (written by `translations import` and `approve`), and the latest approval: who, when, and which
 * revision of the English and of the translation it covers. The one schema for the file. Pure.
 */
import { z } from "zod";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";

export const approvalSchema = z.strictObject({
  by: z.string().min(1).describe("Who approved the translation."),
  at: z.string().describe("When (ISO 8601)."),
  source: z.string().describe("Revision of the source segments the approval covers."),
  translation: z.string().describe("Revision of the translated letter (its MJML, subject and salutations)."),
});

export const languageRecordSchema = z.strictObject({
  segments: z
    .record(z.string(), z.string())
    .default({})
    .describe("Segment id → hash of the source text the translation was made from."),
  approved: approvalSchema.optional(),
});

export const translationsRecordSchema = z.strictObject({
  languages: z.record(z.string(), languageRecordSchema).default({}),
});

export type Approval = z.infer<typeof approvalSchema>;
export type LanguageRecord = z.infer<typeof languageRecordSchema>;
export type TranslationsRecord = z.infer<typeof translationsRecordSchema>;

export function emptyRecord(): TranslationsRecord {
  return { languages: {} };
}

export function validateTranslationsRecord(
  value: unknown,
  file: string,
): { record?: TranslationsRecord; problems: Problem[] } {
  const parsed = translationsRecordSchema.safeParse(value);
  if (parsed.success) return { record: parsed.data, problems: [] };
  return {
    problems: problemsFromZod(parsed.error.issues, file).map((p) => ({ ...p, code: "E_TRANSLATIONS_FILE" })),
  };
}

/** The file as written: languages and segment ids sorted, so a change shows as a small diff. */
export function serialiseTranslationsRecord(record: TranslationsRecord): string {
  const languages = Object.fromEntries(
    Object.keys(record.languages)
      .sort()
      .map((lang) => {
        const r = record.languages[lang] as LanguageRecord;
        const segments = Object.fromEntries(
          Object.keys(r.segments)
            .sort()
            .map((k) => [k, r.segments[k]]),
        );
        return [lang, { segments, ...(r.approved ? { approved: r.approved } : {}) }];
      }),
  );
  return JSON.stringify({ languages }, null, 2) + "\n";
}
