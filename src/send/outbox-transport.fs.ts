/**
 * The outbox transport: each message becomes `campaigns/<id>/outbox/sent/<contact>.eml`, written
 * atomically. The default when no SMTP server is configured, so a whole send can be rehearsed offline
 * with the same ledger rules as a real one.
 */
import { join } from "node:path";
import { Readable } from "node:stream";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import type { ComposeMessage, DeliveryResult, Transport } from "./transport.js";

export function createOutboxTransport(outboxDir: string, compose: ComposeMessage): Transport {
  const dir = join(outboxDir, "sent");
  return {
    name: "outbox",
    description: `outbox folder ${dir}`,
    paced: false,
    verify: () => Promise.resolve(),
    async deliver(message: OutgoingMessage): Promise<DeliveryResult> {
      const file = `${fileNameFor(message.contactId)}.eml`;
      const bytes = await compose(message);
      await writeFileAtomic(
        join(dir, file),
        bytes instanceof Readable ? bytes : typeof bytes === "string" ? bytes : Buffer.from(bytes),
      );
      return { status: "sent", response: `250 written to outbox/sent/${file}` };
    },
    close: () => Promise.resolve(),
  };
}

/** Contact ids are already file-safe in practice; this keeps a hostile id from escaping the folder. */
export function fileNameFor(contactId: string): string {
  return (
    contactId
      .replace(/[^A-Za-z0-9._@+-]/g, "_")
      .replace(/^\.+/, "_")
      .slice(0, 200) || "_"
  );
}
