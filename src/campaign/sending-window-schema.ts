/**
 * The campaign's office hours (`sendingWindow` in campaign.json): letters arrive on working days between
 * `from` and `to` in the recipient's local time. Off by default. The schema only; the scheduling is
 * `sending-window.ts`.
 */
import { z } from "zod";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const day = `(${WEEKDAYS.join("|")})`;
/** `workdays`, a range (`mon-fri`, `sun-thu`) or a list (`mon,tue,thu`), ranges allowed inside lists. */
const DAYS = new RegExp(`^(workdays|${day}(-${day})?(,${day}(-${day})?)*)$`);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const sendingWindowSchema = z
  .strictObject({
    days: z
      .string()
      .toLowerCase()
      .regex(DAYS, 'must be "workdays", a range such as "mon-fri" or a list such as "mon,tue,thu"')
      .default("workdays")
      .describe(
        "workdays: each country's government working week (the weekends table, else CLDR; Sunday–Thursday where Friday–Saturday is the weekend; `weekends` overrides it); or the same days everywhere, e.g. mon-fri.",
      ),
    from: z.string().regex(TIME, "must be a time HH:MM").default("09:00").describe("Opening time, local."),
    to: z.string().regex(TIME, "must be a time HH:MM").default("17:00").describe("Closing time, local."),
    zones: z
      .record(
        z.string().regex(/^[A-Z]{2}$/, "must be an ISO country code"),
        z.string().refine(isTimeZone, "must be an IANA time zone such as America/Chicago"),
      )
      .default({})
      .describe("Per country, the time zone to use instead of the capital's (e.g. US: America/Chicago)."),
    weekends: z
      .record(
        z.string().regex(/^[A-Z]{2}$/, "must be an ISO country code"),
        z.array(z.enum(WEEKDAYS, 'must be a day: "mon" … "sun"')).max(6, "leave at least one working day"),
      )
      .default({})
      .describe(
        'Per country, the weekend days for "workdays" instead of the government\'s (e.g. BD: ["fri", "sat"]).',
      ),
  })
  .refine((w) => w.from < w.to, { message: "from must be earlier than to", path: ["to"] });

export type SendingWindow = z.infer<typeof sendingWindowSchema>;
