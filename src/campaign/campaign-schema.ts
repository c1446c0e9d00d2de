/**
 * Campaign: the one schema for `campaigns/<id>/campaign.json`. Input: parsed JSON. Output: a typed
 * campaign with defaults, or every problem at once with its JSON path. Pure.
 */
import { z } from "zod";
import { senderSchema, sendLimitsSchema } from "../config/config-schema.js";
import { sendingWindowSchema } from "./sending-window-schema.js";
import { languageSchema } from "../contacts/contact-schema.js";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";

const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as AR");
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes");

/**
 * A file named in campaign.json (attachment, signatories): relative to the campaign folder and inside
 * it, so a shared or copied campaign cannot attach `/etc/passwd` or `../../config.json` to every letter.
 * Symlinks that lead out of the folder are refused when the campaign is loaded (load-campaign.fs.ts).
 */
export function campaignPathProblem(path: string): string | undefined {
  if (path.includes("\0")) return "must not contain a NUL character";
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return "must be relative to the campaign folder, not an absolute path";
  if (path.split(/[/\\]/).includes("..")) return 'must stay inside the campaign folder (no ".." segments)';
  return undefined;
}

const campaignPath = z
  .string()
  .min(1)
  .superRefine((path, ctx) => {
    const problem = campaignPathProblem(path);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Files the tool writes in a campaign folder: records of who was written to, never sent as attachments. */
const TOOL_OWNED = /^(ledger\.jsonl.*|\.lock|outbox|partners|report\.html|\..*\.tmp)$/i;

/** Why an attachment path names a file the tool itself writes, or undefined. */
export function toolOwnedProblem(path: string): string | undefined {
  const first = path.split(/[/\\]/).find((s) => s !== "" && s !== ".");
  return first !== undefined && TOOL_OWNED.test(first)
    ? `"${first}" is written by outreach (the ledger, lock, outbox, partner packs or report); it cannot be attached`
    : undefined;
}

export const attachmentSchema = z.strictObject({
  path: campaignPath
    .superRefine((path, ctx) => {
      const problem = toolOwnedProblem(path);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe("File to attach, relative to the campaign folder and inside it, e.g. letter-en.pdf."),
  filename: z
    .string()
    .min(1)
    .optional()
    .describe("Name shown to the recipient; defaults to the file's name."),
  contentType: z.string().optional().describe("MIME type; guessed from the extension when omitted."),
});

export const letterSchema = z.strictObject({
  template: slug.describe(
    "Folder under templates/ holding <lang>.mjml, <lang>.subject.hbs and optional <lang>.txt.hbs.",
  ),
  subject: z
    .string()
    .min(1)
    .optional()
    .describe("Subject as a Handlebars template; overrides templates/<template>/<lang>.subject.hbs."),
  reviewed: z
    .boolean()
    .default(false)
    .describe(
      "True once a native speaker has checked this translation. Unreviewed letters are not sent for real.",
    ),
  locale: z
    .string()
    .min(2)
    .optional()
    .describe("Locale for dates and country names in this letter, e.g. en-GB; defaults to the language."),
  updatedHeading: z
    .string()
    .includes("{date}", { message: 'must contain {date}, e.g. "Updated {date}"' })
    .optional()
    .describe(
      'Heading of each later batch of signatories, e.g. "Updated {date}"; defaults to the language\'s own.',
    ),
  salutations: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "Salutation patterns tried in order; the first whose fields are all known for the contact becomes {{salutation}}, " +
        'e.g. ["Dear {{honorific}} {{name}},", "Dear {{name}},", "Dear Sir or Madam,"].',
    ),
  attachments: z
    .array(attachmentSchema)
    .default([])
    .describe("Files attached to every message in this language."),
  attachPdf: z
    .boolean()
    .default(false)
    .describe(
      "Attach the letter as a PDF (the generic copy, addressed to no one, made once per signatory list) to every message in this language.",
    ),
  place: z
    .string()
    .min(1)
    .optional()
    .describe("Place written before the date on the printed letter (PDF), in this language, e.g. Geneva."),
  paper: z
    .enum(["a4", "letter"])
    .default("a4")
    .describe("Paper size of this letter's PDF: a4 or letter (US Letter)."),
});

export const DELIVERY_MODES = ["email", "partner"] as const;

/**
 * How a letter to a shared mailbox (one contact listing several people) opens. `generic`: the letter's
 * salutation that names nobody; `names`: its usual patterns, with {{name}} as everyone's names.
 */
export const SHARED_MAILBOX_SALUTATIONS = ["generic", "names"] as const;
export type SharedMailboxSalutation = (typeof SHARED_MAILBOX_SALUTATIONS)[number];

export const countryMappingSchema = z.strictObject({
  language: languageSchema
    .optional()
    .describe("Letter language for this country (overrides the member state's default)."),
  partner: slug.optional().describe("Partner group id from contacts/partners.csv."),
  delivery: z
    .enum(DELIVERY_MODES)
    .default("email")
    .describe(
      "email: the tool sends the letter; partner: the partner group delivers it by hand, nothing is emailed.",
    ),
  ccPartner: z
    .boolean()
    .default(false)
    .describe("Send the partner a copy (Cc) of every message to this country."),
});

export const audienceSchema = z.strictObject({
  includeCountries: z
    .array(countryCode)
    .optional()
    .describe("Only these countries (default: every country)."),
  excludeCountries: z.array(countryCode).default([]),
  includeTags: z
    .array(z.string().min(1))
    .optional()
    .describe("Only contacts with at least one of these tags."),
  excludeTags: z.array(z.string().min(1)).default([]),
  includeOrganisations: z
    .array(z.string().min(1))
    .optional()
    .describe("Only contacts whose organisation is one of these (case-insensitive)."),
  excludeOrganisations: z.array(z.string().min(1)).default([]),
  excludeContacts: z
    .array(z.string().min(1))
    .default([])
    .describe("Contact ids never to write to in this campaign."),
  includeContacts: z
    .array(z.string().min(1))
    .optional()
    .describe("Only these contact ids (e.g. a follow-up to those who received an older signatory list)."),
});

const campaignObjectSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug.describe("Same as the campaign's folder name."),
  name: z.string().min(1),
  sender: senderSchema.describe("Who the letters are from."),
  replyTo: z
    .strictObject({ name: z.string().optional(), email: z.email({ message: "must be an email address" }) })
    .optional()
    .describe("Where replies go, when not to the sender."),
  defaultLanguage: languageSchema.describe("Last step of language resolution; a letter must exist in it."),
  letters: z
    .partialRecord(languageSchema, letterSchema)
    .refine((l) => Object.keys(l).length > 0, "needs at least one letter")
    .describe("One letter per language."),
  countries: z
    .record(countryCode, countryMappingSchema)
    .default({})
    .describe("Per country: language, partner group, delivery mode."),
  audience: audienceSchema.prefault({}).describe("Which directory contacts the campaign targets."),
  signatories: campaignPath
    .default("signatories.csv")
    .describe(
      "CSV of signatory organisations (organisation,country,signed), relative to the campaign folder and inside it.",
    ),
  signOnAddress: z
    .email({ message: "must be an email address" })
    .optional()
    .describe(
      "Where organisations write to sign (`signatories inbox` reads requests sent there); default: replyTo.",
    ),
  signatoryOrder: z
    .enum(["batches", "alphabetical"])
    .default("batches")
    .describe(
      'How letters list signatories. batches: the original list, then each later batch under "Updated <date>"; alphabetical: one list.',
    ),
  sharedMailboxSalutation: z
    .enum(SHARED_MAILBOX_SALUTATIONS)
    .default("generic")
    .describe(
      "Salutation for a shared mailbox (one contact listing several people, one message). generic: the first of " +
        'the letter\'s salutations that uses none of {{honorific}}, {{name}} and {{title}}, e.g. "Dear Sir or Madam,"; ' +
        'names: the salutations as usual, with {{name}} as every person\'s name ("Dear Ana Rivera and Ben Chen,") and no {{honorific}}.',
    ),
  requireEmailPerCountry: z
    .boolean()
    .default(false)
    .describe("Block when a targeted country delivered by email has no contact with an email address."),
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(10_000_000)
    .describe("Largest attachment accepted."),
  limits: sendLimitsSchema
    .partial()
    .optional()
    .describe("Overrides of config.json send limits for this campaign."),
  sendingWindow: sendingWindowSchema
    .optional()
    .describe("Office hours in the recipient's local time (default: off, letters go at any hour)."),
  messageIdDomain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i, "must be a domain name")
    .optional()
    .describe(
      "Right-hand side of the deterministic Message-IDs, e.g. outreach.coalition.example; default: the sender's domain.",
    ),
});

/** The campaign, with the Message-ID domain defaulting to the sender's (where replies and bounces point anyway). */
export const campaignSchema = campaignObjectSchema.transform((c) => ({
  ...c,
  messageIdDomain:
    c.messageIdDomain ?? c.sender.email.slice(c.sender.email.lastIndexOf("@") + 1).toLowerCase(),
}));

export type Campaign = z.infer<typeof campaignSchema>;
export type Letter = z.infer<typeof letterSchema>;
export type CountryMapping = z.infer<typeof countryMappingSchema>;
export type Audience = z.infer<typeof audienceSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;

/** Pure: validate parsed JSON as a campaign, with every problem's JSON path. */
export function validateCampaign(
  raw: unknown,
  file: string,
): { ok: true; campaign: Campaign } | { ok: false; problems: Problem[] } {
  const result = campaignSchema.safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      problems: problemsFromZod(result.error.issues, file, { rootField: "(root)", severity: "error" }),
    };
  }
  const campaign = result.data;
  const problems: Problem[] = [];
  if (!campaign.letters[campaign.defaultLanguage]) {
    problems.push({
      file,
      field: "defaultLanguage",
      message: `no letter in "${campaign.defaultLanguage}" under letters`,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, campaign };
}
