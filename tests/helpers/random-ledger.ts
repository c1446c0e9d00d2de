/**
 * Random ledgers for differential tests: per contact, a seeded random sequence of every event type of
 * `src/ledger/ledger-event-schema.ts` (attempt, sent, deferred, failed, skipped, bounced, auto-replied,
 * replied, marked with each outcome, unmarked). Sequences are mostly plausible (outcomes carry the number of
 * the latest attempt, undos name a standing mark) with some noise (stray outcomes, wrong attempt numbers,
 * undos of marks that do not exist, unverified mail), so every branch of a fold is reached.
 */
import { MARK_OUTCOMES, type LedgerEvent } from "../../src/ledger/ledger-event-schema.js";
import { seededRandom } from "./seeded-random.js";

export const RANDOM_CAMPAIGN = "random-2026";
const SKIP_REASONS = ["do-not-contact", "bounced", "too-recent: mailed by campaign other-2026"] as const;

export interface RandomLedger {
  contacts: string[];
  events: LedgerEvent[];
}

export interface RandomLedgerOptions {
  /** The contacts to write events for (default: 40 invented ids). */
  contacts?: readonly string[];
  /** At most this many events per contact (default 8; a contact may get none). */
  maxEvents?: number;
  campaign?: string;
}

export function randomLedger(seed: number, options: RandomLedgerOptions = {}): RandomLedger {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const maxEvents = options.maxEvents ?? 8;
  const campaign = options.campaign ?? RANDOM_CAMPAIGN;
  const contacts = options.contacts
    ? [...options.contacts]
    : Array.from({ length: 40 }, (_, i) => `rnd-${seed.toString(16)}-${i}`);
  let clock = Date.UTC(2026, 0, 5, 9);
  const perContact = contacts.map((contact) => {
    const out: LedgerEvent[] = [];
    const marks: { at: string; outcome: (typeof MARK_OUTCOMES)[number] }[] = [];
    let attempt = 0;
    const n = Math.floor(random() * (maxEvents + 1));
    for (let k = 0; k < n; k++) {
      clock += 1000 + Math.floor(random() * 3 * 86_400_000);
      const at = new Date(clock).toISOString();
      const base = { at, campaign, contact };
      const number = random() < 0.9 ? Math.max(attempt, 1) : 1 + Math.floor(random() * 4);
      const message = {
        ...base,
        messageId: `<${campaign}.${contact}@outreach.coalition.example>`,
        language: pick(["en", "fr", "es"]),
        revision: "r1",
        attempt: number,
        email: `${contact}@ministry.example`,
      };
      const verified = random() < 0.8 ? {} : { verified: random() < 0.5 };
      const r = random();
      if (r < 0.22) {
        attempt += 1;
        out.push({ ...message, type: "attempt", attempt, transport: pick(["smtp", "smtp", "outbox"]) });
      } else if (r < 0.34) out.push({ ...message, type: "sent", response: "250 2.0.0 Ok: queued as ABC" });
      else if (r < 0.46) {
        const retryAt = random() < 0.7 ? { retryAt: new Date(clock + 3_600_000).toISOString() } : {};
        out.push({ ...message, type: "deferred", response: "451 4.7.1 try again later", ...retryAt });
      } else if (r < 0.52) out.push({ ...message, type: "failed", response: "550 5.1.1 user unknown" });
      else if (r < 0.64) out.push({ ...base, type: "skipped", reason: pick(SKIP_REASONS) });
      else if (r < 0.7) {
        out.push({
          ...base,
          type: "bounced",
          kind: pick(["hard", "soft"] as const),
          status: pick(["5.1.1", "4.4.1"]),
          sourceMessageId: `<dsn-${contact}-${k}@mx.example>`,
          ...verified,
        });
      } else if (r < 0.74)
        out.push({
          ...base,
          type: "auto-replied",
          sourceMessageId: `<ar-${contact}-${k}@mx.example>`,
          ...verified,
        });
      else if (r < 0.78)
        out.push({
          ...base,
          type: "replied",
          from: `${contact}@ministry.example`,
          sourceMessageId: `<re-${contact}-${k}@mx.example>`,
          ...verified,
        });
      else if (r < 0.92) {
        // Send marks are the interesting ones: weight them.
        const outcome = random() < 0.6 ? pick(["sent", "not-sent"] as const) : pick(MARK_OUTCOMES);
        const settles =
          random() < 0.7 ? { attempt: random() < 0.85 ? Math.max(attempt, 1) : attempt + 1 } : {};
        out.push({
          ...base,
          type: "marked",
          outcome,
          ...settles,
          ...(random() < 0.3 ? { note: "by phone" } : {}),
        });
        marks.push({ at, outcome });
      } else {
        const target =
          marks.length > 0 && random() < 0.85 ? pick(marks) : { at, outcome: pick(MARK_OUTCOMES) };
        out.push({ ...base, type: "unmarked", markedAt: target.at, outcome: target.outcome });
      }
    }
    return out;
  });
  // Interleave the contacts' sequences (each keeps its own order), as several runs would write them.
  const events: LedgerEvent[] = [];
  const cursors = perContact.map(() => 0);
  let left = perContact.reduce((sum, list) => sum + list.length, 0);
  while (left > 0) {
    const i = Math.floor(random() * perContact.length);
    const list = perContact[i] as LedgerEvent[];
    const c = cursors[i] as number;
    if (c >= list.length) continue;
    events.push(list[c] as LedgerEvent);
    cursors[i] = c + 1;
    left -= 1;
  }
  return { contacts, events };
}
