// The per-mu benefit evaluation (亩均效益评价): recomputed grades checked against a plain
// reimplementation on the real rows — scores, ranks within each county, cut-off shares, T for the
// unrated — settings that change the outcome, who may run it, its audit, and what a plot shows.
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/policy.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import type { GradingRun } from '../../server/src/grading/schemas.ts';
import type { PlotDetail, PlotList } from '../../server/src/plots/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';
import { tileAt } from '../support/tiles.ts';

interface Settings {
  weights: { taxPerMu: number; salesPerMu: number; green: number; benchmarkFactor: number };
  cutoffs: { A: number; B: number; C: number };
  eligibility: { landUseCodes: string[]; statuses: string[]; minYearsInProduction: number };
  benchmarks: Record<string, { taxPerMu?: number; salesPerMu?: number; green?: number }>;
}

interface Row {
  id: number;
  district_code: string;
  status: string;
  land_use_code: string;
  occupied: boolean;
  tax: number | null;
  sales: number | null;
  var: number | null;
  energy: number | null;
  production_start: string | null;
  grade: string | null;
  score: number | null;
  rank: number | null;
  rank_total: number | null;
}

const GRADED = ['A', 'B', 'C', 'D'] as const;
const INTERNAL_GRADING_FIELDS = [
  'grade',
  'gradeScore',
  'gradeRank',
  'gradeRankTotal',
  'gradedAt',
  'gradeBenchmarks',
  'indicators',
  'productionStartDate',
];

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The method as DOMAIN.md states it, written plainly: what each plot's grade should be. */
function expectedBenchmarks(rows: Row[], settings: Settings) {
  const today = new Date();
  const cutoff = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  cutoff.setUTCMonth(cutoff.getUTCMonth() - Math.round(settings.eligibility.minYearsInProduction * 12));
  const rated = (r: Row) =>
    r.occupied &&
    settings.eligibility.statuses.includes(r.status) &&
    settings.eligibility.landUseCodes.some((code) => r.land_use_code.startsWith(code)) &&
    r.tax !== null &&
    r.sales !== null &&
    r.var !== null &&
    r.energy !== null &&
    (r.production_start === null || r.production_start <= isoDay(cutoff));
  const green = (r: Row) => {
    const energy = (r.energy as number) * (r.sales as number) * (r.var as number);
    return energy > 0 ? (r.tax as number) / energy : 0;
  };
  const sums = new Map<string, { n: number; tax: number; sales: number; green: number }>();
  for (const r of rows.filter(rated)) {
    const s = sums.get(r.district_code) ?? { n: 0, tax: 0, sales: 0, green: 0 };
    s.n += 1;
    s.tax += r.tax as number;
    s.sales += r.sales as number;
    s.green += green(r);
    sums.set(r.district_code, s);
  }
  const f = settings.weights.benchmarkFactor;
  const bench = new Map(
    [...sums].map(([code, s]) => {
      const set = settings.benchmarks[code] ?? {};
      return [
        code,
        {
          n: s.n,
          taxPerMu: set.taxPerMu ?? round4((f * s.tax) / s.n),
          salesPerMu: set.salesPerMu ?? round4((f * s.sales) / s.n),
          green: set.green ?? round4((f * s.green) / s.n),
        },
      ];
    }),
  );
  const score = (r: Row) => {
    const b = bench.get(r.district_code)!;
    const w = settings.weights;
    return round4(
      (w.taxPerMu * (r.tax as number)) / b.taxPerMu +
        (w.salesPerMu * (r.sales as number)) / b.salesPerMu +
        (w.green * green(r)) / b.green,
    );
  };
  return { rated, score, bench, green };
}

