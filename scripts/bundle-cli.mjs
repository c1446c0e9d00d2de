#!/usr/bin/env node
/**
 * `npm run build`'s second step: bundle the CLI (src/cli/main.ts) into dist/cli/main.js, the `bin`, over
 * the copy tsc wrote. Node 20's ES module loader costs about a millisecond per file, and `outreach status`
 * loaded ~170 of them (95 from zod 4, whose entry re-exports every locale); one file per command starts
 * far faster. Each command's lazily imported definition and module (the `load: () => import(...)` of
 * src/cli/command-table.ts) stays a chunk of its own under dist/cli/chunks/, loaded only when used.
 * Our code and zod are bundled; every other package stays an import from node_modules (they resolve
 * their own data files, fonts and optional requires). The library (dist/index.js) is tsc's, unbundled.
 * rolldown is pinned in devDependencies at the version vite 8 already ships, and bundles TypeScript itself.
 * Plain .mjs so `npm ci`'s `prepare` runs it with no TypeScript loader.
 */
import { rm } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { rolldown } from "rolldown";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "dist/cli");
const CHUNKS = "chunks";

/** Bundled: our sources (relative or absolute paths) and zod; any other bare specifier stays an import. */
function isExternal(id) {
  if (id.startsWith(".") || isAbsolute(id) || id.startsWith("\0")) return false;
  return !/^zod(?:\/|$)/.test(id);
}

// Chunks of an earlier build would linger beside the new ones (their names carry a content hash).
await rm(join(OUT, CHUNKS), { recursive: true, force: true });

const bundle = await rolldown({
  input: join(ROOT, "src/cli/main.ts"),
  platform: "node",
  tsconfig: join(ROOT, "tsconfig.build.json"),
  external: isExternal,
  logLevel: "warn",
});
try {
  const { output } = await bundle.write({
    dir: OUT,
    format: "esm",
    entryFileNames: "main.js",
    chunkFileNames: `${CHUNKS}/[name]-[hash].js`,
    sourcemap: true,
    codeSplitting: {
      groups: [
        // What every run loads (the program, the command table, the top-level catch) in one file. Not
        // main.ts itself: its top-level await would deadlock a command chunk that imports this one.
        { name: "start-up", tags: ["$initial"], test: (id) => !id.endsWith("/src/cli/main.ts"), priority: 2 },
        { name: "zod", test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 1 },
      ],
      // Everything else is split automatically: each lazily imported module and what only it needs.
    },
    // Readable stack traces: names as written (error classes name themselves after their class), no minifying.
    keepNames: true,
    minify: false,
  });
  const chunks = output.filter((o) => o.type === "chunk");
  const kb = Math.round(chunks.reduce((n, c) => n + c.code.length, 0) / 1024);
  console.log(`bundle-cli: dist/cli/main.js and ${chunks.length - 1} chunks (${kb} KiB)`);
} finally {
  await bundle.close();
}
