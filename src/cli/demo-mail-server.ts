/**
 * The demo's mail server: smtp-server on 127.0.0.1 with a free port, accepting every message and
 * keeping nothing but a count, so `outreach demo` can show a real SMTP send (pre-flight, pacing, ledger)
 * without any message leaving the machine.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface DemoMailServer {
  port: number;
  /** Messages accepted so far. */
  messages: number;
  /** The recipient addresses they were for (To and Cc). */
  recipients: Set<string>;
  close(): Promise<void>;
}

export async function startDemoMailServer(): Promise<DemoMailServer> {
  const recipients = new Set<string>();
  let messages = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    banner: "outreach demo server (loopback only; nothing is delivered)",
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        messages += 1;
        for (const r of session.envelope.rcptTo) recipients.add(r.address);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    get messages() {
      return messages;
    },
    recipients,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
