// Small pure helpers of the compliance panel: shares as percentages, verdicts, what a line lacks.

const percentFormats = new Map<string, Intl.NumberFormat>();

/** A share (0–1) as a percentage with one decimal in the given language; null as a dash. */
export function formatShare(language: string, share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  let format = percentFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    percentFormats.set(language, format);
  }
  return format.format(share);
}

export type Verdict = 'pass' | 'fail' | 'none';

/** How a figure stands against its minimum: met, missed, or nothing to judge (no lines, no land). */
export function verdictOf(pass: boolean | null): Verdict {
  if (pass === null) return 'none';
  return pass ? 'pass' : 'fail';
}

/**
 * Industrial area (mu) still missing for `part` of `whole` to reach `minimum`; 0 when met. It is what
 * a planner needs to bring into industrial use (or stop converting) for the line to comply.
 */
export function shortfallMu(part: number, whole: number, minimum: number): number {
  if (!(whole > 0)) return 0;
  return Math.max(0, minimum * whole - part);
}
