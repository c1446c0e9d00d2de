/** Parse one raw RFC 5322 message (mailparser) into the small `InboundMessage` shape classification reads. */
import { createHash } from "node:crypto";
import type { AddressObject, HeaderValue, ParsedMail } from "mailparser";
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

export async function parseInbound(raw: Buffer, source: string): Promise<InboundMessage> {
  // Loaded on first use so that commands which never read mail start faster.
  const { simpleParser } = await import("mailparser");
  const parsed = await simpleParser(raw, {
    keepDeliveryStatus: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  return toInbound(parsed, raw, source);
}

function toInbound(parsed: ParsedMail, raw: Buffer, source: string): InboundMessage {
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
  const from = firstAddress(parsed.from);
  const messageId = parsed.messageId ? normaliseId(parsed.messageId) : undefined;
  const contentType = headerParam(parsed.headers.get("content-type"));
  const parts: InboundPart[] = parsed.attachments
    .filter((a) => {
      const type = a.contentType.toLowerCase();
      return KEPT_PART_TYPES.has(type) || isDeliveryStatusPart(type);
    })
    .map((a) => ({ contentType: a.contentType.toLowerCase(), content: a.content.toString("utf8") }));
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined;
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
    ...(contentType.params["report-type"]
      ? { reportType: contentType.params["report-type"].toLowerCase() }
      : {}),
    text: parsed.text ?? "",
    parts,
    raw: raw.toString("latin1"),
  };
}

function firstAddress(
  value: AddressObject | AddressObject[] | undefined,
): { address?: string; name?: string } | undefined {
  const object = Array.isArray(value) ? value[0] : value;
  const first = object?.value[0];
  if (!first) return undefined;
  return {
    ...(first.address ? { address: first.address } : {}),
    ...(first.name ? { name: first.name } : {}),
  };
}

function idList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(" ") : (value ?? "");
  return [...joined.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
}

function normaliseId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
}

function headerParam(value: HeaderValue | undefined): { value: string; params: Record<string, string> } {
  if (
    value &&
    typeof value === "object" &&
    "value" in value &&
    typeof value.value === "string" &&
    "params" in value
  ) {
    return { value: value.value.toLowerCase(), params: value.params as Record<string, string> };
  }
  if (typeof value === "string") return { value: value.toLowerCase(), params: {} };
  return { value: "text/plain", params: {} };
}
