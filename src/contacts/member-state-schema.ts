/** Reference data: the ITU member states (`contacts/itu-member-states.csv`). */
import { z } from "zod";
import { languageSchema } from "./contact-schema.js";

export const MEMBER_STATE_COLUMNS = ["code", "name", "region", "language", "status"] as const;

export const memberStateSchema = z.strictObject({
  /** ISO 3166-1 alpha-2. */
  code: z.string().regex(/^[A-Z]{2}$/),
  /** English short name. */
  name: z.string().min(1),
  /** ITU administrative region: A Americas, B Western Europe, C Eastern Europe and Northern Asia, D Africa, E Asia and Australasia. */
  region: z.enum(["A", "B", "C", "D", "E"]),
  /** Default letter language. */
  language: languageSchema,
  /** `member`, or `observer` (Palestine). */
  status: z.enum(["member", "observer"]),
});

export type MemberState = z.infer<typeof memberStateSchema>;
