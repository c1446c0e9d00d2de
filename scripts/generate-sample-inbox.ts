/**
 * Regenerates the bundled sample mailbox `campaigns/wcit-2012/sample-inbox/inbox.mbox` from the example
 * workspace (its Message-IDs come from the campaign's renderer). Run: `npx tsx scripts/generate-sample-inbox.ts`.
 * tests/inbox/sample-inbox.test.ts fails when the committed file is stale.
 */
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../src/core/atomic-write.fs.js";
import { loadTrackedCampaign, targetsOf } from "../src/campaign/campaign-targets.fs.js";
import { buildSampleInbox } from "../src/inbox/sample-inbox.js";

const root = resolve(import.meta.dirname, "..");
// Unkeyed ids, whatever `.outreach/secret` a local `send` left here: `outreach inbox sample` writes a
// keyed copy for a workspace.
const { plan } = await loadTrackedCampaign(root, "wcit-2012");
const targets = targetsOf(plan, "wcit-2012");
const path = join(root, "campaigns", "wcit-2012", "sample-inbox", "inbox.mbox");
await writeFileAtomic(path, buildSampleInbox(targets));
console.log(path);
