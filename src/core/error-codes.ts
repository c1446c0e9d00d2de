/**
 * Every error code the tool reports, in one place. `docs/ERRORS.md` documents each one (same order, same
 * sections); a test checks that the two lists are the same set. Thrown errors and problems take an
 * `ErrorCode`, so a misspelt or undocumented code does not compile.
 */
export const ERROR_CODES = [
  // General, config and workspace
  "E_UNEXPECTED",
  "E_DISK_FULL",
  "E_FILE_WRITE",
  "E_USAGE",
  "E_CONFIG_READ",
  "E_CONFIG_JSON",
  "E_CONFIG_INVALID",
  "E_NOT_A_FILE",
  "E_CONFIG_PASSWORD_MISSING",
  "E_INIT_EXISTS",
  "E_SECRET_READ",
  "E_SECRET_INVALID",
  "E_SECRET_WRITE",
  "E_DEMO_DIR",
  "E_DEMO_STEP",
  // Directory: reference data, store, import
  "E_MEMBER_STATES_READ",
  "E_MEMBER_STATES_INVALID",
  "E_PARTNERS_READ",
  "E_PARTNERS_INVALID",
  "E_DIRECTORY_READ",
  "E_DIRECTORY_INVALID",
  "E_DIRECTORY_WRITE",
  "E_REJECTS_WRITE",
  "E_IMPORT_READ",
  "E_CSV_EMPTY",
  "E_CSV_BINARY",
  "E_CSV_ENCODING",
  "E_CSV_HEADER",
  "E_CSV_PARSE",
  // Crawler
  "E_CRAWL_PROFILE",
  "E_CRAWL_START",
  "E_CRAWL_COUNTRY",
  "E_CRAWL_BAD_URL",
  "E_CRAWL_NOT_ALLOWED",
  "E_CRAWL_OFF_HOST",
  "E_CRAWL_REDIRECTS",
  "E_CRAWL_ROBOTS",
  "E_CRAWL_ROBOTS_UNREACHABLE",
  "E_CRAWL_HTTP",
  "E_CRAWL_NETWORK",
  "E_CRAWL_TIMEOUT",
  "E_CRAWL_TOO_LARGE",
  "E_CRAWL_CACHE",
  "E_CRAWL_LOGIN",
  "E_CRAWL_LAYOUT",
  "E_CRAWL_PARSE",
  "E_CRAWL_ABORTED",
  "E_CRAWL_INTERRUPTED",
  "E_CRAWL_NOTHING",
  "E_CRAWL_IO",
  // Campaigns, templates, plan
  "E_CAMPAIGN_ID",
  "E_CAMPAIGN_NOT_FOUND",
  "E_CAMPAIGN_READ",
  "E_CAMPAIGN_JSON",
  "E_CAMPAIGN_INVALID",
  "E_CAMPAIGN_PATH",
  "E_TEMPLATE_MISSING",
  "E_TEMPLATE_READ",
  "E_TEMPLATE_FIELD",
  "E_TEMPLATE_SYNTAX",
  "E_TEMPLATE_UNESCAPED",
  "E_TEMPLATE_PARTIAL",
  "E_TEMPLATE_HELPER",
  "E_TEMPLATE_ARGUMENTS",
  "E_TEMPLATE_RENDER",
  "E_PLAN_BLOCKED",
  "E_PLAN",
  // Sending and ledger
  "E_SMTP_NOT_CONFIGURED",
  "E_SMTP_INSECURE",
  "E_SMTP_UNREACHABLE",
  "E_SMTP_AUTH",
  "E_SMTP_TLS",
  "E_UNREVIEWED",
  "E_CONFIRM_REQUIRED",
  "E_NOT_CONFIRMED",
  "E_LOCK_HELD",
  "E_LEDGER_CHANGED",
  "E_LEDGER_FOREIGN",
  // Tracking
  "E_MAILBOX_NOT_FOUND",
  "E_MAILBOX_EMPTY",
  "E_CONTACT_UNKNOWN",
  "E_MARK_OUTCOME",
  "E_MARK_DATE",
  "E_MARK_NOT_UNCERTAIN",
  "E_MARK_NO_PARTNER",
  "E_UNMARK_NOTHING",
  "E_PARTNER_UNKNOWN",
  "E_PARTNER_CSV_READ",
  "E_SAMPLE_INBOX",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a string (e.g. a code read back from a file) is one of the known codes. */
export function isErrorCode(value: string): value is ErrorCode {
  return KNOWN.has(value);
}
