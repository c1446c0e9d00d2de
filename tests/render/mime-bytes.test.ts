/**
 * The one-pass writer (src/render/mime-bytes.ts) against its oracle, nodemailer's own stream of the same
 * MIME tree: byte for byte, over letters in every script the campaigns use, long and short lines,
 * whitespace at line ends, line endings of each kind, attachments given as bytes, and the cases it leaves
 * to the stream.
 */
import { describe, expect, it } from "vitest";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer";
import { composeEml, composeMessage, mailOptionsFor } from "../../src/render/compose-eml.js";
import { mimeBytes } from "../../src/render/mime-bytes.js";
import type { OutgoingMail } from "../../src/render/outgoing-message.js";
import { PassThrough, Readable } from "node:stream";
import { buffer } from "node:stream/consumers";

const DATE = new Date(Date.UTC(2026, 11, 7, 9, 30));

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    from: { name: "Civil Society Coalition", address: "letters@coalition.example" },
    to: { name: "Dr. Ada Example", address: "ada@ministry.fr.example" },
    subject: "Open letter on the ITRs",
    html: "<p>Dear Dr. Example,</p><p>We write to you.</p>",
    text: "Dear Dr. Example,\n\nWe write to you.\n",
    messageId: "<wcit-2012.c-1.t-2@outreach.coalition.example>",
    headers: { "X-Outreach-Campaign": "wcit-2012", "X-Outreach-Contact": "fr-1", "Content-Language": "fr" },
    ...overrides,
  };
}

/** Both writers over trees compiled from the same options and boundary. */
async function both(options: Mail.Options): Promise<{ ours: Buffer | undefined; stream: Buffer }> {
  const tree = (o: Mail.Options) => new MailComposer({ ...o, baseBoundary: "oracle" }).compile();
  return { ours: mimeBytes(tree(options)), stream: await tree(options).build() };
}

