/**
 * Where a translation stands against its source letter, segment by segment: `current` (made from the
 * source text as it is now), `changed` (the source changed since), `new` (no translation yet), `gone`
 * (translated, but no longer in the source), or `untracked` (no record of which source it was made from).
 * And whether its approval still holds: the same source revision, the same translated bytes, nothing
 * stale. Pure.
 */
import { alignTranslation } from "./align-segments.js";
import { letterRevision, segmentHashes, type SegmentedLetter } from "./letter-segments.js";
import type { Segment, SegmentKind } from "./segment-letter.js";
import { revisionOf, sourceHash } from "./source-hash.js";
import type { Approval, LanguageRecord } from "./translations-record.js";

export type SegmentState = "current" | "changed" | "new" | "gone" | "untracked";

export interface SegmentStatus {
  id: string;
  kind: SegmentKind;
  state: SegmentState;
}

export interface LanguageStatus {
  language: string;
  /** The translated letter's templates exist. */
  exists: boolean;
  segments: SegmentStatus[];
  counts: Record<SegmentState, number>;
  /** Segments that are changed, new or gone. */
  stale: SegmentStatus[];
  sourceRevision: string;
  translationRevision?: string;
  approved?: Approval;
  /** An approval that covers the source and the translation as they are now, with nothing stale. */
  approvalCurrent: boolean;
}

const STALE: ReadonlySet<SegmentState> = new Set(["changed", "new", "gone"]);

export function translationStatus(
  language: string,
  source: SegmentedLetter,
  target: SegmentedLetter | undefined,
  record: LanguageRecord | undefined,
): LanguageStatus {
  const map = alignTranslation(source, target, record);
  const segments: SegmentStatus[] = source.segments.map((s) => ({
    id: s.id,
    kind: s.kind,
    state: stateOf(s, map.get(s.id), record),
  }));
  const mapped = new Set(map.values());
  for (const s of target?.segments ?? [])
    if (!mapped.has(s.id)) segments.push({ id: s.id, kind: s.kind, state: "gone" });
  const counts: Record<SegmentState, number> = { current: 0, changed: 0, new: 0, gone: 0, untracked: 0 };
  for (const s of segments) counts[s.state] += 1;
  const stale = segments.filter((s) => STALE.has(s.state));
  const sourceRevision = revisionOf(segmentHashes(source));
  const translationRevision = target ? letterRevision(target.texts) : undefined;
  const approved = record?.approved;
  return {
    language,
    exists: target !== undefined,
    segments,
    counts,
    stale,
    sourceRevision,
    ...(translationRevision ? { translationRevision } : {}),
    ...(approved ? { approved } : {}),
    approvalCurrent:
      approved !== undefined &&
      stale.length === 0 &&
      counts.untracked === 0 &&
      approved.source === sourceRevision &&
      approved.translation === translationRevision,
  };
}

/** `translatedBy`: the translation's segment for this one (alignTranslation), if any. */
function stateOf(
  s: Segment,
  translatedBy: string | undefined,
  record: LanguageRecord | undefined,
): SegmentState {
  const recorded = record?.segments[translatedBy ?? s.id];
  // A language may go without one of the source's salutation patterns: recorded, its absence is a choice.
  if (translatedBy === undefined && !(s.kind === "salutation" && recorded !== undefined)) return "new";
  if (recorded === undefined) return record ? "new" : "untracked";
  return recorded === sourceHash(s.text) ? "current" : "changed";
}

/** "text2.5 (changed), subject (new)": the stale segments of a language, for a line of output. */
export function describeStale(status: LanguageStatus, max = 8): string {
  const shown = status.stale.slice(0, max).map((s) => `${s.id} (${s.state})`);
  const more = status.stale.length > max ? `, and ${status.stale.length - max} more` : "";
  return shown.join(", ") + more;
}
