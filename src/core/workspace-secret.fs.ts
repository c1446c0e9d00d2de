/**
 * The workspace key: 32 random bytes, hex, in `.outreach/secret` (git-ignored, mode 0600). It tags our
 * Message-IDs (src/campaign/message-id.ts) so inbox import can tell a bounce or reply about a message we
 * sent from a forged one. `outreach init` creates it; `send` creates it in an older workspace that has
 * none. Losing it is not fatal: ids already in a ledger still match; only new tags change.
 * Effects: reads, and creates once, that one file.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { InputError, OperationError } from "./errors.js";

const SECRET_TEXT = /^[0-9a-f]{32,}$/i;

/** The key, or undefined when the workspace has none yet. A malformed file is an error, never ignored. */
export async function readWorkspaceSecret(path: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(path, "latin1");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InputError("E_SECRET_READ", `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  const hex = text.trim();
  if (!SECRET_TEXT.test(hex) || hex.length % 2 !== 0)
    throw new InputError("E_SECRET_INVALID", `${path} is not a workspace key (hex, at least 16 bytes)`, {
      hint: `restore it from a backup; or delete it and a new one is made (replies to messages sent before are then matched through the ledger only)`,
    });
  return Buffer.from(hex, "hex");
}

/**
 * The key, created first when missing (`created: true`, so the caller can say so). Written to a temp
 * file, fsynced, then hard-linked into place: two processes racing both end up with the one that won,
 * and a crash never leaves a half-written key behind.
 */
export async function ensureWorkspaceSecret(
  path: string,
  random: (bytes: number) => Buffer = randomBytes,
): Promise<{ key: Buffer; created: boolean }> {
  const existing = await readWorkspaceSecret(path);
  if (existing) return { key: existing, created: false };
  const key = random(32);
  const tmp = `${path}.${process.pid}.${random(4).toString("hex")}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const handle = await open(tmp, "wx", 0o600);
    try {
      await handle.writeFile(`${key.toString("hex")}\n`, "latin1");
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const theirs = await readWorkspaceSecret(path);
      if (theirs) return { key: theirs, created: false };
      throw e;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new OperationError("E_SECRET_WRITE", `cannot create ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  } finally {
    await rm(tmp, { force: true });
  }
  return { key, created: true };
}
