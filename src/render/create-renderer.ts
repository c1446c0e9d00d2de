/**
 * Render stage. Input: a loaded campaign and plan entries. Output: one `OutgoingMessage` per entry
 * (from, to, Cc partner, reply-to, subject, HTML, text, attachments, deterministic Message-ID,
 * X-Outreach-* headers). MJML is compiled once per letter and language in `createRenderer`, in a worker
 * thread (`compile-mjml.thread.ts`, the one effect here); `render` only runs precompiled Handlebars
 * templates, synchronously. Attachments are read by the mail composer later, from their paths.
 */
import type { Language } from "../contacts/contact-schema.js";
import type { LoadedCampaign } from "../campaign/loaded-campaign.js";
import type { PlanEntry } from "../campaign/build-plan.js";
import type { SharedMailboxSalutation } from "../campaign/campaign-schema.js";
import { signatoryRevision } from "../campaign/signatory-intake.js";
import { InputError, type Problem } from "../core/errors.js";
import { buildMail, mailEnvelope } from "./build-mail.js";
import {
  compileLetter,
  prepareMjml,
  type CompiledLetter,
  type CompiledSalutation,
} from "./compile-letter.js";
import { compileMjmlSources } from "./compile-mjml.thread.js";
import { tidyText } from "./html-to-text.js";
import {
  buildRecipientFields,
  cleanValue,
  countryNamer,
  nameLister,
  PERSON_MERGE_FIELDS,
  type MergeFields,
} from "./merge-fields.js";
import type { OutgoingMessage } from "./outgoing-message.js";
import { runTemplate } from "./run-template.js";
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
  const { campaign } = loaded;
  const { letters, problems } = await compileLetters(loaded);
  const namers = memoByLocale(countryNamer);
  const listers = memoByLocale(nameLister);
  const envelope = mailEnvelope(campaign, options.messageIdKey);
  const signatories = signatoryRevision(loaded.signatories);

  const render = (entry: PlanEntry): OutgoingMessage => {
    const letter = letters.get(entry.language);
    if (!letter) throw missingLetter(campaign.id, entry);
    const { locale } = letter.base;
    const shared = entry.sharedMailbox;
    const fields = buildRecipientFields(
      letter.base,
      entry.contact,
      namers(locale)(entry.country),
      entry.partner,
      shared ? { people: shared.people, listNames: listers(locale) } : undefined,
    );
    const salutation = chooseSalutation(letter, fields, shared?.salutation, entry, campaign.id);
    if (salutation) fields.salutation = cleanValue(salutation.render(fields));
    const subject = cleanValue(
      runTemplate(letter.subject, fields, letter.subjectFile, letter.subjectSource, entry, letter),
    );
    fields.subject = subject;
    const html = runTemplate(letter.html, fields, letter.mjmlFile, letter.mjmlSource, entry, letter);
    const text = tidyText(
      runTemplate(letter.text, fields, letter.textFile, letter.textSource, entry, letter),
    );
    return {
      campaign: campaign.id,
      contactId: entry.contact.id,
      country: entry.country,
      language: letter.language,
      revision: letter.revision,
      signatoryRevision: signatories,
      mail: buildMail(envelope, letter, entry, fields, { subject, html, text }),
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
 * Compiles the MJML of these letters now, in a thread that has exited when this returns, so that a renderer
 * made later finds it done (compile-mjml.thread.ts keeps each source's result): a send does this before
 * it reads the directory, so MJML and a large directory never hold memory at the same time.
 */
export async function precompileLetters(part: Pick<LoadedCampaign, "campaign" | "letters">): Promise<void> {
  await compileMjmlSources(lettersToCompile(part).map((s) => prepareMjml(s.source.mjml.text, s.language)));
}

/** The letters that have both a source and a campaign entry. */
function lettersToCompile({ campaign, letters }: Pick<LoadedCampaign, "campaign" | "letters">) {
  return Object.entries(letters).flatMap(([language, source]) => {
    const letter = campaign.letters[language as Language];
    return source && letter ? [{ language, source, letter }] : [];
  });
}

/** Compiles the letter of every language that has both a source and a campaign entry, once. */
async function compileLetters(
  loaded: LoadedCampaign,
): Promise<{ letters: Map<string, CompiledLetter>; problems: Problem[] }> {
  const hb = createTemplateEnvironment();
  const { campaign } = loaded;
  const letters = new Map<string, CompiledLetter>();
  const problems: Problem[] = [];
  const sources = lettersToCompile(loaded);
  // Every letter's MJML at once, in one thread that is gone before the first message is rendered.
  const mjml = await compileMjmlSources(sources.map((s) => prepareMjml(s.source.mjml.text, s.language)));
  for (const [i, { language, source, letter }] of sources.entries()) {
    const result = compileLetter(
      hb,
      source,
      letter,
      campaign,
      loaded.signatories,
      loaded.attachments[language as Language] ?? [],
      mjml[i] ?? { failure: "MJML returned no result" },
    );
    problems.push(...result.problems);
    if (result.compiled) letters.set(language, result.compiled);
  }
  return { letters, problems };
}

/** A per-locale factory that makes each locale's function once and then reuses it. */
function memoByLocale<T>(make: (locale: string) => T): (locale: string) => T {
  const made = new Map<string, T>();
  return (locale) => {
    let value = made.get(locale);
    if (value === undefined) made.set(locale, (value = make(locale)));
    return value;
  };
}

/** E_TEMPLATE_MISSING for an entry whose language has no compiled letter. */
function missingLetter(campaignId: string, entry: PlanEntry): InputError {
  return new InputError(
    "E_TEMPLATE_MISSING",
    `no compiled "${entry.language}" letter for contact ${entry.contact.id}`,
    {
      problems: [
        {
          file: `campaigns/${campaignId}/campaign.json`,
          field: `letters.${entry.language}`,
          message: "letter missing or broken",
        },
      ],
    },
  );
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
