/**
 * The send limits integration tests use (fast enough that a run over the example takes well under a
 * second, with real retries) and one way to write a loopback `config.json` for a real SMTP send.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

export const FAST_LIMITS = {
  perMinute: 60_000,
  perHour: 1_000_000,
  perDay: 10_000_000,
  perDomainPerHour: 1_000_000,
  burst: 100,
  concurrency: 1,
  maxAttempts: 2,
  backoffBaseMs: 10,
  backoffMaxMs: 50,
};

/** The real-send command line the integration tests type. */
export const REAL_SEND = (campaign: string) => [
  "send",
  campaign,
  "--transport",
  "smtp",
  "--yes",
  "--allow-unreviewed",
];

/** `config.json` for an SMTP server on 127.0.0.1:`port` without TLS, with FAST_LIMITS plus overrides. */
export async function writeLoopbackConfig(
  workspace: string,
  port: number,
  smtp: object = {},
  send: object = {},
): Promise<void> {
  await writeFile(
    join(workspace, "config.json"),
    JSON.stringify({
      smtp: { host: "127.0.0.1", port, security: "none", ...smtp },
      send: { ...FAST_LIMITS, ...send },
    }),
  );
}
