/**
 * The library entry point (`import { ... } from "delegate-outreach"`): the same stages the CLI composes,
 * in pipeline order. The CLI itself is `runCli`.
 */
export * from "./core/errors.js";
export type { Clock, Random } from "./core/clock.js";
export { ManualClock } from "./core/clock.js";
export { workspacePaths, type WorkspacePaths } from "./core/workspace.js";

export { configSchema, validateConfig, type Config } from "./config/config-schema.js";
export { readConfig, readSmtpPassword } from "./config/read-config.fs.js";

export { contactSchema, DIRECTORY_COLUMNS, type Contact } from "./contacts/contact-schema.js";
export type { MemberState } from "./contacts/member-state-schema.js";
export type { Partner } from "./contacts/partner-schema.js";
export { readDirectory, writeDirectory } from "./contacts/directory-store.fs.js";
export { readMemberStates } from "./contacts/member-states.fs.js";
export { readPartners } from "./contacts/partners.fs.js";
export { resolveCountry } from "./contacts/countries.js";

export { importDirectoryFile } from "./directory/import-directory.fs.js";
export { mergeContacts } from "./contacts/merge-contacts.js";
export { runCrawl, type CrawlReport } from "./directory/crawl/run-crawl.fs.js";
export { ituProfile } from "./directory/crawl/profiles/itu.js";

export { campaignSchema, validateCampaign, type Campaign } from "./campaign/campaign-schema.js";
export { loadCampaign, type LoadedCampaign } from "./campaign/load-campaign.fs.js";
export { buildPlan, resolveLanguage, type Plan, type PlanEntry } from "./campaign/build-plan.js";
export { parseSignatoriesCsv, parseSignatoryEntries, type Signatory } from "./campaign/signatory-schema.js";
export {
  decideSignatories,
  signatoryRevision,
  takeInSignatories,
  type SignOnProposal,
} from "./campaign/signatory-intake.js";

export { createRenderer } from "./render/create-renderer.js";
export { composeEml } from "./render/compose-eml.js";
export { messageIdFor } from "./campaign/message-id.js";
export type { OutgoingMail, OutgoingMessage } from "./render/outgoing-message.js";

export { exportTranslation } from "./translations/export-translation.fs.js";
export { importTranslation } from "./translations/import-translation.fs.js";
export { approveTranslation, translationsStatus } from "./translations/review-translations.fs.js";
export { segmentLetter } from "./translations/letter-segments.js";

export { ledgerEventSchema, type LedgerEvent } from "./ledger/ledger-event-schema.js";
export { readLedger, streamLedger, appendLedgerEvents } from "./ledger/ledger-file.fs.js";
export { foldLedger } from "./ledger/fold-ledger.js";
export { acquireCampaignLock } from "./ledger/campaign-lock.fs.js";

export { checkSender } from "./preflight/check-sender.js";
export { checkTargetDomain, checkTargetDomains } from "./preflight/check-targets.js";
export { createDnsResolver } from "./preflight/dns-resolver.dns.js";
export type { DnsResolve } from "./preflight/dns-lookup.js";
export type { Finding } from "./preflight/preflight-finding.js";

export { sendCampaign } from "./send/send-campaign.js";
export { SendLimiter } from "./send/limiter.js";
export { createOutboxTransport } from "./send/outbox-transport.fs.js";
export { createSmtpTransport } from "./send/smtp-transport.smtp.js";
export type { Transport } from "./send/transport.js";

export { importInbox, importInboxForCampaign, type InboxImportResult } from "./inbox/import-inbox.fs.js";
export { setDirectoryStatus } from "./contacts/directory-status.fs.js";
export { markContact, unmarkContact, type MarkResult, type UnmarkResult } from "./inbox/mark-contact.fs.js";
export { importPartnerCsv, type PartnerImportResult } from "./inbox/import-partner-returns.fs.js";
export { fetchInboxForCampaign } from "./inbox/imap-fetch.imap.js";
export { SAMPLE_INBOX_FILE, buildSampleInbox } from "./inbox/sample-inbox.js";
export { classifyInbound, type Classification, type ContactIndex } from "./inbox/classify-inbound.js";
export { CONTACT_STATES, createStatusFold, stateOf, type ContactState } from "./ledger/fold-status.js";
export type { ContactTrack } from "./ledger/contact-track.js";

export { readCampaignStatus, type CampaignStatus } from "./report/campaign-status.fs.js";
export { readContactHistory, describeEvent } from "./report/contact-history.fs.js";
export { exportPartnerPacks, type PartnerExportResult } from "./report/partner-packs.fs.js";
export { writeReport, type WriteReportResult } from "./report/write-report.fs.js";
export { publishSite, type PublishResult } from "./publish/publish-site.fs.js";
export { writeLetterPdfs, type LetterPdfResult } from "./publish/write-letter-pdfs.fs.js";
export { createPdfPrinter, type PdfPrinter } from "./publish/pdf-printer.fs.js";
export { findBrowser } from "./publish/find-browser.fs.js";

export { runCli } from "./cli/run.js";