describe.each(inject('backends'))('per-mu grading on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let publicApp: FastifyInstance;
  let investor: FastifyInstance;
  let manager: FastifyInstance;
  let original: { key: string; value: unknown }[];

  const viewer = (userId: number, role: Viewer['role'], zoneIds: number[] = []): Viewer => ({
    userId,
    username: role,
    role,
    zoneIds,
  });

  async function settings(): Promise<Settings> {
    const { rows } = await pool.query<{ key: string; value: never }>(
      "SELECT key, value FROM settings WHERE key LIKE 'grading.%'",
    );
    const get = (key: string) => rows.find((r) => r.key === `grading.${key}`)?.value;
    return {
      weights: get('weights')!,
      cutoffs: get('cutoffs')!,
      eligibility: get('eligibility')!,
      benchmarks: get('benchmarks') ?? {},
    };
  }

  async function setSetting(key: string, value: unknown): Promise<void> {
    await pool.query('UPDATE settings SET value = $2 WHERE key = $1', [
      `grading.${key}`,
      JSON.stringify(value),
    ]);
  }

  async function recompute(app = planner): Promise<GradingRun> {
    const response = await app.inject({ method: 'POST', url: '/api/analysis/grades' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<GradingRun>();
  }

  async function rows(): Promise<Row[]> {
    const result = await pool.query<Row>(
      `SELECT p.id, p.district_code, p.status, p.land_use_code, p.enterprise_name IS NOT NULL AS occupied,
              p.tax_per_mu AS tax, p.sales_per_mu AS sales, p.value_added_rate AS var,
              p.energy_per_value_added AS energy, to_char(p.production_start_date, 'YYYY-MM-DD') AS production_start,
              p.grade, g.score, g.rank, g.rank_total
       FROM plots p LEFT JOIN plot_grades g ON g.plot_id = p.id`,
    );
    return result.rows;
  }

  /** Checks every plot's stored evaluation against the plain reimplementation. */
  async function checkAgainstMethod(): Promise<{ rows: Row[]; s: Settings }> {
    const s = await settings();
    const all = await rows();
    const method = expectedBenchmarks(all, s);
    const { rows: stored } = await pool.query<{
      district_code: string;
      tax_per_mu: number;
      sales_per_mu: number;
      green: number;
      rated: number;
    }>('SELECT district_code, tax_per_mu, sales_per_mu, green, rated FROM grading_benchmarks');
    expect(stored.length).toBe(method.bench.size);
    for (const b of stored) {
      const want = method.bench.get(b.district_code)!;
      expect(b.rated).toBe(want.n);
      expect(b.tax_per_mu).toBeCloseTo(want.taxPerMu, 3);
      expect(b.sales_per_mu).toBeCloseTo(want.salesPerMu, 3);
      expect(b.green).toBeCloseTo(want.green, 3);
    }

    const byCounty = new Map<string, Row[]>();
    for (const r of all) {
      if (!r.occupied) {
        expect(r.grade, `plot ${r.id} has no occupant`).toBeNull();
        expect(r.score).toBeNull();
        continue;
      }
      if (!method.rated(r)) {
        expect(r.grade, `plot ${r.id} is not rated`).toBe('T');
        expect([r.score, r.rank, r.rank_total]).toEqual([null, null, null]);
        continue;
      }
      expect(r.score, `plot ${r.id}`).not.toBeNull();
      expect(Math.abs((r.score as number) - method.score(r)), `score of plot ${r.id}`).toBeLessThanOrEqual(
        2e-4,
      );
      byCounty.set(r.district_code, [...(byCounty.get(r.district_code) ?? []), r]);
    }
    for (const [county, rated] of byCounty) {
      const total = rated.length;
      const scores = rated.map((r) => r.score as number).sort((a, b) => b - a);
      for (const r of rated) {
        // Ranked within the county by score, ties sharing the better rank.
        expect(r.rank_total).toBe(total);
        expect(r.rank).toBe(1 + scores.indexOf(r.score as number));
        const above = (r.rank as number) - 1;
        const want =
          above < s.cutoffs.A * total
            ? 'A'
            : above < s.cutoffs.B * total
              ? 'B'
              : above < s.cutoffs.C * total
                ? 'C'
                : 'D';
        expect(r.grade, `plot ${r.id} ranked ${r.rank} of ${total} in ${county}`).toBe(want);
      }
      // The cut-offs give the shares they name (A top 20%, B to 60%, C to 95%, D the rest).
      const share = (grade: string) => rated.filter((r) => r.grade === grade).length / total;
      const slack = 3 / total;
      expect(Math.abs(share('A') - s.cutoffs.A)).toBeLessThanOrEqual(slack);
      expect(Math.abs(share('B') - (s.cutoffs.B - s.cutoffs.A))).toBeLessThanOrEqual(slack);
      expect(Math.abs(share('C') - (s.cutoffs.C - s.cutoffs.B))).toBeLessThanOrEqual(slack);
      expect(Math.abs(share('D') - (1 - s.cutoffs.C))).toBeLessThanOrEqual(slack);
      // A better grade never has a lower score than a worse one in the same county.
      for (let i = 1; i < GRADED.length; i += 1) {
        const better = rated.filter((r) => r.grade === GRADED[i - 1]).map((r) => r.score as number);
        const worse = rated.filter((r) => r.grade === GRADED[i]).map((r) => r.score as number);
        if (better.length && worse.length)
          expect(Math.min(...better)).toBeGreaterThanOrEqual(Math.max(...worse));
      }
    }
    return { rows: all, s };
  }

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
    publicApp = await appFor(backend, pool);
    investor = await appFor(backend, pool, viewer(4, 'investor'));
    manager = await appFor(backend, pool, viewer(3, 'zone_manager', [1]));
    original = (await pool.query("SELECT key, value FROM settings WHERE key LIKE 'grading.%'")).rows;
  });
  afterAll(async () => {
    // Other test files share this database: leave the settings, dates and grades as seeded.
    for (const { key, value } of original) {
      await pool.query('UPDATE settings SET value = $2 WHERE key = $1', [key, JSON.stringify(value)]);
    }
    await pool.query('UPDATE plots SET production_start_date = NULL WHERE production_start_date IS NOT NULL');
    await recompute();
    await Promise.all([planner.close(), publicApp.close(), investor.close(), manager.close()]);
    await pool.end();
  });

  it('grades the city as the method says, and a second run changes nothing', async () => {
    await recompute();
    const { rows: all } = await checkAgainstMethod();
    // The sample city has every grade, and unoccupied plots have none.
    expect(new Set(all.map((r) => r.grade))).toEqual(new Set(['A', 'B', 'C', 'D', 'T', null]));
    const run = await recompute();
    expect(run.changed).toBe(0);
    const counts = await pool.query<{ district_code: string; grade: string; n: number }>(
      `SELECT district_code, grade, count(*)::int AS n FROM plots WHERE grade IS NOT NULL
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    for (const { district_code, grade, n } of counts.rows) {
      const district = run.districts.find((d) => d.districtCode === district_code)!;
      expect(district.counts[grade as 'A']).toBe(n);
    }
    const sum = (grade: 'A' | 'T') =>
      counts.rows.filter((r) => r.grade === grade).reduce((a, r) => a + r.n, 0);
    expect(run.totals.A).toBe(sum('A'));
    expect(run.totals.T).toBe(sum('T'));
    expect(run.districts.every((d) => d.rated === d.counts.A + d.counts.B + d.counts.C + d.counts.D)).toBe(
      true,
    );
    expect(run.milliseconds).toBeGreaterThanOrEqual(0);
    expect(Date.now() - Date.parse(run.gradedAt)).toBeLessThan(120_000);
  });

  it('rates no one in their first two years of production, nor non-industrial or idle occupants', async () => {
    const { rows: candidates } = await pool.query<{ id: number }>(
      `SELECT p.id FROM plots p JOIN plot_grades g ON g.plot_id = p.id
       WHERE p.grade IN ('A', 'B') ORDER BY p.id LIMIT 2`,
    );
    const [young, established] = candidates.map((r) => r.id);
    const yearsAgo = (years: number) => {
      const d = new Date();
      d.setUTCFullYear(d.getUTCFullYear() - years);
      return isoDay(d);
    };
    await pool.query('UPDATE plots SET production_start_date = $2 WHERE id = $1', [young, yearsAgo(1)]);
    await pool.query('UPDATE plots SET production_start_date = $2 WHERE id = $1', [established, yearsAgo(3)]);
    await recompute();
    const { rows: all } = await checkAgainstMethod();
    const byId = new Map(all.map((r) => [r.id, r]));
    expect(byId.get(young!)?.grade).toBe('T');
    expect(GRADED).toContain(byId.get(established!)?.grade);
    const others = all.filter(
      (r) => r.occupied && (r.status === 'idle' || !r.land_use_code.startsWith('1001')),
    );
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((r) => r.grade === 'T')).toBe(true);

    // The rule is a setting: with no minimum the young firm is rated again.
    const s = await settings();
    await setSetting('eligibility', { ...s.eligibility, minYearsInProduction: 0 });
    await recompute();
    expect((await pool.query('SELECT grade FROM plots WHERE id = $1', [young])).rows[0].grade).not.toBe('T');
    await setSetting('eligibility', s.eligibility);
  });

  it('scores with the weights, benchmarks and cut-offs in the settings', async () => {
    const s = await settings();
    const before = new Map((await rows()).map((r) => [r.id, r.score]));

    // Tax per mu alone: the score is tax ÷ benchmark, and the ranking follows tax.
    await setSetting('weights', { taxPerMu: 1, salesPerMu: 0, green: 0, benchmarkFactor: 2 });
    await recompute();
    const taxOnly = (await checkAgainstMethod()).rows.filter((r) => r.score !== null);
    expect(taxOnly.some((r) => r.score !== before.get(r.id))).toBe(true);
    const county = taxOnly[0]!.district_code;
    const inCounty = taxOnly.filter((r) => r.district_code === county).sort((a, b) => a.rank! - b.rank!);
    for (let i = 1; i < inCounty.length; i += 1) {
      expect(inCounty[i - 1]!.tax!).toBeGreaterThanOrEqual(inCounty[i]!.tax! - 0.01);
    }

    // A benchmark set for one county replaces factor × average there, and only there.
    await setSetting('benchmarks', { [county]: { taxPerMu: 50 } });
    await recompute();
    await checkAgainstMethod();
    const bench = await pool.query('SELECT district_code, tax_per_mu FROM grading_benchmarks ORDER BY 1');
    expect(bench.rows.find((b) => b.district_code === county)?.tax_per_mu).toBe(50);
    expect(bench.rows.filter((b) => b.tax_per_mu === 50)).toHaveLength(1);
    const sample = (await rows()).find((r) => r.district_code === county && r.score !== null)!;
    expect(sample.score).toBeCloseTo(sample.tax! / 50, 3);

    // Wider cut-offs: half of each county is A.
    await setSetting('cutoffs', { A: 0.5, B: 0.6, C: 0.95 });
    const run = await recompute();
    await checkAgainstMethod();
    const rated = run.totals.A + run.totals.B + run.totals.C + run.totals.D;
    expect(run.totals.A / rated).toBeCloseTo(0.5, 1);
    // The map's filter reads the recomputed grades.
    const listed = (await planner.inject('/api/plots?grade=A&limit=1')).json<PlotList>();
    expect(listed.total).toBe(run.totals.A);

    for (const key of ['weights', 'benchmarks', 'cutoffs'] as const) await setSetting(key, s[key]);
  });

  it('refuses unusable settings, naming them, and changes nothing', async () => {
    const s = await settings();
    const grades = async () =>
      (await pool.query('SELECT grade, count(*)::int AS n FROM plots GROUP BY 1 ORDER BY 1')).rows;
    const before = await grades();
    const audits = async () =>
      (await pool.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'grades.recomputed'"))
        .rows[0].n;
    const auditsBefore = await audits();
    const cases: [keyof Settings, unknown, RegExp][] = [
      ['weights', { ...s.weights, benchmarkFactor: 0 }, /grading\.weights/],
      ['cutoffs', { A: 0.6, B: 0.2, C: 0.95 }, /grading\.cutoffs/],
      ['benchmarks', { '320812': { taxPerMu: -3 } }, /grading\.benchmarks.*320812\.taxPerMu/],
      ['eligibility', { ...s.eligibility, statuses: 'in_use' }, /grading\.eligibility/],
    ];
    for (const [key, value, message] of cases) {
      await setSetting(key, value);
      const response = await planner.inject({ method: 'POST', url: '/api/analysis/grades' });
      await setSetting(key, s[key]);
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().message).toMatch(message);
    }
    expect(await grades()).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it('is for planners only, and each run is audited once with its counts', async () => {
    expect((await publicApp.inject({ method: 'POST', url: '/api/analysis/grades' })).statusCode).toBe(401);
    expect((await investor.inject({ method: 'POST', url: '/api/analysis/grades' })).statusCode).toBe(403);
    expect((await manager.inject({ method: 'POST', url: '/api/analysis/grades' })).statusCode).toBe(403);

    const last = async () =>
      (await pool.query('SELECT max(id)::int AS id FROM audit_events')).rows[0].id as number;
    const before = await last();
    const run = await recompute();
    const { rows: events } = await pool.query(
      'SELECT action, actor_id, entity_type, after FROM audit_events WHERE id > $1 ORDER BY id',
      [before],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'grades.recomputed',
      actor_id: PLANNER.userId,
      entity_type: 'grading',
    });
    expect(events[0].after.totals).toEqual(run.totals);
    expect(events[0].after.settings['grading.weights']).toEqual((await settings()).weights);
  });

  it("shows internal viewers a plot's indicators, score, rank and evaluation date; the public none of it", async () => {
    const { rows: picked } = await pool.query<{ id: number; zone_id: number | null }>(
      `SELECT p.id, p.zone_id FROM plots p JOIN plot_grades g ON g.plot_id = p.id
       WHERE g.rank = 1 AND p.zone_id IS NOT NULL AND p.zone_id <> 1 ORDER BY p.id LIMIT 1`,
    );
    const plotId = picked[0]!.id;
    const { rows: expected } = await pool.query(
      `SELECT p.grade, g.score, g.rank, g.rank_total, b.tax_per_mu, b.sales_per_mu, b.green, b.graded_at,
              green_index(p.tax_per_mu, p.sales_per_mu, p.value_added_rate, p.energy_per_value_added) AS green_index
       FROM plots p JOIN plot_grades g ON g.plot_id = p.id JOIN grading_benchmarks b USING (district_code)
       WHERE p.id = $1`,
      [plotId],
    );
    const want = expected[0];
    const detail = (await planner.inject(`/api/plots/${plotId}`)).json<PlotDetail>();
    expect(detail.grade).toBe('A');
    expect(detail).toMatchObject({
      gradeScore: want.score,
      gradeRank: 1,
      gradeRankTotal: want.rank_total,
      gradeBenchmarks: { taxPerMu: want.tax_per_mu, salesPerMu: want.sales_per_mu, green: want.green },
    });
    expect(Math.abs(Date.parse(detail.gradedAt!) - new Date(want.graded_at).getTime())).toBeLessThanOrEqual(
      1,
    );
    expect(detail.indicators?.greenIndex).toBeCloseTo(want.green_index, 3);

    const tPlot = (await pool.query("SELECT id FROM plots WHERE grade = 'T' ORDER BY id LIMIT 1")).rows[0].id;
    const t = (await planner.inject(`/api/plots/${tPlot}`)).json<PlotDetail>();
    expect(t).toMatchObject({ grade: 'T', gradeScore: null, gradeRank: null, gradeRankTotal: null });

    // The public, and a zone manager of another zone, get none of it.
    for (const app of [publicApp, manager]) {
      const response = await app.inject(`/api/plots/${plotId}`);
      expect(response.statusCode).toBe(200);
      for (const field of INTERNAL_GRADING_FIELDS) expect(response.json()).not.toHaveProperty(field);
      expect(response.body).not.toMatch(
        /"(gradeScore|gradeRank|gradeRankTotal|gradedAt|gradeBenchmarks|greenIndex)"/,
      );
    }
  });

  it('recolours the map: plot tiles carry the recomputed grade to planners', async () => {
    const { rows: picked } = await pool.query(
      `SELECT p.id, ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat
       FROM plots p JOIN plot_grades g ON g.plot_id = p.id
       WHERE p.grade = 'B' AND g.rank - 1 < 0.3 * g.rank_total ORDER BY p.area_mu DESC LIMIT 1`,
    );
    const plot = picked[0];
    const tileGrade = async () => {
      const [z, x, y] = tileAt(plot.lon, plot.lat, 15);
      const response = await planner.inject(`/tiles/plots/${z}/${x}/${y}.mvt`);
      expect(response.statusCode).toBe(200);
      const layer = new VectorTile(new PbfReader(response.rawPayload)).layers.plots!;
      for (let i = 0; i < layer.length; i += 1) {
        const feature = layer.feature(i);
        if (Number(feature.id) === plot.id) return feature.properties.grade;
      }
      return undefined;
    };
    expect(await tileGrade()).toBe('B');
    const s = await settings();
    await setSetting('cutoffs', { A: 0.3, B: 0.6, C: 0.95 });
    await recompute();
    expect(await tileGrade()).toBe('A');
    await setSetting('cutoffs', s.cutoffs);
    await recompute();
    expect(await tileGrade()).toBe('B');
  });
});
