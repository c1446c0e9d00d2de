/**
 * Splitting an mbox file into messages. A message starts at a `From ` line at the start of the file or
 * after an empty line (so an unescaped "From " inside a paragraph does not split a message); `>From `
 * lines are unescaped by one `>` (mboxrd), which also reads mboxo files correctly.
 */

/**
 * A line-at-a-time mbox splitter, so a mailbox of any size is read in bounded memory. Lines are latin1
 * strings (one char per byte) without their `\n`, so the split is byte-exact whatever the charsets.
 */
export class MboxSplitter {
  private current: string[] | undefined;
  private previousBlank = true;

  /** Feed one line; returns a finished message when this line starts the next one. */
  push(line: string): Buffer | undefined {
    if (this.previousBlank && line.startsWith("From ")) {
      const done = this.finish();
      this.current = [];
      this.previousBlank = false;
      return done;
    }
    this.previousBlank = line === "" || line === "\r";
    this.current?.push(/^>+From /.test(line) ? line.slice(1) : line);
    return undefined;
  }

  /** The last message, at the end of the input. */
  end(): Buffer | undefined {
    return this.finish();
  }

  private finish(): Buffer | undefined {
    const m = this.current;
    this.current = undefined;
    if (!m) return undefined;
    // The empty line before the next From_ line belongs to the mbox format, not to the message.
    while (m.length > 0 && (m[m.length - 1] === "" || m[m.length - 1] === "\r")) m.pop();
    return m.length > 0 ? Buffer.from(m.join("\n") + "\n", "latin1") : undefined;
  }
}

/** Split mbox bytes into raw messages (the From_ line removed). */
export function splitMbox(data: Buffer): Buffer[] {
  const splitter = new MboxSplitter();
  const messages: Buffer[] = [];
  for (const line of data.toString("latin1").split("\n")) {
    const done = splitter.push(line);
    if (done) messages.push(done);
  }
  const last = splitter.end();
  if (last) messages.push(last);
  return messages;
}

/** True when the bytes look like an mbox (start with a From_ line). */
export function isMbox(head: Buffer): boolean {
  return head.subarray(0, 5).toString("latin1") === "From ";
}

/** Build mbox bytes from raw messages (mboxrd escaping), for the bundled sample mailbox and tests. */
export function joinMbox(messages: readonly { raw: Buffer | string; from?: string; date?: Date }[]): Buffer {
  const chunks = messages.map((m) => {
    const raw = typeof m.raw === "string" ? m.raw : m.raw.toString("latin1");
    const body = raw
      .replace(/\r\n/g, "\n")
      .split("\n")
      .map((l) => (/^>*From /.test(l) ? `>${l}` : l))
      .join("\n")
      .replace(/\n*$/, "\n");
    const date = (m.date ?? new Date(0))
      .toUTCString()
      .replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, "$1 $3 $2 $5 $4");
    return `From ${m.from ?? "MAILER-DAEMON"} ${date}\n${body}\n`;
  });
  return Buffer.from(chunks.join(""), "latin1");
}
