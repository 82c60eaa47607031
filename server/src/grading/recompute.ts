// The per-mu benefit evaluation (亩均效益评价): the database grades every occupied plot in one
// set-based statement (grade_plots(), migration 010); this runs it, times it and audits it.
import { recordAudit } from '../audit/record.ts';
import { type Pool, type PoolClient, withTransaction } from '../db/pool.ts';
import type { GradingRun } from './schemas.ts';

/** The grading settings cannot be used as they are; the message names the setting and the fault. */
export class GradingSettingsError extends Error {}

interface DistrictRow {
  district: string;
  name: string;
  name_en: string;
  benchmark_tax_per_mu: number | null;
  benchmark_sales_per_mu: number | null;
  benchmark_green: number | null;
  grade_a: number;
  grade_b: number;
  grade_c: number;
  grade_d: number;
  grade_t: number;
  grades_changed: number;
  graded_at: string;
}

/**
 * Grades every occupied plot from the settings `grading.*`, inside the caller's transaction
 * (nothing is audited here: the caller says who ran it and why).
 */
export async function gradePlots(client: PoolClient): Promise<GradingRun> {
  const started = performance.now();
  let rows: DistrictRow[];
  try {
    ({ rows } = await client.query<DistrictRow>(
      `SELECT g.*, d.name, d.name_en, to_json(now()) #>> '{}' AS graded_at
       FROM grade_plots() g JOIN districts d ON d.code = g.district
       ORDER BY g.district`,
    ));
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === '22023' && /^settings? grading\./.test(message)) throw new GradingSettingsError(message);
    throw error;
  }
  const totals = { A: 0, B: 0, C: 0, D: 0, T: 0 };
  let changed = 0;
  const districts = rows.map((row) => {
    const counts = { A: row.grade_a, B: row.grade_b, C: row.grade_c, D: row.grade_d, T: row.grade_t };
    for (const grade of ['A', 'B', 'C', 'D', 'T'] as const) totals[grade] += counts[grade];
    changed += row.grades_changed;
    return {
      districtCode: row.district,
      districtName: row.name,
      districtNameEn: row.name_en,
      rated: counts.A + counts.B + counts.C + counts.D,
      counts,
      changed: row.grades_changed,
      benchmarks: {
        taxPerMu: row.benchmark_tax_per_mu,
        salesPerMu: row.benchmark_sales_per_mu,
        green: row.benchmark_green,
      },
    };
  });
  const gradedAt = rows[0]?.graded_at ?? new Date().toISOString();
  return { gradedAt, milliseconds: Math.round(performance.now() - started), totals, changed, districts };
}

/** Recomputes every grade in one transaction and records it once in the audit log, with the counts. */
export async function recomputeGrades(pool: Pool, actorId: number | null): Promise<GradingRun> {
  return withTransaction(
    pool,
    async (client) => {
      // A batch over every plot: about 10–40 s at a million plots, longer than a request's limit.
      await client.query("SET LOCAL statement_timeout = '10min'");
      const run = await gradePlots(client);
      const { rows } = await client.query<{ settings: Record<string, unknown> }>(
        "SELECT jsonb_object_agg(key, value) AS settings FROM settings WHERE key LIKE 'grading.%'",
      );
      await recordAudit(client, {
        actorId,
        action: 'grades.recomputed',
        entityType: 'grading',
        entityId: 'plots',
        after: {
          totals: run.totals,
          changed: run.changed,
          milliseconds: run.milliseconds,
          districts: Object.fromEntries(
            run.districts.map((d) => [d.districtCode, { ...d.counts, benchmarks: d.benchmarks }]),
          ),
          settings: rows[0]?.settings ?? {},
        },
      });
      return run;
    },
    actorId,
  );
}
