/** Reference data: the ITU member states (`contacts/itu-member-states.csv`). */
import { z } from "zod";
import { languageSchema } from "./contact-schema.js";

/** The columns every member-state file has. */
export const MEMBER_STATE_COLUMNS = ["code", "name", "region", "language", "status"] as const;
/** Columns a file may have; older files (before the second choice) lack them. */
export const MEMBER_STATE_OPTIONAL_COLUMNS = ["language2"] as const;

export const memberStateSchema = z
  .strictObject({
    /** ISO 3166-1 alpha-2. */
    code: z.string().regex(/^[A-Z]{2}$/),
    /** English short name. */
    name: z.string().min(1),
    /** ITU administrative region: A Americas, B Western Europe, C Eastern Europe and Northern Asia, D Africa, E Asia and Australasia. */
    region: z.enum(["A", "B", "C", "D", "E"]),
    /** Likely letter language of the delegation (contacts/itu-member-states.md says why). */
    language: languageSchema,
    /**
     * Second choice, used when a campaign has no letter in `language` (Arabic or Russian first, English
     * or French second); absent or empty when there is none.
     */
    language2: z.union([languageSchema, z.literal("").transform(() => undefined)]).optional(),
    /** `member`, or `observer` (Palestine). */
    status: z.enum(["member", "observer"]),
  })
  .refine((s) => s.language2 !== s.language, {
    path: ["language2"],
    message: "is the same as language: leave it empty",
  });

export type MemberState = z.infer<typeof memberStateSchema>;
