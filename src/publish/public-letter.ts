/**
 * The letter addressed to no one in particular, for the website and the generic PDF: the compiled
 * letter's own templates run with the language's fields (signatories, their Updated line, campaign,
 * sender) and a blank addressee, opening with the first salutation that names nobody ("Dear Sir or
 * Madam,"). Templates guard optional fields with `{{#if}}`, so a blank addressee leaves out the address
 * lines; a field a template prints unguarded is an E_TEMPLATE_FIELD naming the template. Pure.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import { contactSchema, type Contact } from "../contacts/contact-schema.js";
import type { CompiledLetter } from "../render/compile-letter.js";
import { cleanValue, type MergeFields } from "../render/merge-fields.js";
import { runTemplate } from "../render/run-template.js";

/** The contact id the website copy's errors name. */
export const PUBLIC_COPY_ID = "(website copy)";

export interface PublicLetter {
  subject: string;
  salutation: string;
  html: string;
}

export function renderPublicLetter(letter: CompiledLetter): PublicLetter {
  const entry = publicEntry(letter.language);
  const fields: MergeFields = Object.assign<MergeFields, object>({}, letter.base);
  // The addressee's organisation and country are printed unguarded by most letters ("{{organisation}}"):
  // blank, not missing, so the letter renders without a recipient.
  fields.organisation = "";
  fields.country = "";
  fields.countryName = "";
  const salutation = letter.salutations.find((s) => s.fields.length === 0);
  fields.salutation = salutation ? cleanValue(salutation.render(fields)) : "";
  const subject = cleanValue(
    runTemplate(letter.subject, fields, letter.subjectFile, letter.subjectSource, entry, letter),
  );
  fields.subject = subject;
  const html = runTemplate(letter.html, fields, letter.mjmlFile, letter.mjmlSource, entry, letter);
  return { subject, salutation: fields.salutation as string, html };
}

/** A plan entry that stands for "the public", so template errors read like any other contact's. */
function publicEntry(language: string): PlanEntry {
  // Every other column is the schema's default: empty, and `active`.
  const contact: Contact = contactSchema.parse({ id: PUBLIC_COPY_ID, country: "ZZ" });
  return {
    contact,
    country: "ZZ",
    language,
    languageReason: "website copy",
    letter: "",
    delivery: "email",
    ccPartner: false,
    warnings: [],
  };
}
