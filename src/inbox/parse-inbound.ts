/**
 * Parse one raw RFC 5322 message into the small `InboundMessage` shape classification reads. The parser
 * is postal-mime (by mailparser's author, no dependencies): it reads a message in one synchronous pass
 * instead of mailparser's stream pipeline, which made `inbox import` 2.8× cheaper in CPU on the bench
 * mailbox (bench/inbox.bench.ts), and reads malformed MIME the way mailparser does.
 */
import { createHash } from "node:crypto";
import type { Address, Email, default as PostalMimeParser } from "postal-mime";
import { isDeliveryStatusPart, type InboundMessage, type InboundPart } from "./inbound-message.js";

/** Parts read apart from the text: any `…delivery-status` (see `isDeliveryStatusPart`) and these. */
const KEPT_PART_TYPES = new Set([
  "message/feedback-report",
  "message/rfc822",
  "message/global",
  "text/rfc822-headers",
  "message/rfc822-headers",
  "message/global-headers",
]);

// Loaded on first use so that commands which never read mail start faster; the promise is kept, because a
// dynamic import per message (even of a loaded module) cost a third of an import's time.
let postalMime: Promise<{ default: typeof PostalMimeParser }> | undefined;

export async function parseInbound(raw: Buffer, source: string): Promise<InboundMessage> {
  postalMime ??= import("postal-mime");
  const { default: PostalMime } = await postalMime;
  // Returned messages stay whole parts (as a report's third part), not text merged into the body.
  const parsed = await PostalMime.parse(raw, { forceRfc822Attachments: true, attachmentEncoding: "utf8" });
  return toInbound(parsed, raw, source);
}

function toInbound(parsed: Email, raw: Buffer, source: string): InboundMessage {
  const headers = new Map<string, string[]>();
  for (const line of parsed.headerLines) {
    const colon = line.line.indexOf(":");
    const value =
      colon >= 0
        ? line.line
            .slice(colon + 1)
            .replace(/\r?\n[ \t]+/g, " ")
            .trim()
        : "";
    const list = headers.get(line.key) ?? [];
    list.push(value);
    headers.set(line.key, list);
  }
  const from = firstMailbox(parsed.from);
  const messageId = parsed.messageId?.trim() ? normaliseId(parsed.messageId) : undefined;
  const contentType = parseContentType(headers.get("content-type")?.[0]);
  const parts: InboundPart[] = parsed.attachments
    .filter((a) => KEPT_PART_TYPES.has(a.mimeType) || isDeliveryStatusPart(a.mimeType))
    .map((a) => ({
      contentType: a.mimeType,
      content: typeof a.content === "string" ? a.content : new TextDecoder().decode(a.content),
    }));
  const time = parsed.date ? Date.parse(parsed.date) : NaN;
  const date = Number.isNaN(time) ? undefined : new Date(time).toISOString();
  return {
    source,
    ...(messageId ? { messageId } : {}),
    key: messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    ...(from?.address ? { fromAddress: from.address.toLowerCase() } : {}),
    ...(from?.name ? { fromName: from.name } : {}),
    subject: parsed.subject ?? "",
    ...(date ? { date } : {}),
    inReplyTo: idList(parsed.inReplyTo),
    references: idList(parsed.references),
    headers,
    contentType: contentType.value,
    ...(contentType.reportType ? { reportType: contentType.reportType } : {}),
    text: parsed.text ?? "",
    parts,
    raw: raw.toString("latin1"),
  };
}

function firstMailbox(value: Address | undefined): { address?: string; name?: string } | undefined {
  const first = value && "group" in value && value.group ? value.group[0] : value;
  if (!first) return undefined;
  return {
    ...("address" in first && first.address ? { address: first.address } : {}),
    ...(first.name ? { name: first.name } : {}),
  };
}

function idList(value: string | undefined): string[] {
  return [...(value ?? "").matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
}

function normaliseId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
}

/** The top-level type, lower-case, and its `report-type` parameter (RFC 6522); text/plain when absent. */
function parseContentType(header: string | undefined): { value: string; reportType?: string } {
  if (!header) return { value: "text/plain" };
  const value = (header.split(";")[0] ?? "").trim().toLowerCase() || "text/plain";
  const reportType = /;\s*report-type\s*=\s*"?([^";\s]+)"?/i.exec(header)?.[1]?.toLowerCase();
  return reportType ? { value, reportType } : { value };
}
