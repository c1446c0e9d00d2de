/** The version `outreach --version` prints and the crawler's User-Agent carries: package.json's. */
import { packageVersion } from "./package-root.js";

export const VERSION = packageVersion();
