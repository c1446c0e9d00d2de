/** Which SMTP targets may be used without TLS: loopback hosts only. Pure. */
import type { SmtpConfig } from "../config/config-schema.js";
import { SafetyError } from "../core/errors.js";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

/** True for localhost, 127.x.x.x and ::1. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Throws E_SMTP_INSECURE when `security: "none"` is configured for a host that is not loopback. */
export function assertSecureTarget(smtp: SmtpConfig): void {
  if (smtp.security === "none" && !isLoopbackHost(smtp.host)) {
    throw new SafetyError(
      "E_SMTP_INSECURE",
      `smtp.security "none" is only allowed for a loopback host, not ${smtp.host}`,
      {
        hint: 'use "starttls" (port 587) or "tls" (port 465)',
      },
    );
  }
}
