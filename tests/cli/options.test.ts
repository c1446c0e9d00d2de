import { describe, expect, it } from "vitest";
import type { OutreachError } from "../../src/core/errors.js";
import { parseCountryList } from "../../src/cli/options.js";

describe("--country", () => {
  it("accepts ISO codes and names in English, Spanish and French", () => {
    expect(parseCountryList("ar, th,Pakistan,Bangladés,Chine")).toEqual(["AR", "TH", "PK", "BD", "CN"]);
    expect(parseCountryList(undefined)).toBeUndefined();
  });

  it("names every unknown country with a stable code", () => {
    const error = (() => {
      try {
        parseCountryList("AR,Atlantis,Narnia", "E_CRAWL_COUNTRY");
      } catch (e) {
        return e as OutreachError;
      }
    })();
    expect(error?.code).toBe("E_CRAWL_COUNTRY");
    expect(error?.message).toContain('"Atlantis", "Narnia"');
  });
});
