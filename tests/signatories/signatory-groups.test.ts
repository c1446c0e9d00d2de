import { describe, expect, it } from "vitest";
import type { Signatory } from "../../src/campaign/signatory-schema.js";
import { dateFormatter } from "../../src/render/merge-fields.js";
import { groupSignatories } from "../../src/render/signatory-groups.js";

const LIST: Signatory[] = [
  { organisation: "Zeta Example", country: "", signed: "2012-11-05" },
  { organisation: "Alpha Example", country: "AR", signed: "2012-11-06" },
  {
    organisation: "Late Example",
    country: "",
    signed: "2012-11-13",
    status: "approved",
    approvedOn: "2012-11-14",
  },
  {
    organisation: "Later Example",
    country: "",
    signed: "2012-11-20",
    status: "approved",
    approvedOn: "2012-11-21",
  },
];

const group = (
  language: string,
  locale: string,
  order: "batches" | "alphabetical" = "batches",
  list = LIST,
) =>
  groupSignatories(
    list,
    { order, language, locale, formatDate: dateFormatter(locale) },
    (s) => s.organisation,
  );

describe("signatory groups", () => {
  it("lists the original list, then each later batch under its Updated date, as the seed letter does", () => {
    expect(group("en", "en-GB")).toEqual([
      { updated: "", signatories: ["Zeta Example", "Alpha Example"] },
      { updated: "Updated 14 November 2012", signatories: ["Late Example"] },
      { updated: "Updated 21 November 2012", signatories: ["Later Example"] },
    ]);
  });

  it.each([
    ["es", "es-AR", "Actualizado el 14 de noviembre de 2012"],
    ["fr", "fr-CA", "Mis à jour le 14 novembre 2012"],
    ["zh", "zh-CN", "更新于2012年11月14日"],
    ["th", "th-TH", "ปรับปรุงเมื่อ 14 พฤศจิกายน 2555"],
    ["ur", "ur-PK", "تازہ کاری: 14 نومبر، 2012"],
    ["bn", "bn-BD", "হালনাগাদ: ১৪ নভেম্বর, ২০১২"],
  ])("says Updated in %s with the %s date", (language, locale, heading) => {
    expect(group(language, locale)[1]?.updated).toBe(heading);
  });

  it("takes the campaign's own heading", () => {
    const groups = groupSignatories(
      LIST,
      {
        order: "batches",
        language: "en",
        locale: "en-US",
        heading: "Signed since {date}",
        formatDate: dateFormatter("en-US"),
      },
      (s) => s.organisation,
    );
    expect(groups[1]?.updated).toBe("Signed since November 14, 2012");
  });

  it("makes the earliest batch the original list when every row was approved through the queue", () => {
    const queued = LIST.slice(2);
    expect(group("en", "en-GB", "batches", queued).map((g) => g.updated)).toEqual([
      "",
      "Updated 21 November 2012",
    ]);
  });

  it("or one alphabetical list, in the letter's collation", () => {
    expect(group("en", "en-GB", "alphabetical")).toEqual([
      { updated: "", signatories: ["Alpha Example", "Late Example", "Later Example", "Zeta Example"] },
    ]);
  });
});
