import { rm, mkdir } from "node:fs/promises";
import { importDirectoryFile } from "./src/directory/import-directory.fs.ts";
await rm("/tmp/h2/ws4", { recursive: true, force: true }); await mkdir("/tmp/h2/ws4/contacts", { recursive: true });
const c0 = process.cpuUsage(); const t0 = performance.now();
const r = await importDirectoryFile({ workspace: "/tmp/h2/ws4", file: "/tmp/h2/in.csv", now: new Date() });
const c1 = process.cpuUsage(c0);
console.log("wall", (performance.now() - t0).toFixed(0), "cpu", ((c1.user + c1.system) / 1000).toFixed(0), "rss", (process.resourceUsage().maxRSS / 1024).toFixed(0), r.added);
