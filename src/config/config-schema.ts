/**
 * Config: the one schema for `config.json`. Input: parsed JSON. Output: a typed config with defaults.
 * No secrets live here: the SMTP and IMAP passwords are read from the environment variables
 * `smtp.passwordEnv` and `imap.passwordEnv` name.
 */
import { z } from "zod";
import type { Problem } from "../core/errors.js";
import { problemsFromZod } from "../core/zod-problems.js";

const email = z.email({ message: "must be an email address" });

/**
 * The longest delay Node's timers hold: setTimeout with more than 2^31 - 1 ms fires after 1 ms instead,
 * so a "one month" backoff would retry at once. Every duration in the config is capped at it.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** A duration in milliseconds, from 0 up to what a timer can hold. */
function durationMs() {
  return z
    .number()
    .int()
    .min(0)
    .max(
      MAX_TIMER_MS,
      `must be at most ${MAX_TIMER_MS} ms (about 24.8 days), the longest delay a timer can hold`,
    );
}

export const senderSchema = z.strictObject({
  name: z.string().min(1).describe("Display name of the sender, e.g. the organisation."),
  email: email.describe("Address the letters are sent from."),
});

export const smtpSchema = z.strictObject({
  host: z.string().min(1).describe("SMTP server or relay host name."),
  port: z.number().int().min(1).max(65535).default(587).describe("587 for STARTTLS, 465 for implicit TLS."),
  security: z
    .enum(["starttls", "tls", "none"])
    .default("starttls")
    .describe("starttls (upgrade required), tls (implicit TLS), none (only allowed for a loopback host)."),
  user: z.string().optional().describe("SMTP user name; omit for servers without authentication."),
  passwordEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name such as OUTREACH_SMTP_PASSWORD")
    .default("OUTREACH_SMTP_PASSWORD")
    .describe(
      "Name of the environment variable holding the SMTP password. The password itself is never stored in a file.",
    ),
  maxConnections: z.number().int().min(1).max(20).default(2).describe("Pooled connections to the server."),
  trustedCertificate: z
    .string()
    .optional()
    .describe(
      "Path to a PEM certificate (or CA) to trust in addition to the system ones, e.g. for a self-signed relay.",
    ),
  connectionTimeoutMs: durationMs().positive().default(30_000),
});

/** The mailbox `outreach inbox fetch` reads bounces and replies from. */
export const imapSchema = z.strictObject({
  host: z.string().min(1).describe("IMAP server host name."),
  port: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe("Defaults to 993 for tls, 143 for starttls and none."),
  security: z
    .enum(["tls", "starttls", "none"])
    .default("tls")
    .describe("tls (implicit TLS), starttls (upgrade required), none (only allowed for a loopback host)."),
  user: z.string().min(1).describe("IMAP user name (login)."),
  passwordEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name such as OUTREACH_IMAP_PASSWORD")
    .default("OUTREACH_IMAP_PASSWORD")
    .describe(
      "Name of the environment variable holding the IMAP password. The password itself is never stored in a file.",
    ),
  folders: z
    .array(z.string().min(1))
    .min(1)
    .refine((folders) => new Set(folders).size === folders.length, "lists a folder twice")
    .default(["INBOX"])
    .describe("Folders to read, in this order. They are opened read-only unless --move-processed is given."),
  connectionTimeoutMs: durationMs().positive().default(30_000),
});

export const sendLimitsSchema = z.strictObject({
  perMinute: z.number().int().positive().default(20).describe("Messages per minute, at most."),
  perHour: z.number().int().positive().default(600).describe("Messages per hour, at most."),
  perDay: z.number().int().positive().default(5000).describe("Messages per day, at most."),
  perDomainPerHour: z
    .number()
    .int()
    .positive()
    .default(30)
    .describe("Messages per hour to one recipient domain (many ministries share a government mail server)."),
  burst: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe("Messages allowed back to back before pacing applies."),
  concurrency: z.number().int().min(1).max(20).default(2).describe("Messages in flight at once."),
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe("Attempts per message for 4xx replies and network errors."),
  backoffBaseMs: durationMs()
    .default(30_000)
    .describe("First retry delay; doubles each attempt, with jitter."),
  backoffMaxMs: durationMs().default(3_600_000).describe("Longest retry delay."),
  pauseAfterConsecutiveFailures: z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe("Stop the run after this many failures in a row: something is wrong."),
  minDaysBetweenCampaigns: z
    .number()
    .min(0)
    .default(0)
    .describe("Minimum days between two campaigns' messages to the same contact."),
});

