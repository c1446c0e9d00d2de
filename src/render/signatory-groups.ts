/**
 * The signatory list as a letter prints it, grouped the way the sign-on letter that shaped this tool
 * does: the original list, then each later batch under "Updated <date>", the heading in the letter's
 * language and the date in its locale; or one alphabetical list (the campaign's `signatoryOrder`). The
 * original list is the approved rows without an approval date plus the earliest batch; each later
 * approval date starts a batch. Pure.
 */
import type { Campaign } from "../campaign/campaign-schema.js";
import type { Signatory } from "../campaign/signatory-schema.js";

/** "Updated {date}" per letter language; `letters.<lang>.updatedHeading` in campaign.json overrides it. */
export const UPDATED_HEADINGS: Readonly<Record<string, string>> = {
  en: "Updated {date}",
  es: "Actualizado el {date}",
  fr: "Mis à jour le {date}",
  pt: "Atualizado em {date}",
  de: "Aktualisiert am {date}",
  it: "Aggiornato il {date}",
  ru: "Обновлено {date}",
  ar: "تحديث {date}",
  zh: "更新于{date}",
  th: "ปรับปรุงเมื่อ {date}",
  ur: "تازہ کاری: {date}",
  bn: "হালনাগাদ: {date}",
};

export type SignatoryOrder = Campaign["signatoryOrder"];

export type SignatoryGroup<T> = {
  /** "Updated 14 November 2012" in the letter's language; "" for the original list. */
  updated: string;
  signatories: T[];
};

export interface GroupOptions {
  order: SignatoryOrder;
  language: string;
  locale: string;
  /** The campaign's own heading with `{date}`, else the table's. */
  heading?: string;
  formatDate: (isoDate: string) => string;
}

/** The heading for a batch approved on `isoDate`. */
export function updatedHeading(isoDate: string, options: GroupOptions): string {
  const pattern = options.heading ?? UPDATED_HEADINGS[options.language] ?? UPDATED_HEADINGS.en ?? "{date}";
  return pattern.replace("{date}", options.formatDate(isoDate));
}

/**
 * Groups signatories (already in the file's order, approved only) and maps each to what the template
 * shows with `show`.
 */
export function groupSignatories<T>(
  signatories: readonly Signatory[],
  options: GroupOptions,
  show: (s: Signatory) => T,
): SignatoryGroup<T>[] {
  if (signatories.length === 0) return [];
  if (options.order === "alphabetical") {
    const collator = collatorFor(options.locale);
    const sorted = [...signatories].sort((a, b) => collator.compare(a.organisation, b.organisation));
    return [{ updated: "", signatories: sorted.map(show) }];
  }
  const dates = [...new Set(signatories.map((s) => s.approvedOn).filter((d): d is string => !!d))].sort();
  const original = signatories.some((s) => !s.approvedOn) ? undefined : dates.shift();
  const groups: SignatoryGroup<T>[] = [
    {
      updated: "",
      signatories: signatories.filter((s) => !s.approvedOn || s.approvedOn === original).map(show),
    },
  ];
  for (const date of dates) {
    groups.push({
      updated: updatedHeading(date, options),
      signatories: signatories.filter((s) => s.approvedOn === date).map(show),
    });
  }
  return groups;
}

function collatorFor(locale: string): Intl.Collator {
  try {
    return new Intl.Collator([locale, "en"], { sensitivity: "base" });
  } catch {
    return new Intl.Collator("en", { sensitivity: "base" });
  }
}
