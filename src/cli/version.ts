/** The version `outreach --version` prints and the crawler's User-Agent carries: package.json's. */
import { readFileSync } from "node:fs";

// src/cli/version.ts and dist/cli/version.js both sit two levels below the package root.
const packageJson = new URL("../../package.json", import.meta.url);

export const VERSION = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
