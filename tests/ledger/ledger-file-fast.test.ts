import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ledgerEventSchema, type LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { isLedgerEventShape, parseLedgerLine } from "../../src/ledger/ledger-event-shape.js";
import { readLedger, streamLedger, streamLedgerBatches } from "../../src/ledger/ledger-file.fs.js";
import { makeTempDir } from "../helpers/cli.js";

const base = { at: "2026-11-01T10:00:00.000Z", campaign: "c1", contact: "xx-0001" };
const message = {
  messageId: "<c1.xx-0001@outreach.example>",
  language: "en",
  revision: "r1",
  attempt: 1,
  email: "ana@ministry.example",
};

/** One sample per event type with every optional field present, and one with none. */
const VALID: Record<string, unknown>[] = [
  { ...base, type: "attempt", ...message, transport: "smtp" },
  { ...base, type: "sent", ...message, response: "250 2.0.0 Ok" },
  { ...base, type: "deferred", ...message, response: "451 4.7.1 later", retryAt: "2026-11-01T11:00:00Z" },
  { ...base, type: "deferred", ...message, response: "451 4.7.1 later" },
  { ...base, type: "failed", ...message, response: "550 5.1.1 unknown" },
  { ...base, type: "skipped", reason: "bounced", language: "fr" },
  { ...base, type: "skipped", reason: "bounced" },
  {
    ...base,
    type: "bounced",
    kind: "hard",
    status: "5.1.1",
    diagnostic: "User unknown",
    sourceMessageId: "<b1@mx.example>",
  },
  { ...base, type: "bounced", kind: "soft", sourceMessageId: "<b2@mx.example>" },
  {
    ...base,
    type: "bounced",
    kind: "hard",
    status: "5.7.1",
    diagnostic: "Message rejected as spam",
    reason: "rejected-content",
    permanent: false,
    recipient: "ana@ministry.example",
    sourceMessageId: "<b3@mx.example>",
    verified: true,
  },
  {
    ...base,
    type: "auto-replied",
    from: "ana@ministry.example",
    subject: "Absent",
    sourceMessageId: "<a@mx.example>",
  },
  { ...base, type: "auto-replied", sourceMessageId: "<a2@mx.example>" },
  {
    ...base,
    type: "replied",
    from: "ana@ministry.example",
    subject: "Re: letter",
    date: "2026-11-02",
    sourceMessageId: "<r@mx.example>",
  },
  { ...base, type: "replied", sourceMessageId: "<r2@mx.example>" },
  {
    ...base,
    type: "complaint",
    source: "feedback-report",
    feedbackType: "abuse",
    from: "fbl@isp.example",
    subject: "complaint about message from you",
    sourceMessageId: "<c@mx.example>",
    verified: false,
  },
  { ...base, type: "complaint", source: "unsubscribe", sourceMessageId: "<c2@mx.example>" },
  { ...base, type: "marked", outcome: "meeting-held", note: "met", by: "cli", date: "2026-11-03" },
  { ...base, type: "marked", outcome: "do-not-contact" },
  { ...base, type: "marked", outcome: "do-not-contact", previousStatus: "bounced" },
  { ...base, type: "marked", outcome: "sent", attempt: 2, date: "2026-11-01T09:59:00.000Z", by: "cli" },
  { ...base, type: "marked", outcome: "not-sent", attempt: 1 },
  {
    ...base,
    type: "unmarked",
    markedAt: "2026-11-01T09:00:00.000Z",
    outcome: "sent",
    note: "wrong contact id",
    by: "cli",
  },
  { ...base, type: "unmarked", markedAt: "2026-11-01T09:00:00.000Z", outcome: "do-not-contact" },
];

const WRONG_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  2 ** 60,
  "",
  "x",
  "hard",
  "replied",
  true,
  [],
  {},
];

