/** Directory status changes tracking makes: a hard bounce sets `bounced`, a mark sets `do-not-contact`. Effects: rewrites the directory atomically. */
import { readDirectory, writeDirectory } from "../contacts/directory-store.fs.js";
import type { Problem } from "../core/errors.js";

/**
 * Set a directory status (`bounced`, `do-not-contact`) on some contacts; rewrites the directory only if
 * something changed. A directory with invalid rows is not rewritten (the reader leaves bad rows out, so
 * writing back would lose them): the change is reported as a warning instead.
 */
export async function setDirectoryStatus(
  directoryPath: string,
  contactIds: readonly string[],
  status: "bounced" | "do-not-contact",
): Promise<{ changed: string[]; problems: Problem[] }> {
  if (contactIds.length === 0) return { changed: [], problems: [] };
  const wanted = new Set(contactIds);
  const { contacts, problems } = await readDirectory(directoryPath);
  const changed: string[] = [];
  const updated = contacts.map((c) => {
    // do-not-contact is stronger than bounced; never weaken it.
    if (!wanted.has(c.id) || c.status === status || c.status === "do-not-contact") return c;
    changed.push(c.id);
    return { ...c, status };
  });
  if (changed.length === 0) return { changed, problems: [] };
  if (problems.some((p) => (p.severity ?? "error") === "error")) {
    return {
      changed: [],
      problems: [
        {
          file: directoryPath,
          message: `has invalid rows, so it was not rewritten; set status ${status} by hand for: ${changed.join(", ")}`,
          severity: "warning",
        },
      ],
    };
  }
  await writeDirectory(directoryPath, updated);
  return { changed, problems: [] };
}
