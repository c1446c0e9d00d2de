/**
 * Whether a file named in campaign.json really lies inside the campaign folder once symlinks are
 * followed. The schema already refuses absolute paths and `..`; this catches `letter.pdf -> /etc/passwd`
 * or a symlinked subfolder pointing elsewhere. Effects: reads the file system (realpath) only.
 */
import { realpath } from "node:fs/promises";
import { sep } from "node:path";

/**
 * A message when `path` resolves (through symlinks) outside `folder`; undefined when it stays inside,
 * or when it does not exist (the caller reports a missing file in its own words).
 */
export async function escapesFolder(folder: string, path: string): Promise<string | undefined> {
  let realFolder: string;
  let realPath: string;
  try {
    [realFolder, realPath] = await Promise.all([realpath(folder), realpath(path)]);
  } catch {
    return undefined;
  }
  const inside =
    realPath === realFolder || realPath.startsWith(realFolder.endsWith(sep) ? realFolder : realFolder + sep);
  return inside
    ? undefined
    : `is a link to ${realPath}, outside the campaign folder; copy the file into the folder instead`;
}
