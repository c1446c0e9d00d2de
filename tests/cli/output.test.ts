import { describe, expect, it } from "vitest";
import { displayWidth, formatCsv, formatTable } from "../../src/cli/output.js";

describe("output formats", () => {
  it("measures wide and combining characters", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("王小明")).toBe(6);
    expect(displayWidth("สมชาย ใจดี")).toBe(9);
    expect(displayWidth("น้ำ")).toBe(2);
  });

  it("aligns table columns for Chinese and Thai names", () => {
    const out = formatTable(
      ["name", "country"],
      [
        ["王小明", "CN"],
        ["สมชาย", "TH"],
        ["Ana", "AR"],
      ],
    );
    const starts = out
      .trimEnd()
      .split("\n")
      .filter((l) => /[A-Z]{2}$/.test(l))
      .map((l) => displayWidth(l.slice(0, l.search(/[A-Z]{2}$/))));
    expect(new Set(starts).size).toBe(1);
  });

  it("keeps cells on one line and quotes CSV", () => {
    expect(formatTable(["a"], [["x\ny"]])).toContain("x y");
    expect(formatCsv(["a", "b"], [["1,2", 'say "hi"']])).toBe('a,b\n"1,2","say ""hi"""\n');
  });
});

describe("large tables", () => {
  it("formats 150,000 rows without overflowing the stack", () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [`c-${i}`, "AR"]);
    const out = formatTable(["id", "country"], rows);
    expect(out.split("\n").length).toBe(150_000 + 3);
  });
});
