import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatProblem } from "../../src/core/errors.js";
import { problemsFromZod } from "../../src/core/zod-problems.js";

const schema = z.object({
  smtp: z.object({ port: z.number().int().max(65535) }),
  letters: z.record(z.string(), z.object({ subject: z.string().min(1) })),
});

function issuesOf(value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected the value to be invalid");
  return result.error.issues;
}

describe("problemsFromZod", () => {
  it("one problem per issue, the field being the dotted path, in zod's order", () => {
    const issues = issuesOf({ smtp: { port: 70000 }, letters: { en: { subject: "" } } });
    const problems = problemsFromZod(issues, "campaigns/x/campaign.json");
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ["campaigns/x/campaign.json", "smtp.port"],
      ["campaigns/x/campaign.json", "letters.en.subject"],
    ]);
    expect(problems.every((p) => p.message.length > 0 && !("line" in p) && !("severity" in p))).toBe(true);
  });

  it("a line and a severity when given; formatted as file:line field: message", () => {
    const [problem] = problemsFromZod(
      [{ path: ["email"], message: "not an email address" }],
      "directory.csv",
      {
        line: 7,
        severity: "error",
      },
    );
    expect(problem).toEqual({
      file: "directory.csv",
      line: 7,
      field: "email",
      message: "not an email address",
      severity: "error",
    });
    expect(problem && formatProblem(problem)).toBe("directory.csv:7 email: not an email address");
  });

  it("an issue about the whole value: no field, or the rootField given", () => {
    const issues = issuesOf("not an object");
    expect(problemsFromZod(issues, "config.json")[0]).not.toHaveProperty("field");
    expect(problemsFromZod(issues, "config.json", { rootField: "(root)" })[0]?.field).toBe("(root)");
  });

  it("numeric path segments join like the others", () => {
    const problems = problemsFromZod([{ path: ["attachments", 2, "file"], message: "missing" }], "c.json");
    expect(problems[0]?.field).toBe("attachments.2.file");
  });
});
