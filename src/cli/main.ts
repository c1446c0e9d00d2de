#!/usr/bin/env node
import { createInterface } from "node:readline/promises";
import { isDebugEnv, runCli } from "./run.js";

// The built CLI is a bundle (scripts/bundle-cli.mjs): when a stack is asked for, map it back to src/ through
// the bundle's source maps. Node maps only the files it loads from here on: the command and the stages it
// drives; the start-up chunk keeps its own (unminified, readable) names and lines.
if (process.argv.includes("--verbose") || isDebugEnv(process.env)) process.setSourceMapsEnabled(true);

// `outreach directory list | head`: the reader went away; stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const controller = new AbortController();
let interrupts = 0;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\n${sig}: finishing what is in flight; press Ctrl-C again to stop at once\n`);
    controller.abort();
  });
}

const prompt = process.stdin.isTTY
  ? async (question: string) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    }
  : undefined;

const code = await runCli(process.argv.slice(2), {
  signal: controller.signal,
  ...(prompt ? { prompt } : {}),
});
process.exitCode = code;
