/**
 * The shared mailboxes of a plan (one contact listing several people, one message each) with the
 * salutation their letter opens with, for `plan` to show before anything is sent. Pure: it only runs
 * the renderer on those few entries.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import type { SharedMailboxSalutation } from "../campaign/campaign-schema.js";
import type { Renderer } from "./create-renderer.js";

export interface SharedMailboxLine {
  contact: string;
  country: string;
  email: string;
  language: string;
  people: string[];
  /** The campaign's `sharedMailboxSalutation`. */
  setting: SharedMailboxSalutation;
  /** What the letter says; null when it cannot be rendered (the plan lists that problem). */
  salutation: string | null;
}

export function describeSharedMailboxes(
  entries: readonly PlanEntry[],
  renderer: Pick<Renderer, "render">,
): SharedMailboxLine[] {
  const lines: SharedMailboxLine[] = [];
  for (const entry of entries) {
    const shared = entry.sharedMailbox;
    if (!shared) continue;
    let salutation: string | null = null;
    try {
      salutation = renderer.render(entry).salutation ?? "";
    } catch {
      salutation = null;
    }
    lines.push({
      contact: entry.contact.id,
      country: entry.country,
      email: entry.contact.email,
      language: entry.language,
      people: shared.people.map((p) => p.name),
      setting: shared.salutation,
      salutation,
    });
  }
  return lines;
}
