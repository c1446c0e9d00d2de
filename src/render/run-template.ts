/**
 * Runs one compiled letter template for one plan entry, turning what Handlebars throws into an
 * InputError that names the template file, the merge field (and its line) and the contact. Pure.
 */
import type { PlanEntry } from "../campaign/build-plan.js";
import { InputError } from "../core/errors.js";
import type { CompiledLetter, MergeTemplate } from "./compile-letter.js";
import type { MergeFields } from "./merge-fields.js";

/**
 * Runs a template; a strict-mode miss becomes E_TEMPLATE_FIELD naming the file, field and contact, and
 * a path into a value that is not an object (`{{name.first}}`) too. Anything else a template throws is
 * still the template's doing: E_TEMPLATE_RENDER with the file, never an unexpected error.
 */
export function runTemplate(
  template: MergeTemplate,
  fields: MergeFields,
  file: string,
  source: string,
  entry: PlanEntry,
  letter: CompiledLetter,
): string {
  try {
    return template(fields);
  } catch (e) {
    const message = (e as Error).message;
    const field =
      /^"([^"]+)" not defined/.exec(message)?.[1] ??
      /^Cannot use 'in' operator to search for '([^']+)'/.exec(message)?.[1];
    if (!field) {
      throw new InputError(
        "E_TEMPLATE_RENDER",
        `${file}: the ${letter.language} letter could not be rendered for contact ${entry.contact.id}`,
        {
          cause: e,
          problems: [
            {
              code: "E_TEMPLATE_RENDER",
              file,
              message: `Handlebars: ${message.split("\n")[0] ?? message}`,
            },
          ],
        },
      );
    }
    const line = source ? lineOf(source, new RegExp(`\\{\\{[^}]*\\b${escapeRegExp(field)}\\b`)) : undefined;
    throw new InputError(
      "E_TEMPLATE_FIELD",
      `${file}: merge field "${field}" is missing for contact ${entry.contact.id} (${letter.language} letter)`,
      {
        problems: [
          {
            file,
            ...(line ? { line } : {}),
            field,
            message: `contact ${entry.contact.id} has no "${field}"; fill it in the directory or wrap it in {{#if ${field}}}`,
          },
        ],
      },
    );
  }
}

/** The 1-based line of the first match of `pattern` in `text`, if any. */
function lineOf(text: string, pattern: RegExp): number | undefined {
  const index = text.search(pattern);
  return index < 0 ? undefined : text.slice(0, index).split("\n").length;
}

/** A string with every RegExp metacharacter escaped, to match it literally. */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
