/**
 * Input files must be regular files. Reading a FIFO blocks until someone writes to it, and `/dev/zero`
 * or `/dev/urandom` never end: an import given one would hang or fill memory. The path is checked with
 * `stat` (which never blocks) before anything opens it, and refused with E_NOT_A_FILE.
 */
import { stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import { InputError } from "./errors.js";

/** What a path is, in words, when it is not a regular file; undefined for a regular file. */
export function describeNonRegular(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  return "not a regular file";
}

/** The error for a path that is not a regular file. */
export function notAFileError(shown: string, what: string): InputError {
  return new InputError("E_NOT_A_FILE", `${shown} is ${what}, not a regular file`, {
    hint: "give the path of a file saved on disk",
  });
}

/**
 * Stat `path` and return its Stats when it is a regular file (symlinks followed); throws E_NOT_A_FILE
 * otherwise. Errors of `stat` itself (ENOENT, EACCES) are rethrown as they are, for the caller to word.
 */
export async function statRegularFile(path: string, shown = path): Promise<Stats> {
  const info = await stat(path);
  const what = describeNonRegular(info);
  if (what !== undefined) throw notAFileError(shown, what);
  return info;
}
