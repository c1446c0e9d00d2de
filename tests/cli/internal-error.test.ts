/**
 * The internal-error path: anything thrown that is not an OutreachError is E_UNEXPECTED, says plainly that
 * it is a bug in outreach and how to report it; the stack and causes only under --verbose/OUTREACH_DEBUG=1.
 */
import { describe, expect, it } from "vitest";
import { describeError, runCli } from "../../src/cli/run.js";
import { InputError } from "../../src/core/errors.js";
import { copyExampleWorkspace } from "../helpers/cli.js";

describe("describeError", () => {
  const error = new TypeError("cannot read properties of undefined", { cause: new Error("inner cause") });

  it("an error outreach did not foresee: code, message, 'this is a bug', how to report it, no stack", () => {
    const text = describeError(error);
    const lines = text.split("\n");
    expect(lines[0]).toBe("error [E_UNEXPECTED]: cannot read properties of undefined");
    expect(lines[1]).toMatch(/^this is a bug in outreach\b.*report it/);
    expect(text).toContain("hint: run it again with --verbose (or OUTREACH_DEBUG=1)");
    expect(text).toMatch(/include that output .* in the report/);
    expect(text).not.toContain("stack (--verbose):");
    expect(text).not.toMatch(/^\s+at /m);
  });

  it("with the stack: the bug line, then the stack and its causes", () => {
    const text = describeError(error, { stack: true });
    expect(text).toMatch(
      /^error \[E_UNEXPECTED\]: cannot read properties of undefined\nthis is a bug in outreach/,
    );
    expect(text).toContain("stack (--verbose):");
    expect(text).toMatch(/^\s+at /m);
    expect(text).toMatch(/caused by:\n\s+Error: inner cause/);
    expect(text).not.toContain("hint: run it again");
  });

  it("a thrown non-Error is an internal error too", () => {
    expect(describeError("a string")).toMatch(/^error \[E_UNEXPECTED\]: a string\nthis is a bug in outreach/);
  });

  it("an OutreachError is not called a bug", () => {
    const text = describeError(
      new InputError("E_USAGE", "--format: not a known format", { hint: "use json" }),
    );
    expect(text).toBe("error [E_USAGE]: --format: not a known format\nhint: use json\n");
  });
});

describe("runCli on an internal error", () => {
  it("exits 1 and prints the bug line on stderr", async () => {
    const workspace = await copyExampleWorkspace();
    let stderr = "";
    const code = await runCli(["-w", workspace, "status", "wcit-2012"], {
      env: {},
      stdout: () => {
        throw new Error("the output went away");
      },
      stderr: (t) => (stderr += t),
      interactive: false,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error \[E_UNEXPECTED\]: the output went away\nthis is a bug in outreach/);
  });
});