/** Every valid sample with each field removed, each field replaced by each wrong value, and an extra key. */
function mutations(): unknown[] {
  const out: unknown[] = [null, 1, "x", [], [VALID[0]], {}];
  for (const sample of VALID) {
    for (const key of Object.keys(sample)) {
      const { [key]: _dropped, ...rest } = sample;
      out.push(rest);
      for (const v of WRONG_VALUES) out.push({ ...sample, [key]: v });
    }
    out.push({ ...sample, extra: "zod strips me" });
    out.push(JSON.parse(JSON.stringify(sample).replace(/^\{/, '{"__proto__":{"x":1},')));
    for (const optional of [
      "note",
      "by",
      "date",
      "from",
      "subject",
      "status",
      "diagnostic",
      "retryAt",
      "language",
      "markedAt",
      "previousStatus",
      "reason",
      "recipient",
      "feedbackType",
      "source",
    ])
      out.push({ ...sample, [optional]: "added" });
    for (const [optional, value] of [
      ["attempt", 3],
      ["previousStatus", "active"],
      ["previousStatus", "do-not-contact"],
      ["outcome", "not-sent"],
      ["reason", "mailbox-full"],
      ["permanent", true],
      ["source", "provider"],
    ] as const)
      out.push({ ...sample, [optional]: value });
  }
  return out;
}

describe("the fast ledger event check", () => {
  it("accepts every valid event of every type, so the fast path covers them all", () => {
    for (const sample of VALID) {
      expect(ledgerEventSchema.safeParse(sample).success).toBe(true);
      expect(isLedgerEventShape(sample)).toBe(true);
    }
    const types = new Set(ledgerEventSchema.options.map((o) => o.shape.type.value));
    expect(new Set(VALID.map((s) => s.type))).toEqual(types);
  });

  it("never accepts what the zod schema rejects, and accepts only objects zod returns unchanged", () => {
    const samples = mutations();
    expect(samples.length).toBeGreaterThan(1000);
    let rejectedByZod = 0;
    for (const raw of samples) {
      const parsed = ledgerEventSchema.safeParse(raw);
      if (!parsed.success) rejectedByZod += 1;
      if (isLedgerEventShape(raw)) {
        expect(parsed.success, JSON.stringify(raw)).toBe(true);
        expect(parsed.data).toEqual(raw);
      }
    }
    expect(rejectedByZod).toBeGreaterThan(500);
  });

  it("parses a line exactly as JSON.parse + the zod schema would", () => {
    const lines = [...VALID, ...mutations()]
      .filter((x) => x !== undefined)
      .map((x) => JSON.stringify(x))
      .concat(["", "{", "not json", '{"type":"sent"'])
      .filter((l): l is string => typeof l === "string");
    for (const line of lines) {
      let expected: LedgerEvent | undefined;
      try {
        const parsed = ledgerEventSchema.safeParse(JSON.parse(line));
        expected = parsed.success ? parsed.data : undefined;
      } catch {
        expected = undefined;
      }
      expect(parseLedgerLine(line), line).toEqual(expected);
    }
  });
});

describe("reading a ledger in chunks", () => {
  const valid = (contact: string): string =>
    JSON.stringify({ ...base, contact, type: "skipped", reason: "too recent" });

  it("reads events across chunk boundaries, CRLF and blank lines, numbering lines like readline", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "ledger.jsonl");
    // Long multi-byte text so lines straddle the 1 MiB read chunks, including inside a UTF-8 sequence.
    const note = "Ø".repeat(700) + "中文";
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++)
      lines.push(JSON.stringify({ ...base, contact: `k${i}`, type: "marked", outcome: "replied", note }));
    lines.splice(5, 0, "");
    lines.splice(10, 0, "garbage");
    await writeFile(path, lines.join("\r\n") + "\r\n");
    const { events, problems } = await readLedger(path);
    expect(events).toHaveLength(2000);
    expect(events[1999]).toMatchObject({ contact: "k1999", note });
    expect(problems).toEqual([expect.objectContaining({ line: 11, severity: "error" })]);

    const streamed: string[] = [];
    for await (const e of streamLedger(path)) streamed.push(e.contact);
    expect(streamed).toEqual(events.map((e) => e.contact));
    let batches = 0;
    for await (const batch of streamLedgerBatches(path)) batches += batch.length > 0 ? 1 : 0;
    expect(batches).toBeGreaterThan(1);
  });

  it("keeps the torn-last-line warning and the line numbers of bad lines", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "ledger.jsonl");
    await writeFile(path, [valid("a"), "{bad", valid("b"), '{"type":"sent","at":"2026'].join("\n"));
    const { events, problems } = await readLedger(path);
    expect(events.map((e) => e.contact)).toEqual(["a", "b"]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [2, "error"],
      [4, "warning"],
    ]);
  });

  it("treats a bad last line followed only by a blank line as corruption, like before", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "ledger.jsonl");
    await writeFile(path, valid("a") + "\n{bad\n\n");
    const { problems } = await readLedger(path);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[2, "error"]]);
  });

  it("reads a missing ledger as empty", async () => {
    const dir = await makeTempDir();
    expect(await readLedger(join(dir, "none.jsonl"))).toEqual({ events: [], problems: [] });
  });
});