export const crawlerSchema = z.strictObject({
  contactEmail: email
    .default("outreach-operator@example.org")
    .describe("Your address, sent in the User-Agent so site operators can reach you."),
  userAgent: z
    .string()
    .optional()
    .describe("Overrides the User-Agent; by default it names the tool and contactEmail."),
  delayMs: durationMs().default(1000).describe("Minimum delay between two requests to the same host."),
  concurrency: z.number().int().min(1).max(16).default(2),
  timeoutMs: durationMs().positive().default(20_000).describe("Per-request timeout."),
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(5_000_000)
    .describe("Pages larger than this are refused."),
  maxRetries: z.number().int().min(0).max(10).default(3),
  allowedHosts: z.array(z.string().min(1)).default(["www.itu.int"]).describe("Hosts the crawler may visit."),
  cacheDir: z
    .string()
    .default("contacts/sources/cache")
    .describe("On-disk HTTP cache, relative to the workspace."),
});

/** DKIM signing: the key stays outside the workspace, in an environment variable or a file. */
export const dkimSchema = z
  .strictObject({
    domain: z
      .string()
      .regex(/^[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$/, "must be a domain name such as coalition.example")
      .describe("The signing domain (d=); align it with the sender's domain for DMARC."),
    selector: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "must be a DNS label such as outreach2026")
      .describe("The selector (s=): the public key is published at <selector>._domainkey.<domain>."),
    privateKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name such as OUTREACH_DKIM_KEY")
      .optional()
      .describe("Environment variable holding the PEM private key."),
    privateKeyFile: z
      .string()
      .min(1)
      .optional()
      .describe("Path to the PEM private key, outside the workspace (a key inside it is refused)."),
  })
  .refine((d) => (d.privateKeyEnv === undefined) !== (d.privateKeyFile === undefined), {
    message: "give exactly one of privateKeyEnv and privateKeyFile",
  });

/** DNS for the pre-flight checks (`check sender`, and the target domains in `plan`). */
export const dnsSchema = z.strictObject({
  servers: z
    .array(z.string().regex(/^[0-9A-Fa-f:.[\]]+$/, "must be an IP address, optionally with :port"))
    .min(1)
    .optional()
    .describe("Resolvers to ask (IP or IP:port); default: the system's."),
  checkTargets: z
    .boolean()
    .default(true)
    .describe("`plan` checks every target domain's MX (a domain that accepts no mail blocks the plan)."),
  concurrency: z.number().int().min(1).max(64).default(16).describe("DNS queries in flight at once."),
  timeoutMs: durationMs().positive().default(5000).describe("Per-query timeout."),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  sender: senderSchema.optional().describe("Default sender; a campaign may set its own."),
  smtp: smtpSchema.optional().describe("SMTP server. Without it, `send` writes to the outbox only."),
  imap: imapSchema
    .optional()
    .describe(
      "The mailbox that receives bounces and replies, read by `inbox fetch`. Without it, use `inbox import`.",
    ),
  send: sendLimitsSchema.prefault({}).describe("Pacing and retry limits; a campaign may override them."),
  crawler: crawlerSchema.prefault({}).describe("Crawler politeness settings."),
  dkim: dkimSchema.optional().describe("DKIM signing of every message. Without it, letters go unsigned."),
  dns: dnsSchema
    .optional()
    .describe("DNS pre-flight checks. Without it, `plan` works offline and checks no target domain."),
});

export type Config = z.infer<typeof configSchema>;
export type SmtpConfig = z.infer<typeof smtpSchema>;
export type ImapConfig = z.infer<typeof imapSchema>;
export type SendLimits = z.infer<typeof sendLimitsSchema>;
export type CrawlerConfig = z.infer<typeof crawlerSchema>;
export type DkimConfig = z.infer<typeof dkimSchema>;
export type DnsConfig = z.infer<typeof dnsSchema>;
export type Sender = z.infer<typeof senderSchema>;

/** Pure: validate parsed JSON as config. Returns every problem at once. */
export function validateConfig(
  raw: unknown,
  file = "config.json",
): { ok: true; config: Config } | { ok: false; problems: Problem[] } {
  const result = configSchema.safeParse(raw);
  if (result.success) return { ok: true, config: result.data };
  // Each with its dotted path (`config.json smtp.port: ...`), `(root)` when the file is not an object.
  return {
    ok: false,
    problems: problemsFromZod(result.error.issues, file, { rootField: "(root)", severity: "error" }),
  };
}

export const defaultConfig: Config = configSchema.parse({});
