/**
 * Directory status changes tracking makes: a hard bounce sets `bounced`, a mark sets `do-not-contact`, and
 * undoing that mark puts back the status it replaced. Effects: rewrites the directory atomically.
 */
import type { ContactStatus } from "./contact-schema.js";
import { readDirectory, writeDirectory } from "./directory-store.fs.js";
import type { Problem } from "../core/errors.js";

export interface DirectoryStatusChange {
  changed: string[];
  /** Contact id → its status before this change, for each changed contact. */
  previous: Map<string, ContactStatus>;
  problems: Problem[];
}

/**
 * Set a directory status (`bounced`, `do-not-contact`) on some contacts; rewrites the directory only if
 * something changed. A directory with invalid rows is not rewritten (the reader leaves bad rows out, so
 * writing back would lose them): the change is reported as a warning instead.
 */
export async function setDirectoryStatus(
  directoryPath: string,
  contactIds: readonly string[],
  status: "bounced" | "do-not-contact",
): Promise<DirectoryStatusChange> {
  if (contactIds.length === 0) return { changed: [], previous: new Map(), problems: [] };
  const wanted = new Set(contactIds);
  // do-not-contact is stronger than bounced; never weaken it.
  return changeDirectoryStatus(directoryPath, status, (c) =>
    wanted.has(c.id) && c.status !== status && c.status !== "do-not-contact" ? status : undefined,
  );
}

/**
 * Undo of a do-not-contact mark: put `status` back on the contact, but only while the directory still says
 * `do-not-contact` (a status someone changed since is theirs to keep).
 */
export async function restoreDirectoryStatus(
  directoryPath: string,
  contactId: string,
  status: ContactStatus,
): Promise<DirectoryStatusChange> {
  return changeDirectoryStatus(directoryPath, status, (c) =>
    c.id === contactId && c.status === "do-not-contact" && status !== "do-not-contact" ? status : undefined,
  );
}

async function changeDirectoryStatus(
  directoryPath: string,
  label: ContactStatus,
  newStatus: (c: { id: string; status: ContactStatus }) => ContactStatus | undefined,
): Promise<DirectoryStatusChange> {
  const previous = new Map<string, ContactStatus>();
  const { contacts, problems } = await readDirectory(directoryPath);
  const updated = contacts.map((c) => {
    const status = newStatus(c);
    if (status === undefined) return c;
    previous.set(c.id, c.status);
    return { ...c, status };
  });
  const changed = [...previous.keys()];
  if (changed.length === 0) return { changed, previous, problems: [] };
  if (problems.some((p) => (p.severity ?? "error") === "error")) {
    return {
      changed: [],
      previous: new Map(),
      problems: [
        {
          file: directoryPath,
          message: `has invalid rows, so it was not rewritten; set status ${label} by hand for: ${changed.join(", ")}`,
          severity: "warning",
        },
      ],
    };
  }
  await writeDirectory(directoryPath, updated);
  return { changed, previous, problems: [] };
}
