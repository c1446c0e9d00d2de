/** The stored form of a parsed page (`<cacheDir>/parsed/<key>.json`), validated when read back. */
import { z } from "zod";
import { CONTACT_FIELDS, type ParsedPage } from "./site-profile.js";

const fieldsSchema = z.partialRecord(z.enum(CONTACT_FIELDS), z.string());

export const parsedPageSchema = z.object({
  records: z.array(
    z.object({
      kind: z.enum(["organisation", "person"]),
      group: z.string(),
      orgKey: z.string(),
      fields: fieldsSchema,
    }),
  ),
  links: z.array(
    z.object({
      url: z.string(),
      level: z.string(),
      group: z.string(),
      groupLabel: z.string(),
      data: z.record(z.string(), z.string()),
    }),
  ),
  groups: z.array(z.object({ group: z.string(), label: z.string() })).optional(),
  layoutProblem: z.string().optional(),
  loginRequired: z.boolean().optional(),
  warnings: z.array(z.string()).optional(),
});

/** A stored parse, or undefined when the file is missing, damaged or from another shape. */
export function readParsedPage(raw: unknown): ParsedPage | undefined {
  const result = parsedPageSchema.safeParse(raw);
  return result.success ? result.data : undefined;
}
