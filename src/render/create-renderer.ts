/**
 * Render stage. Input: a loaded campaign and plan entries. Output: one `OutgoingMessage` per entry
 * (from, to, Cc partner, reply-to, subject, HTML, text, attachments, deterministic Message-ID,
 * X-Outreach-* headers). MJML is compiled once per letter and language in `createRenderer`; `render`
 * only runs precompiled Handlebars templates, synchronously. Effects: none (attachments are read by
 * the mail composer later, from their paths).
 */
import type { Language } from "../contacts/contact-schema.js";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import type { PlanEntry } from "../campaign/build-plan.js";
import type { SharedMailboxSalutation } from "../campaign/campaign-schema.js";
import { InputError, type Problem } from "../core/errors.js";
import {
  compileLetter,
  lineOf,
  type CompiledLetter,
  type CompiledSalutation,
  type MergeTemplate,
} from "./compile-letter.js";
import { tidyText } from "./html-to-text.js";
import {
  buildRecipientFields,
  cleanValue,
  countryNamer,
  nameLister,
  PERSON_MERGE_FIELDS,
  type MergeFields,
} from "./merge-fields.js";
import { messageIdFor, messageTagFor } from "../campaign/message-id.js";
import type { OutgoingMail, OutgoingMessage } from "./outgoing-message.js";
import { createTemplateEnvironment } from "./template-environment.js";

export interface Renderer {
  /** Languages with a compiled letter. */
  readonly languages: readonly string[];
  /**
   * Compile problems (MJML, Handlebars syntax, and what the template guard refuses: unescaped output,
   * partials, unknown helpers, wrong arguments); letters with errors are not in `languages`.
   */
  readonly problems: readonly Problem[];
  /** Renders one entry; throws an InputError E_TEMPLATE_FIELD naming template, field and contact. */
  render(entry: PlanEntry): OutgoingMessage;
  /** Hash of the letter template, signatories and attachments the language's messages come from. */
  revisionFor(language: string): string;
  /** The compiled letter, for previews and tests. */
  letterFor(language: string): CompiledLetter | undefined;
}

export interface RendererOptions {
  /** The workspace key (`.outreach/secret`): Message-IDs carry its keyed tag (src/campaign/message-id.ts). */
  messageIdKey?: Uint8Array;
}

export async function createRenderer(
  loaded: LoadedCampaign,
  options: RendererOptions = {},
): Promise<Renderer> {
  const hb = createTemplateEnvironment();
  const { campaign } = loaded;
  const letters = new Map<string, CompiledLetter>();
  const problems: Problem[] = [];
  for (const [language, source] of Object.entries(loaded.letters)) {
    const letter = campaign.letters[language as Language];
    if (!source || !letter) continue;
    const result = await compileLetter(
      hb,
      source,
      letter,
      campaign,
      loaded.signatories,
      loaded.attachments[language as Language] ?? [],
    );
    problems.push(...result.problems);
    if (result.compiled) letters.set(language, result.compiled);
  }
  const namers = new Map<string, (code: string) => string>();
  const listers = new Map<string, (names: string[]) => string>();
  const from = { name: cleanValue(campaign.sender.name), address: campaign.sender.email };
  const replyTo = campaign.replyTo
    ? { name: cleanValue(campaign.replyTo.name ?? ""), address: campaign.replyTo.email }
    : undefined;

  const render = (entry: PlanEntry): OutgoingMessage => {
    const letter = letters.get(entry.language);
    if (!letter) {
      throw new InputError(
        "E_TEMPLATE_MISSING",
        `no compiled "${entry.language}" letter for contact ${entry.contact.id}`,
        {
          problems: [
            {
              file: `campaigns/${campaign.id}/campaign.json`,
              field: `letters.${entry.language}`,
              message: "letter missing or broken",
            },
          ],
        },
      );
    }
    let namer = namers.get(letter.base.locale);
    if (!namer) namers.set(letter.base.locale, (namer = countryNamer(letter.base.locale)));
    const shared = entry.sharedMailbox;
    let listNames: ((names: string[]) => string) | undefined;
    if (shared) {
      listNames = listers.get(letter.base.locale);
      if (!listNames) listers.set(letter.base.locale, (listNames = nameLister(letter.base.locale)));
    }
    const fields = buildRecipientFields(
      letter.base,
      entry.contact,
      namer(entry.country),
      entry.partner,
      shared && listNames ? { people: shared.people, listNames } : undefined,
    );
    const salutation = chooseSalutation(letter, fields, shared?.salutation, entry, campaign.id);
    if (salutation) fields.salutation = cleanValue(salutation.render(fields));
    const subject = cleanValue(
      run(letter.subject, fields, letter.subjectFile, letter.subjectSource, entry, letter),
    );
    fields.subject = subject;
    const html = run(letter.html, fields, letter.mjmlFile, letter.mjmlSource, entry, letter);
    const text = tidyText(run(letter.text, fields, letter.textFile, letter.textSource, entry, letter));
    const contact = entry.contact;
    const cc =
      entry.ccPartner && entry.partner
        ? [{ name: cleanValue(entry.partner.name), address: entry.partner.email }]
        : undefined;
    // A shared mailbox is addressed as the ministry (or its people), not as one of them.
    const toName = shared
      ? contact.organisation || (fields.name as string | undefined) || ""
      : contact.name || contact.organisation;
    const mail: OutgoingMail = {
      from,
      to: { name: cleanValue(toName), address: contact.email.trim() },
      ...(cc ? { cc } : {}),
      ...(replyTo ? { replyTo } : {}),
      subject,
      html,
      text,
      ...(letter.attachments.length
        ? {
            attachments: letter.attachments.map((a) => ({
              filename: a.filename,
              path: a.path,
              ...(a.contentType ? { contentType: a.contentType } : {}),
            })),
          }
        : {}),
      messageId: messageIdFor(campaign.id, contact.id, campaign.messageIdDomain, options.messageIdKey),
      headers: {
        "X-Outreach-Campaign": campaign.id,
        "X-Outreach-Contact": cleanValue(contact.id),
        // The same keyed tag as the Message-ID's, for reports that quote our headers but not the id.
        ...(options.messageIdKey
          ? { "X-Outreach-Tag": messageTagFor(campaign.id, contact.id, options.messageIdKey) }
          : {}),
        "Content-Language": letter.language,
      },
    };
    return {
      campaign: campaign.id,
      contactId: contact.id,
      country: entry.country,
      language: letter.language,
      revision: letter.revision,
      mail,
      ...(typeof fields.salutation === "string" ? { salutation: fields.salutation } : {}),
    };
  };

  return {
    languages: [...letters.keys()],
    problems,
    render,
    revisionFor: (language) => letters.get(language)?.revision ?? "",
    letterFor: (language) => letters.get(language),
  };
}

