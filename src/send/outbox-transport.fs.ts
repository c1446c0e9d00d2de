/**
 * The outbox transport, for rehearsals: each message becomes `campaigns/<id>/outbox/rehearsal/<contact>.eml`,
 * written atomically, exactly as it would go to the server. `send` uses it unless `--transport smtp` is
 * given, and records its runs in the rehearsal log, never in the campaign's ledger: a rehearsal is
 * never delivery.
 */
import { join } from "node:path";
import { Readable } from "node:stream";
import { writeFileAtomic } from "../core/atomic-write.fs.js";
import type { OutgoingMessage } from "../render/outgoing-message.js";
import type { ComposeMessage, DeliveryResult, PrepareMessage, Transport } from "./transport.js";

export const REHEARSAL_FOLDER = "rehearsal";

export function createOutboxTransport(
  outboxDir: string,
  compose: ComposeMessage,
  prepare?: PrepareMessage,
): Transport {
  const dir = join(outboxDir, REHEARSAL_FOLDER);
  return {
    name: "outbox",
    description: `the outbox folder ${dir} (a rehearsal: nothing is delivered)`,
    paced: false,
    verify: () => Promise.resolve(),
    ...(prepare ? { prepare } : {}),
    async deliver(message: OutgoingMessage): Promise<DeliveryResult> {
      const file = `${fileNameFor(message.contactId)}.eml`;
      const bytes = await compose(message);
      await writeFileAtomic(
        join(dir, file),
        bytes instanceof Readable || typeof bytes === "string" || Buffer.isBuffer(bytes)
          ? bytes
          : Buffer.from(bytes),
      );
      return { status: "sent", response: `rehearsal: written to outbox/${REHEARSAL_FOLDER}/${file}` };
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
