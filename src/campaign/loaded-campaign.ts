/** What `loadCampaign` hands to the pure stages: the campaign and every file it refers to, already parsed. */
import type { Contact, Language } from "../contacts/contact-schema.js";
import type { MemberState } from "../contacts/member-state-schema.js";
import type { Partner } from "../contacts/partner-schema.js";
import type { Problem } from "../core/errors.js";
import type { Campaign } from "./campaign-schema.js";
import type { Signatory } from "./signatory-schema.js";

/** One template file's text and where it came from (workspace-relative, for problems). */
export interface TemplateSource {
  file: string;
  text: string;
}

/** The template sources of one letter in one language. */
export interface LetterSource {
  language: Language;
  /** Folder under templates/. */
  template: string;
  mjml: TemplateSource;
  subject: TemplateSource;
  /** `<lang>.txt.hbs` when present; otherwise the text part is derived from the HTML. */
  text?: TemplateSource;
}

/** An attachment that exists and is within the size limit. */
export interface LoadedAttachment {
  filename: string;
  /** Absolute path, read by the mail composer when a message is built. */
  path: string;
  contentType?: string;
  bytes: number;
}

export interface CampaignPaths {
  root: string;
  campaignDir: string;
  campaignFile: string;
  signatories: string;
  outbox: string;
  ledger: string;
  templatesDir: string;
}

/**
 * What the plan needs and no more: the campaign, the directory and reference data, and which letters
 * exist. `loadCampaignFrame` reads only this (no template text, signatories or attachments), so status,
 * inbox import and the report learn the campaign's targets without loading the letters.
 */
export interface CampaignFrame {
  campaign: Campaign;
  paths: CampaignPaths;
  contacts: Contact[];
  memberStates: MemberState[];
  partners: Partner[];
  /** Languages whose letter has its template files; a contact resolved to another language falls back. */
  letterLanguages: readonly string[];
  /** Everything found while loading: errors block `plan`, warnings are shown. */
  problems: Problem[];
}

/** The whole campaign: the frame plus the letters' templates, attachments and signatories. */
export interface LoadedCampaign extends CampaignFrame {
  signatories: Signatory[];
  /** Letters whose template files were all found; a missing one is a problem instead. */
  letters: Partial<Record<Language, LetterSource>>;
  attachments: Partial<Record<Language, LoadedAttachment[]>>;
}