/**
 * The first salutation pattern whose fields the recipient has. For a shared mailbox with the `generic`
 * setting (the default), only patterns that name nobody (no honorific, name or title) qualify; a letter
 * with salutations but none of that kind is an error found by `plan`, never a letter to one of the people.
 */
function chooseSalutation(
  letter: CompiledLetter,
  fields: MergeFields,
  shared: SharedMailboxSalutation | undefined,
  entry: PlanEntry,
  campaignId: string,
): CompiledSalutation | undefined {
  const generic = shared === "generic";
  const found = letter.salutations.find(
    (s) =>
      s.fields.every((f) => fields[f] !== undefined) &&
      !(generic && s.fields.some((f) => PERSON_MERGE_FIELDS.has(f))),
  );
  if (found || !generic || letter.salutations.length === 0) return found;
  throw new InputError(
    "E_TEMPLATE_FIELD",
    `campaigns/${campaignId}/campaign.json: the "${letter.language}" letter has no generic salutation for shared mailbox ${entry.contact.id}`,
    {
      problems: [
        {
          file: `campaigns/${campaignId}/campaign.json`,
          field: `letters.${letter.language}.salutations`,
          message:
            "no salutation without {{honorific}}, {{name}} or {{title}} for shared mailboxes; " +
            'add one (e.g. "Dear Sir or Madam,") or set "sharedMailboxSalutation": "names"',
        },
      ],
    },
  );
}

/**
 * Runs a template; a strict-mode miss becomes E_TEMPLATE_FIELD naming the file, field and contact, and
 * a path into a value that is not an object (`{{name.first}}`) too. Anything else a template throws is
 * still the template's doing: E_TEMPLATE_RENDER with the file, never an unexpected error.
 */
function run(
  template: MergeTemplate,
  fields: MergeFields,
  file: string,
  source: string,
  entry: PlanEntry,
  letter: CompiledLetter,
): string {
  try {
    return template(fields);
  } catch (e) {
    const message = (e as Error).message;
    const field =
      /^"([^"]+)" not defined/.exec(message)?.[1] ??
      /^Cannot use 'in' operator to search for '([^']+)'/.exec(message)?.[1];
    if (!field) {
      throw new InputError(
        "E_TEMPLATE_RENDER",
        `${file}: the ${letter.language} letter could not be rendered for contact ${entry.contact.id}`,
        {
          cause: e,
          problems: [
            {
              code: "E_TEMPLATE_RENDER",
              file,
              message: `Handlebars: ${message.split("\n")[0] ?? message}`,
            },
          ],
        },
      );
    }
    const line = source ? lineOf(source, new RegExp(`\\{\\{[^}]*\\b${escapeRegExp(field)}\\b`)) : undefined;
    throw new InputError(
      "E_TEMPLATE_FIELD",
      `${file}: merge field "${field}" is missing for contact ${entry.contact.id} (${letter.language} letter)`,
      {
        problems: [
          {
            file,
            ...(line ? { line } : {}),
            field,
            message: `contact ${entry.contact.id} has no "${field}"; fill it in the directory or wrap it in {{#if ${field}}}`,
          },
        ],
      },
    );
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
