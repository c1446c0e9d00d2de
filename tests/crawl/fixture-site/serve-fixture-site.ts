/**
 * The fixture site in its own process, for the benchmark: a real site is another machine, so its work
 * should not be counted in the crawler's time. Usage (as an IPC child):
 *   node --import tsx serve-fixture-site.ts <seed> <countries> <ministriesPerCountry>
 * Sends `{ origin, hostPort, listUrl }` once listening; answers `{ type: "log" }` with the request log.
 */
import { startFixtureSite } from "./fixture-server.js";
import { describeSite } from "./site-description.js";

const [seed = "1", countries = "24", ministries = "3"] = process.argv.slice(2);
const site = describeSite({
  seed: Number(seed),
  countryCount: Number(countries),
  ministriesPerCountry: Number(ministries),
  specialCases: false,
});
const fixture = await startFixtureSite(site);
process.send?.({
  type: "ready",
  origin: fixture.origin,
  hostPort: fixture.hostPort,
  listUrl: fixture.listUrl,
});
process.on("message", (message: { type?: string }) => {
  if (message.type === "log") process.send?.({ type: "log", log: fixture.log });
  if (message.type === "close") void fixture.close().then(() => process.exit(0));
});
