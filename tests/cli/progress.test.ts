import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { createContext } from "../../src/cli/context.js";
import { createProgress, drawBar, type ProgressOptions } from "../../src/cli/progress.js";

/** A stream that records every write, as a terminal (`isTTY`, `columns`) or as a log. */
function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (t: string) => void writes.push(t) } };
}

function setUp(isTTY: boolean, options: Partial<ProgressOptions> & { columns?: number } = {}) {
  const { writes, stream } = fakeStream(isTTY, options.columns);
  const clock = new ManualClock(0);
  const progress = createProgress({ ...options, stream, clock });
  return { writes, clock, progress };
}

const CLEAR = "\u001b[K";

describe("progress on a terminal", () => {
  it("redraws one line in place with a bar, and finishes it with a newline at the end", () => {
    const { writes, clock, progress } = setUp(true, { barWidth: 10 });
    progress.update({ line: "send: 1/4 done", terminalLine: "1/4 sent", fraction: 0.25 });
    clock.advance(500);
    progress.update({ line: "send: 2/4 done", terminalLine: "2/4 sent", fraction: 0.5 });
    progress.end();
    expect(writes).toEqual([`\r[###-------] 1/4 sent${CLEAR}`, `\r[#####-----] 2/4 sent${CLEAR}`, "\n"]);
  });

  it("draws no bar when the share done is unknown, and shows the plain line when no terminal text is given", () => {
    const { writes, progress } = setUp(true);
    progress.update({ line: "10000 rows read", terminalLine: "10,000 rows read" });
    progress.end({ line: "rendered 3/3" });
    expect(writes).toEqual([`\r10,000 rows read${CLEAR}`, `\rrendered 3/3${CLEAR}`, "\n"]);
  });

  it("redraws at most every redrawEveryMs; what was held back is drawn at the end", () => {
    const { writes, clock, progress } = setUp(true, { redrawEveryMs: 200, barWidth: 4 });
    progress.update({ line: "1", fraction: 0.25 });
    clock.advance(100);
    progress.update({ line: "2", fraction: 0.5 });
    progress.update({ line: "3", fraction: 0.75 });
    expect(writes).toEqual([`\r[#---] 1${CLEAR}`]);
    clock.advance(100);
    progress.update({ line: "4", fraction: 1 });
    expect(writes).toEqual([`\r[#---] 1${CLEAR}`, `\r[####] 4${CLEAR}`]);
    clock.advance(50);
    progress.update({ line: "5", fraction: 1 });
    progress.end();
    expect(writes.slice(2)).toEqual([`\r[####] 5${CLEAR}`, "\n"]);
  });

  it("show() draws at once, whatever the throttle", () => {
    const { writes, progress } = setUp(true, { barWidth: 2 });
    progress.update({ line: "a", fraction: 0 });
    progress.show({ line: "waiting", fraction: 0 });
    expect(writes).toEqual([`\r[--] a${CLEAR}`, `\r[--] waiting${CLEAR}`]);
  });

  it("finishes the line before another message, then draws the bar again below it at once", () => {
    const { writes, progress } = setUp(true, { barWidth: 2 });
    progress.update({ line: "1/2", fraction: 0.5 });
    progress.interrupt("warning: something\n");
    writes.push("warning: something\n");
    progress.update({ line: "2/2", fraction: 1 });
    progress.interrupt("summary\n");
    progress.interrupt("more\n");
    progress.end();
    expect(writes).toEqual([`\r[#-] 1/2${CLEAR}`, "\n", "warning: something\n", `\r[##] 2/2${CLEAR}`, "\n"]);
  });

  it("cuts the line to one column less than the terminal, so it never wraps", () => {
    const { writes, progress } = setUp(true, { columns: 12, barWidth: 4 });
    progress.update({ line: "page 12 of 40, 1 failed", fraction: 0.3 });
    expect(writes).toEqual([`\r[#---] page${CLEAR}`]);
  });

  it("writes nothing when nothing was shown, and nothing after the end", () => {
    const { writes, progress } = setUp(true);
    progress.interrupt("a message\n");
    progress.end();
    progress.update({ line: "late" });
    progress.end({ line: "later" });
    expect(writes).toEqual([]);
  });
});

