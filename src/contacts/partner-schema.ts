/** National partner groups (`contacts/partners.csv`): who translates and delivers the letter in which countries. */
import { z } from "zod";
import { languageSchema } from "./contact-schema.js";

export const PARTNER_COLUMNS = ["id", "name", "countries", "email", "language", "notes"] as const;

export const partnerSchema = z.strictObject({
  /** Short stable id, e.g. `cele`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
  name: z.string().min(1),
  /** ISO alpha-2 codes, semicolon-separated in the CSV. */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
  email: z.email(),
  language: languageSchema,
  notes: z.string().default(""),
});

export type Partner = z.infer<typeof partnerSchema>;
