/**
 * One sender per campaign: `campaigns/<id>/.lock` holds the pid, host and start time of the sender.
 * The lock is created atomically (link of a fully written temp file), so a reader never sees half a lock.
 * A lock whose process is gone on this host is stale: it is reported and taken over. A lock from another
 * host cannot be checked and is treated as held.
 */
import { hostname } from "node:os";
import { link, open, readFile, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, basename, join } from "node:path";
import { mkdir } from "node:fs/promises";
import { z } from "zod";
import { SafetyError } from "../core/errors.js";
import { syncFile, toBytes, writeFully } from "../core/file-write.fs.js";

export const lockInfoSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  started: z.string(),
  command: z.string().optional(),
});
export type LockInfo = z.infer<typeof lockInfoSchema>;

export interface CampaignLock {
  readonly path: string;
  readonly info: LockInfo;
  /** The stale lock this one replaced, when there was one (report it to the user). */
  readonly replacedStale: LockInfo | undefined;
  release(): Promise<void>;
}

export interface AcquireLockOptions {
  /** ISO time of the start, from the injected clock. */
  started: string;
  command?: string;
  pid?: number;
  host?: string;
  /** Whether a pid is alive on this host; injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function acquireCampaignLock(path: string, options: AcquireLockOptions): Promise<CampaignLock> {
  const info: LockInfo = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    started: options.started,
    ...(options.command !== undefined ? { command: options.command } : {}),
  };
  const isAlive = options.isAlive ?? isProcessAlive;
  let replacedStale: LockInfo | undefined;
  for (let tries = 0; tries < 3; tries++) {
    if (await createLockFile(path, info)) {
      return { path, info, replacedStale, release: () => releaseLock(path, info) };
    }
    const holder = await readLockInfo(path);
    if (holder === "missing") continue;
    if (holder !== "unreadable" && (holder.host !== info.host || isAlive(holder.pid))) {
      throw new SafetyError(
        "E_LOCK_HELD",
        `another sender holds this campaign: pid ${holder.pid} on ${holder.host}, since ${holder.started}`,
        {
          hint: `wait for it to finish; if you are sure it is gone (e.g. another machine crashed), delete ${path}`,
        },
      );
    }
    // Stale (its process is gone) or unreadable (cannot happen with atomic creation, but never block on it).
    replacedStale = holder === "unreadable" ? { pid: 0, host: "unknown", started: "unknown" } : holder;
    await rm(path, { force: true });
  }
  throw new SafetyError("E_LOCK_HELD", `could not take the lock ${path}: it keeps being re-created`);
}

async function createLockFile(path: string, info: LockInfo): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tmp, "w");
  try {
    // Every byte or an error: a short lock file would read as "unreadable" to the next run.
    await writeFully(handle, toBytes(JSON.stringify(info) + "\n"), 0, path);
    await syncFile(handle, path);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

export async function readLockInfo(path: string): Promise<LockInfo | "missing" | "unreadable"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw e;
  }
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : "unreadable";
  } catch {
    return "unreadable";
  }
}

async function releaseLock(path: string, info: LockInfo): Promise<void> {
  // Only remove our own lock: a lock taken over by someone else after we were presumed dead stays.
  const holder = await readLockInfo(path);
  if (
    holder !== "missing" &&
    holder !== "unreadable" &&
    holder.pid === info.pid &&
    holder.host === info.host &&
    holder.started === info.started
  ) {
    await rm(path, { force: true });
  }
}
