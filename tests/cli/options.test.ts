import { describe, expect, it } from "vitest";
import type { OutreachError } from "../../src/core/errors.js";
import {
  MAX_TIMER_MS,
  nonNegativeInt,
  nonNegativeNumber,
  parseCountryList,
  positiveInt,
} from "../../src/cli/options.js";

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

describe("numeric options (one set of parsers for every command)", () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
      return "accepted";
    } catch (e) {
      return (e as OutreachError).code;
    }
  };

  it("accepts what they promise and refuses the rest with E_USAGE naming the flag", () => {
    expect(positiveInt("--limit", "3")).toBe(3);
    expect(nonNegativeInt("--delay", "0")).toBe(0);
    expect(nonNegativeNumber("--max-age", "1.5")).toBe(1.5);
    for (const bad of ["0", "-1", "1.5", "x", ""])
      expect(codeOf(() => positiveInt("--limit", bad))).toBe("E_USAGE");
    for (const bad of ["-1", "0.5", "x"])
      expect(codeOf(() => nonNegativeInt("--delay", bad))).toBe("E_USAGE");
    for (const bad of ["-1", "x", " ", "Infinity"])
      expect(codeOf(() => nonNegativeNumber("--max-age", bad))).toBe("E_USAGE");
  });

  it("a maximum (a timer's 2^31 - 1 ms) is part of the check", () => {
    expect(nonNegativeInt("--delay", String(MAX_TIMER_MS), MAX_TIMER_MS)).toBe(MAX_TIMER_MS);
    expect(codeOf(() => nonNegativeInt("--delay", String(MAX_TIMER_MS + 1), MAX_TIMER_MS))).toBe("E_USAGE");
  });
});