/** A deterministic generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABETS = [
  "abcdefghij klmnop qrstuv wxyz,.!?",
  "àéîõü ßçñ œæ «» – —",
  "Здравствуйте уважаемый министр ",
  "المرسل إليه وزارة الاتصالات ",
  "尊敬的部长 国际电信联盟 ",
  "เรียน ท่านรัฐมนตรี ",
  "🙂 ✉️ ",
  "\t  ",
];
const BREAKS = ["\n", "\r\n", "\r", "\n\n", " \n", "\t\r\n"];

function text(next: () => number): string {
  const alphabet = ALPHABETS.filter(() => next() < 0.4).join("") || (ALPHABETS[0] as string);
  const chars = Array.from(alphabet);
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 12);
  for (let l = 0; l < count; l++) {
    const width = Math.floor(next() * (next() < 0.3 ? 300 : 80));
    let line = "";
    for (let c = 0; c < width; c++) line += chars[Math.floor(next() * chars.length)];
    lines.push(line + (BREAKS[Math.floor(next() * BREAKS.length)] as string));
  }
  // Blanks at the very end: the stream holds them back until it knows nothing follows.
  const tail = next() < 0.3 ? [" ", "\t", "  \t ", " \r\n "][Math.floor(next() * 4)] : "";
  return lines.join("") + tail;
}

describe("mimeBytes", () => {
  it("writes what nodemailer's stream writes, for 300 generated letters", async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const body = text(next);
      const m = mail({
        subject: text(next)
          .replace(/[\r\n]+/g, " ")
          .slice(0, 120),
        to: {
          name: text(next)
            .replace(/[\r\n]+/g, " ")
            .slice(0, 40),
          address: "ada@ministry.fr.example",
        },
        text: body,
        html: `<p>${text(next)}</p>`,
        ...(next() < 0.5 ? { cc: [{ name: "Partner Group", address: "partners@group.example" }] } : {}),
        ...(next() < 0.5 ? { replyTo: { name: "Sign-on desk", address: "signon@coalition.example" } } : {}),
      });
      const { ours, stream } = await both(mailOptionsFor(m, DATE));
      expect(ours?.equals(stream), `seed ${seed}`).toBe(true);
    }
  });

  it("writes attachments given as bytes as the stream does, and reuses one encoding of each", async () => {
    const pdf = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    const notes = Buffer.from("Notes for the delegation\r\nline two\r\n", "utf8");
    const m = mail({
      attachments: [
        { filename: "letter-fr.pdf", path: "/campaign/letter-fr.pdf", contentType: "application/pdf" },
        { filename: "notes délégation.txt", path: "/campaign/notes.txt" },
      ],
    });
    const contents = new Map([
      ["/campaign/letter-fr.pdf", pdf],
      ["/campaign/notes.txt", notes],
    ]);
    for (let round = 0; round < 2; round++) {
      const { ours, stream } = await both(mailOptionsFor(m, DATE, contents));
      expect(ours?.equals(stream)).toBe(true);
      expect(stream.toString("latin1")).toContain("filename*0*=utf-8''notes%20d%C3%A9l%C3%A9gation.txt");
    }
  });

  it("writes texts over 64 KiB as the stream does, which encodes them slice by slice", async () => {
    // Long letters (a sign-on list of thousands), with blanks and multi-byte characters placed across
    // the 64 KiB slice boundaries and long unbroken lines, each in quoted-printable and in base64.
    const fillers = ["Très long, ", "a ", "x", "\t", " ", "é", "\r\n", "尊敬"];
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed * 7919);
      let body = "";
      while (body.length < 70_000 + next() * 200_000) {
        const filler = fillers[Math.floor(next() * fillers.length)] as string;
        body += filler.repeat(1 + Math.floor(next() * 90));
      }
      const chinese = seed % 4 === 0;
      const m = mail({ text: chinese ? "尊敬的部长".repeat(20_000) + body : body, html: `<p>${body}</p>` });
      const { ours, stream } = await both(mailOptionsFor(m, DATE));
      expect(ours?.equals(stream), `seed ${seed}`).toBe(true);
    }
  });

  it("leaves to the stream what it does not write the same way, and composeMessage then streams it", async () => {
    // Line ends the stream would convert, and a transform it would apply.
    expect(
      mimeBytes(new MailComposer({ ...mailOptionsFor(mail(), DATE), newline: "unix" }).compile()),
    ).toBeUndefined();
    const transformed = new MailComposer(mailOptionsFor(mail(), DATE)).compile();
    transformed.transform(() => new PassThrough());
    expect(mimeBytes(transformed)).toBeUndefined();
    // An attachment given by path, not bytes.
    const byPath = mail({ attachments: [{ filename: "a.txt", path: import.meta.filename }] });
    expect((await both(mailOptionsFor(byPath, DATE))).ours).toBeUndefined();
    const composed = composeMessage(byPath, DATE);
    expect(composed).toBeInstanceOf(Readable);
    expect((await buffer(composed as Readable)).toString()).toContain("filename=a.txt");
  });

  it("gives composeMessage's bytes what the preview's composer writes, but for the random boundary", async () => {
    const m = mail({ text: "Estimado/a Dr. Example:\n\nEn aras de promover la apertura de Internet.\n" });
    const bytes = composeMessage(m, DATE);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    const text = (bytes as Buffer).toString("utf8");
    expect(text).toMatch(/^X-Outreach-Campaign: wcit-2012\r\n/);
    expect(text).toContain("Date: Mon, 07 Dec 2026 09:30:00 +0000\r\n");
    expect(text).toContain("Content-Type: multipart/alternative;");
    const boundary = /--_NmP-[0-9a-f]+-Part_/g;
    const preview = (await composeEml(m, DATE)).toString("utf8");
    expect(text.replace(boundary, "B")).toBe(preview.replace(boundary, "B"));
    expect(text.match(boundary)).toHaveLength(4);
  });
});
