/**
 * Trial-renders every plan entry so that `plan` (not the middle of a send) finds a missing merge field.
 * Problems are grouped per template file and field, naming the contacts affected. Pure.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import { isOutreachError, type Problem } from "../core/errors.js";
import type { Renderer } from "./create-renderer.js";

const SHOWN_CONTACTS = 5;

export function checkRendering(entries: readonly PlanEntry[], renderer: Pick<Renderer, "render">): Problem[] {
  const groups = new Map<string, { problem: Problem; contacts: string[] }>();
  for (const entry of entries) {
    try {
      renderer.render(entry);
    } catch (e) {
      if (!isOutreachError(e)) throw e;
      for (const p of e.problems.length ? e.problems : [{ message: e.message }]) {
        const key = `${e.code}\u0000${p.file ?? ""}\u0000${p.field ?? ""}`;
        const group = groups.get(key);
        if (group) group.contacts.push(entry.contact.id);
        else groups.set(key, { problem: p, contacts: [entry.contact.id] });
      }
    }
  }
  return [...groups.values()].map(({ problem, contacts }) => {
    // A campaign.json setting (a JSON path such as letters.fr.salutations) rather than a merge field.
    const setting = problem.field?.includes(".") === true;
    if (contacts.length === 1 && !setting) return { ...problem, severity: "error" as const };
    const shown = contacts.slice(0, SHOWN_CONTACTS).join(", ");
    const more = contacts.length > SHOWN_CONTACTS ? ` and ${contacts.length - SHOWN_CONTACTS} more` : "";
    const list = `${contacts.length} contact${contacts.length === 1 ? "" : "s"}: ${shown}${more}`;
    return {
      ...problem,
      severity: "error" as const,
      message: setting
        ? `${problem.message} (${list})`
        : `merge field "${problem.field ?? "?"}" is missing for ${list}`,
    };
  });
}
