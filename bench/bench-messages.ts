/** The bench mailboxes: the example's sample inbox (bounces of three kinds, auto-replies, replies, a newsletter) repeated with fresh Message-IDs. */
import { loadTrackedCampaign } from "../src/campaign/campaign-targets.fs.js";
import { buildSampleInbox } from "../src/inbox/sample-inbox.js";
import { splitMbox } from "../src/inbox/split-mbox.js";

/** `count` messages from the sample inbox of `campaign` in workspace `ws`, each with its own outer Message-ID. */
export async function benchMessages(ws: string, campaign: string, count: number): Promise<Buffer[]> {
  const { targets } = await loadTrackedCampaign(ws, campaign);
  const sample = splitMbox(buildSampleInbox(targets));
  const out: Buffer[] = [];
  for (let i = 0; out.length < count; i++) {
    const template = sample[i % sample.length] ?? Buffer.alloc(0);
    // The first Message-ID header is the message's own (a bounce quotes ours further down).
    const text = template
      .toString("latin1")
      .replace(/^Message-ID: <([^>]+)>/m, `Message-ID: <bench-${i}.$1>`);
    out.push(Buffer.from(text, "latin1"));
  }
  return out;
}