describe("progress in a log (not a terminal)", () => {
  it("prints the first line at once, then at most one every plainEveryMs, and the final line", () => {
    const { writes, clock, progress } = setUp(false, { plainEveryMs: 10_000 });
    progress.update({ line: "send: 1/4 done", terminalLine: "unused", fraction: 0.25 });
    clock.advance(4_000);
    progress.update({ line: "send: 2/4 done", fraction: 0.5 });
    clock.advance(6_000);
    progress.update({ line: "send: 3/4 done", fraction: 0.75 });
    clock.advance(1_000);
    progress.update({ line: "send: 4/4 done", fraction: 1 });
    progress.end();
    expect(writes).toEqual(["send: 1/4 done\n", "send: 3/4 done\n", "send: 4/4 done\n"]);
  });

  it("prints the final state given to end(), unless it is the line just printed", () => {
    const printed = setUp(false);
    printed.progress.update({ line: "send: 4/4 done" });
    printed.progress.end({ line: "send: 4/4 done" });
    expect(printed.writes).toEqual(["send: 4/4 done\n"]);

    const never = setUp(false);
    never.progress.end({ line: "send: 0/4 done" });
    expect(never.writes).toEqual(["send: 0/4 done\n"]);
  });

  it("show() prints at once; a line the same as the last one is not printed again", () => {
    const { writes, clock, progress } = setUp(false);
    progress.update({ line: "send: 1/4 done" });
    clock.advance(1);
    progress.show({ line: "send: 1/4 done - waiting until 14:30:05" });
    progress.show({ line: "send: 1/4 done - waiting until 14:30:05" });
    progress.end();
    expect(writes).toEqual(["send: 1/4 done\n", "send: 1/4 done - waiting until 14:30:05\n"]);
  });

  it("with plainEveryMs 0 prints every update", () => {
    const { writes, progress } = setUp(false, { plainEveryMs: 0 });
    progress.update({ line: "10000 rows read" });
    progress.update({ line: "20000 rows read" });
    progress.end();
    expect(writes).toEqual(["10000 rows read\n", "20000 rows read\n"]);
  });

  it("a message on the same stream with the state's own text is not repeated as a progress line", () => {
    const { writes, clock, progress } = setUp(false);
    progress.update({ line: "[1/3] list download https://a.example/" });
    clock.advance(20_000);
    progress.interrupt("[2/3] FR country failed https://a.example/fr\n");
    progress.update({ line: "[2/3] FR country failed https://a.example/fr" });
    progress.end();
    // The message itself is written by whoever printed it, not by the renderer.
    expect(writes).toEqual(["[1/3] list download https://a.example/\n"]);
  });

  it("a message on another stream (interrupt without text) changes nothing", () => {
    const { writes, progress } = setUp(false);
    progress.update({ line: "rendered 1/2" });
    progress.interrupt();
    progress.update({ line: "rendered 2/2" });
    progress.end();
    expect(writes).toEqual(["rendered 1/2\n", "rendered 2/2\n"]);
  });
});

describe("the context's progress", () => {
  it("finishes the bar before anything else the command prints, on stderr or stdout", () => {
    let err = "";
    const ctx = createContext({
      env: {},
      clock: new ManualClock(0),
      interactive: true,
      stdout: (t) => (err += `<stdout>${t}`),
      stderr: (t) => (err += t),
    });
    const progress = ctx.progress();
    progress.update({ line: "rendered 1/2", fraction: 0.5 });
    ctx.stderr("warning: a\n");
    progress.update({ line: "rendered 2/2", fraction: 1 });
    ctx.stdout("done\n");
    progress.end();
    expect(err).toBe(
      `\r[############------------] rendered 1/2${CLEAR}\nwarning: a\n` +
        `\r[########################] rendered 2/2${CLEAR}\n<stdout>done\n`,
    );
  });
});

describe("drawBar", () => {
  it("fills the share done with # and the rest with -, within bounds", () => {
    expect(drawBar(0.5, 10)).toBe("#####-----");
    expect(drawBar(0, 4)).toBe("----");
    expect(drawBar(1.5, 4)).toBe("####");
    expect(drawBar(Number.NaN, 4)).toBe("----");
  });
});
