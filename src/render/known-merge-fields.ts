/**
 * The shape of the merge fields a letter can use (what `buildLanguageFields` and `buildRecipientFields`
 * put in front of a template), per part: the subject cannot use `{{subject}}`, a salutation pattern
 * neither `{{subject}}` nor `{{salutation}}`, because those are rendered from them. Templates are checked
 * against this shape before any contact is rendered (`check-merge-fields.ts`); a test keeps it and the
 * builders in step. Pure.
 */
import { CONTACT_MERGE_FIELDS, type LanguageFields } from "./merge-fields.js";

/** A plain value, an object with named fields, a list of items, or anything (a context we cannot know). */
export type FieldNode =
  | { kind: "value" }
  | { kind: "object"; fields: Readonly<Record<string, FieldNode>> }
  | { kind: "list"; item: FieldNode }
  | { kind: "any" };

export const VALUE: FieldNode = { kind: "value" };
export const ANY: FieldNode = { kind: "any" };

function object(fields: Record<string, FieldNode>): FieldNode {
  return { kind: "object", fields };
}

function values(...names: readonly string[]): Record<string, FieldNode> {
  return Object.fromEntries(names.map((n) => [n, VALUE]));
}

const SIGNATORY = object(values("organisation", "country", "countryCode", "signed"));

/** What each language's fields hold (`LanguageFields`), key for key. */
const LANGUAGE_FIELDS: Record<keyof LanguageFields, FieldNode> = {
  lang: VALUE,
  dir: VALUE,
  locale: VALUE,
  signatories: { kind: "list", item: SIGNATORY },
  signatoryCount: VALUE,
  signatoryGroups: {
    kind: "list",
    item: object({ updated: VALUE, signatories: { kind: "list", item: SIGNATORY } }),
  },
  signatoryBatches: VALUE,
  updated: VALUE,
  campaign: object(values("id", "name")),
  sender: object(values("name", "email")),
};

/** Per recipient: the contact's columns, a shared mailbox's people, the country's name and partner. */
const RECIPIENT_FIELDS: Record<string, FieldNode> = {
  ...values(...CONTACT_MERGE_FIELDS),
  people: { kind: "list", item: object(values("honorific", "name", "title")) },
  countryName: VALUE,
  partner: object(values("id", "name", "email")),
};

/** Which part of a letter a template is: what it may use depends on what is rendered before it. */
export type LetterPart = "salutation" | "subject" | "body";

export function mergeFieldTree(part: LetterPart): FieldNode {
  return object({
    ...LANGUAGE_FIELDS,
    ...RECIPIENT_FIELDS,
    ...(part === "salutation" ? {} : { salutation: VALUE }),
    ...(part === "body" ? { subject: VALUE } : {}),
  });
}

/** Every path a node offers (`sender`, `sender.name`, ...), for suggestions; lists offer their own name. */
export function fieldPaths(node: FieldNode, prefix = ""): string[] {
  if (node.kind !== "object") return [];
  return Object.entries(node.fields).flatMap(([name, child]) => [
    prefix + name,
    ...fieldPaths(child, `${prefix}${name}.`),
  ]);
}
