// The fixed "today" of the sample city: all relative dates derive from it, never from the real clock.
export const REFERENCE_DATE = '2026-06-30';

const DAY_MS = 86_400_000;
const REFERENCE_MS = Date.parse(`${REFERENCE_DATE}T00:00:00Z`);

/** The date `days` after the reference date (negative for before), as YYYY-MM-DD. */
export function dateFromReference(days: number): string {
  return new Date(REFERENCE_MS + Math.round(days) * DAY_MS).toISOString().slice(0, 10);
}

/** An ISO timestamp `hours` after the reference date's midnight in China (UTC+8). */
export function timestampFromReference(hours: number): string {
  const chinaMidnight = REFERENCE_MS - 8 * 3_600_000;
  return new Date(chinaMidnight + Math.round(hours * 60) * 60_000).toISOString();
}
