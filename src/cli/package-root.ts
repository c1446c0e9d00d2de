/**
 * The package's own folder (package.json, the shipped example, schemas/, config.example.json): the nearest
 * folder above this module whose package.json is named delegate-outreach. Found by walking up rather than
 * by a fixed `../..`, because this module runs from src/cli/ (tsx, tests), dist/cli/ (tsc's output, the
 * library) and a chunk of the bundled CLI (dist/cli/chunks/, scripts/bundle-cli.mjs), each at its own depth.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "delegate-outreach";

interface PackageManifest {
  name?: string;
  version?: string;
}

let found: { root: string; manifest: PackageManifest } | undefined;

function findPackage(): { root: string; manifest: PackageManifest } {
  if (found) return found;
  const here = fileURLToPath(import.meta.url);
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    const manifest = readManifest(join(dir, "package.json"));
    if (manifest?.name === PACKAGE_NAME) return (found = { root: dir, manifest });
    if (dirname(dir) === dir) throw new Error(`no package.json named ${PACKAGE_NAME} above ${here}`);
  }
}

function readManifest(path: string): PackageManifest | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as PackageManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The folder holding package.json and the shipped example (contacts/, campaigns/, templates/, schemas/). */
export function packageRoot(): string {
  return findPackage().root;
}

/** package.json's version. */
export function packageVersion(): string {
  return findPackage().manifest.version ?? "0.0.0";
}
