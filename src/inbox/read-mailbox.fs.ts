/**
 * Reading mailboxes from disk: an mbox file, a maildir (its `cur/` and `new/` folders), a folder of
 * `.eml` files, or single `.eml` files. Yields raw messages one at a time with a source label.
 * Only directories and regular files are opened: a FIFO or a device (/dev/zero) is E_NOT_A_FILE at once,
 * never a read that blocks or never ends. An empty file (0 bytes) holds 0 messages.
 */
import { createReadStream } from "node:fs";
import { open, readFile, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError } from "../core/errors.js";
import { describeNonRegular, notAFileError } from "../core/regular-file.fs.js";
import { isMbox, MboxSplitter } from "./split-mbox.js";

export interface RawMessage {
  source: string;
  raw: Buffer;
}

export async function* readMailboxes(paths: readonly string[]): AsyncGenerator<RawMessage> {
  for (const path of paths) yield* readMailbox(path);
}

export async function* readMailbox(path: string): AsyncGenerator<RawMessage> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new InputError("E_MAILBOX_NOT_FOUND", `mailbox not found: ${path}`, { cause: e });
  }
  if (info.isDirectory()) {
    yield* readMaildir(path);
    return;
  }
  const what = describeNonRegular(info);
  if (what !== undefined) throw notAFileError(path, what);
  // An empty mbox (a mail client's freshly emptied folder) is a mailbox with no messages, not one
  // message without headers.
  if (info.size === 0) return;
  if (await startsLikeMbox(path)) {
    let n = 0;
    for await (const raw of streamMbox(path)) yield { source: `${basename(path)}#${++n}`, raw };
    return;
  }
  yield { source: basename(path), raw: await readFile(path) };
}

async function* readMaildir(dir: string): AsyncGenerator<RawMessage> {
  const entries = await readdir(dir, { withFileTypes: true });
  const subdirs = entries
    .filter((e) => e.isDirectory() && (e.name === "cur" || e.name === "new"))
    .map((e) => e.name);
  if (subdirs.length > 0) {
    for (const sub of subdirs.sort()) {
      const files = (await readdir(join(dir, sub), { withFileTypes: true })).filter(
        (e) => e.isFile() && !e.name.startsWith("."),
      );
      for (const f of files.map((e) => e.name).sort()) {
        yield { source: `${basename(dir)}/${sub}/${f}`, raw: await readFile(join(dir, sub, f)) };
      }
    }
    return;
  }
  const emls = entries.filter((e) => e.isFile() && /\.(eml|msg|mbox)$/i.test(e.name)).map((e) => e.name);
  if (emls.length === 0)
    throw new InputError(
      "E_MAILBOX_EMPTY",
      `${dir} is neither a maildir (cur/, new/) nor a folder of .eml files`,
    );
  for (const f of emls.sort()) yield* readMailbox(join(dir, f));
}

/** Read an mbox a chunk at a time (latin1: one char per byte, so the bytes come back exactly). */
async function* streamMbox(path: string): AsyncGenerator<Buffer> {
  const splitter = new MboxSplitter();
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "latin1", highWaterMark: 1 << 20 })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      const done = splitter.push(line);
      if (done) yield done;
    }
  }
  const tail = rest === "" ? undefined : splitter.push(rest);
  if (tail) yield tail;
  const last = splitter.end();
  if (last) yield last;
}

async function startsLikeMbox(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return isMbox(head);
  } finally {
    await handle.close();
  }
}
