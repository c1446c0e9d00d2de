/**
 * Tracking stage: what happened after the letters left.
 * Input: the campaign (plan + directory), its append-only ledger, mailboxes (mbox, maildir, .eml) and
 * partners' returned CSVs. Output: one state per targeted contact (`status`), per-contact history,
 * partner packs, and the self-contained `report.html`.
 * Effects: appends `bounced` / `auto-replied` / `replied` / `marked` / `unmarked` events to the ledger (fsync), sets
 * directory statuses (`bounced`, `do-not-contact`), writes partner packs and the report atomically.
 * Everything else in this folder without an `.fs.ts` suffix is pure.
 */
export { readCampaignStatus, type CampaignStatus } from "./campaign-status.fs.js";
export { readContactHistory, describeEvent } from "./contact-history.fs.js";
export { importInbox, importInboxForCampaign, type InboxImportResult } from "./import-inbox.fs.js";
export { setDirectoryStatus } from "./directory-status.fs.js";
export { markContact, unmarkContact, type MarkResult, type UnmarkResult } from "./mark-contact.fs.js";
export {
  exportPartnerPacks,
  importPartnerCsv,
  type PartnerExportResult,
  type PartnerImportResult,
} from "./partner-packs.fs.js";
export { writeReport, type WriteReportResult } from "./write-report.fs.js";
export { SAMPLE_INBOX_FILE, buildSampleInbox } from "./sample-inbox.js";
export {
  CONTACT_STATES,
  createStatusFold,
  stateOf,
  type ContactState,
  type ContactTrack,
} from "./fold-status.js";
export { classifyInbound, type Classification, type ContactIndex } from "./classify-inbound.js";
