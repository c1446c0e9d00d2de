/**
 * Calendar dates as YYYY-MM-DD: the one check that a text is a real date (2026-02-30 is not), the date
 * prefix of a timestamp, and the date a moment falls on in a time zone (the machine's own for "today":
 * an approval typed at 00:30 in Manila is dated that day, not the UTC day before). Pure.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is exactly a real date as YYYY-MM-DD (four-digit year, a day that month has). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2012-11-14`, `2012-11-14T10:00:00Z`, `2012-11-14 10:00` → `2012-11-14`; anything else undefined. */
export function calendarDatePrefix(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text.trim());
  return m?.[1] !== undefined && isCalendarDate(m[1]) ? m[1] : undefined;
}

/** The date (YYYY-MM-DD) the moment `ms` falls on in `timeZone` (an IANA name such as "Asia/Manila"). */
export function calendarDateIn(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}
