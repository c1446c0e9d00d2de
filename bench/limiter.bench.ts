/**
 * Limiter accuracy on the real clock (`npm run bench -- limiter`), 600 messages per minute for 20 seconds:
 * A. the limiter itself, driven by the system clock: grants vs expected (target ±2%) and the largest
 *    count of grants in any one-second window (target ≤ the per-second cap, max(burst, ceil(perMinute/60)));
 * B. the whole send loop (`sendCampaign`: limiter, p-limit concurrency, render, ledger port) to an
 *    in-memory transport that timestamps each hand-over: the same two figures on hand-over times, against
 *    the same per-second cap (the send loop re-checks the cap on actual hand-over times).
 */
import { systemClock } from "../src/core/system-clock.js";
import { defaultConfig } from "../src/config/config-schema.js";
import { perSecondCap, SendLimiter } from "../src/send/limiter.js";
import { sendCampaign } from "../src/send/send-campaign.js";
import type { SendJob } from "../src/send/select-recipients.js";
import type { Transport } from "../src/send/transport.js";
import { report } from "./measure.js";

const PER_MINUTE = 600;
const SECONDS = 20;
const limits = {
  ...defaultConfig.send,
  perMinute: PER_MINUTE,
  perHour: 100_000,
  perDay: 1_000_000,
  perDomainPerHour: 100_000,
  burst: 1,
  concurrency: 4,
};

const cap = perSecondCap(limits);
const expected = (PER_MINUTE / 60) * SECONDS;

function figures(label: string, stamps: number[], windowCap: number): void {
  const t0 = stamps[0] ?? 0;
  const inWindow = stamps.filter((t) => t - t0 < SECONDS * 1000).length;
  let maxPerSecond = 0;
  for (let i = 0, j = 0; i < stamps.length; i++) {
    while ((stamps[i] ?? 0) - (stamps[j] ?? 0) >= 1000) j += 1;
    maxPerSecond = Math.max(maxPerSecond, i - j + 1);
  }
  report(`${label}: sent in ${SECONDS} s at ${PER_MINUTE}/min (expected ${expected})`, inWindow, "msgs");
  report(`${label}: sent / expected`, inWindow / expected, "x");
  report(`${label}: deviation from the configured rate`, Math.abs(inWindow / expected - 1) * 100, "%", {
    op: "<=",
    value: 2,
  });
  report(
    `${label}: largest count in any 1-second window (per-second cap ${cap}, burst ${limits.burst})`,
    maxPerSecond,
    "msgs",
    { op: "<=", value: windowCap },
  );
}

// A. The limiter alone, on the system clock.
{
  const limiter = new SendLimiter(limits);
  const grants: number[] = [];
  const end = Date.now() + SECONDS * 1000 + 200;
  for (let i = 0; Date.now() < end; i++) {
    const now = systemClock.now();
    const domain = `d${i % 50}.example`;
    const slot = limiter.nextSlot(now, domain);
    if (slot.at > now) {
      await systemClock.sleep(slot.at - now);
      i -= 1;
      continue;
    }
    limiter.record(now, domain);
    grants.push(now);
  }
  figures("limiter", grants, cap);
}

// B. The send loop, hand-over times.
const stamps: number[] = [];
const transport: Transport = {
  name: "smtp",
  description: "in-memory",
  paced: true,
  verify: () => Promise.resolve(),
  deliver: () => {
    stamps.push(Date.now());
    return Promise.resolve({ status: "sent", response: "250 ok" });
  },
  close: () => Promise.resolve(),
};

function* jobs(): Generator<SendJob> {
  // Many recipient domains, as in a real campaign; more jobs than 20 s can take.
  for (let i = 0; i < 10_000; i++)
    yield {
      contactId: `c${i}`,
      country: "FR",
      language: "fr",
      email: `p${i}@d${i % 50}.example`,
      domain: `d${i % 50}.example`,
      attempt: 1,
    };
}

const controller = new AbortController();
const timer = setTimeout(() => controller.abort(), SECONDS * 1000 + 500);
await sendCampaign({
  campaign: "bench",
  jobs: jobs(),
  total: 10_000,
  render: (job) => ({
    campaign: "bench",
    contactId: job.contactId,
    country: job.country,
    language: job.language,
    revision: "r",
    mail: {
      from: { name: "", address: "a@b.example" },
      to: { name: "", address: job.email },
      subject: "",
      html: "",
      text: "",
      messageId: `<${job.contactId}@b.example>`,
      headers: {},
    },
  }),
  transport,
  ledger: { append: () => Promise.resolve() },
  limits,
  clock: systemClock,
  random: Math.random,
  signal: controller.signal,
});
clearTimeout(timer);

figures("send loop", stamps, cap);
