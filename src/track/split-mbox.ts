/**
 * Splitting an mbox file into messages. A message starts at a `From ` line at the start of the file or
 * after an empty line (so an unescaped "From " inside a paragraph does not split a message); `>From `
 * lines are unescaped by one `>` (mboxrd), which also reads mboxo files correctly.
 */

/** Split mbox bytes into raw messages (the From_ line removed). Works on bytes: bodies may be any charset. */
export function splitMbox(data: Buffer): Buffer[] {
  // latin1 maps every byte to one char and back, so the split is byte-exact.
  const text = data.toString("latin1");
  const lines = text.split("\n");
  const messages: string[][] = [];
  let current: string[] | undefined;
  let previousBlank = true;
  for (const line of lines) {
    if (previousBlank && line.startsWith("From ")) {
      if (current) messages.push(current);
      current = [];
      previousBlank = false;
      continue;
    }
    previousBlank = line === "" || line === "\r";
    if (!current) continue;
    current.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  if (current) messages.push(current);
  return messages
    .map((m) => {
      // The empty line before the next From_ line belongs to the mbox format, not to the message.
      while (m.length > 0 && (m[m.length - 1] === "" || m[m.length - 1] === "\r")) m.pop();
      return Buffer.from(m.join("\n") + "\n", "latin1");
    })
    .filter((b) => b.length > 1);
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
