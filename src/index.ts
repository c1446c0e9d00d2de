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
export { mergeContacts } from "./directory/merge-contacts.js";
export { runCrawl, type CrawlReport } from "./directory/crawl/run-crawl.fs.js";
export { ituProfile } from "./directory/crawl/profiles/itu.js";

export { campaignSchema, validateCampaign, type Campaign } from "./campaign/campaign-schema.js";
export { loadCampaign, type LoadedCampaign } from "./campaign/load-campaign.fs.js";
export { buildPlan, resolveLanguage, type Plan, type PlanEntry } from "./campaign/build-plan.js";

export { createRenderer } from "./render/create-renderer.js";
export { composeEml } from "./render/compose-eml.js";
export { messageIdFor } from "./render/message-id.js";
export type { OutgoingMail, OutgoingMessage } from "./render/outgoing-message.js";

export { ledgerEventSchema, type LedgerEvent } from "./ledger/ledger-event-schema.js";
export { readLedger, streamLedger, appendLedgerEvents } from "./ledger/ledger-file.fs.js";
export { foldLedger } from "./ledger/fold-ledger.js";
export { acquireCampaignLock } from "./ledger/campaign-lock.fs.js";

export { sendCampaign } from "./send/send-campaign.js";
export { SendLimiter } from "./send/limiter.js";
export { createOutboxTransport } from "./send/outbox-transport.fs.js";
export { createSmtpTransport } from "./send/smtp-transport.smtp.js";
export type { Transport } from "./send/transport.js";

export * from "./track/index.js";

export { runCli } from "./cli/run.js";
