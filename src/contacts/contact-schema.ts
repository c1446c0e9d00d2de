/**
 * Contacts: the data model of the directory (one row per contact person or ministry mailbox).
 * This file is the single source of truth for the columns of `contacts/directory.csv`.
 */
import { z } from "zod";

/** Stable column order of `contacts/directory.csv`; never reorder, only append. */
export const DIRECTORY_COLUMNS = [
  "id",
  "country",
  "organisation",
  "department",
  "honorific",
  "name",
  "title",
  "email",
  "phone",
  "fax",
  "address",
  "language",
  "tags",
  "source",
  "source_url",
  "retrieved_at",
  "status",
  "notes",
] as const;

export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];

export const CONTACT_STATUSES = ["active", "bounced", "do-not-contact"] as const;
export const contactStatusSchema = z.enum(CONTACT_STATUSES);
export type ContactStatus = z.infer<typeof contactStatusSchema>;

/** Letter languages a contact, member state or campaign may name (ISO 639-1). */
export const LANGUAGES = ["en", "es", "fr", "zh", "th", "ur", "bn", "ar", "ru"] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(["ur", "ar", "fa", "he"]);

const text = z.string().default("");

/** One directory row as stored. Every column is text in the CSV; empty means unknown. */
export const contactSchema = z.strictObject({
  id: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
  organisation: text,
  department: text,
  honorific: text,
  name: text,
  title: text,
  email: text,
  phone: text,
  fax: text,
  address: text,
  language: z.union([languageSchema, z.literal("")]).default(""),
  /** Semicolon-separated tags, e.g. `ministry;itu-focal-point`. */
  tags: text,
  /** Where the row came from: `manual`, a file name, `itu-crawl`... `manual` rows win over imports. */
  source: text,
  source_url: text,
  /** ISO 8601 timestamp of retrieval. */
  retrieved_at: text,
  status: contactStatusSchema.default("active"),
  notes: text,
});

export type Contact = z.infer<typeof contactSchema>;

export function contactTags(contact: Pick<Contact, "tags">): string[] {
  return contact.tags
    .split(";")
    .map((t) => t.trim())
    .filter(Boolean);
}
