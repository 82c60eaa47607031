// The dashboard (统计): every figure equals a sum taken straight from the tables, filters and a zone
// manager's own zones scope it, and the CSV and XLSX exports carry the same numbers.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/policy.ts';
import { EXPORT_WORD_KEYS } from '../../server/src/dashboard/labels.ts';
import type { Dashboard, DashboardFigures } from '../../server/src/dashboard/schemas.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { withTransaction } from '../../server/src/db/pool.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

const STATUSES = ['in_use', 'low_efficiency', 'idle', 'revitalizing', 'available', 'reserved', 'supplied'];
const INEFFICIENT = ['low_efficiency', 'idle', 'revitalizing'];
const TYPES = [
  'idle',
  'low_output',
  'low_intensity',
  'halted',
  'industry_mismatch',
  'noncompliant',
  'grade_d',
  'unclassified',
];
const STAGES = ['talks', 'signed', 'started', 'producing'];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A scope as the test computes it: plots and projects matching a condition on p / pr / z. */
interface Scope {
  plots: string;
  parcels: string;
  projects: string;
  params: unknown[];
}
const CITY: Scope = { plots: 'true', parcels: 'true', projects: 'true', params: [] };
const district = (code: string): Scope => ({
  plots: 'p.district_code = $1',
  parcels: '$1 = ANY (pa.district_codes)',
  projects: 'z.district_code = $1',
  params: [code],
});
const zone = (id: number | null): Scope =>
  id === null
    ? { plots: 'p.zone_id IS NULL', parcels: 'false', projects: 'pr.zone_id IS NULL', params: [] }
    : {
        plots: 'p.zone_id = $1',
        parcels: '$1 = ANY (pa.zone_ids)',
        projects: 'pr.zone_id = $1',
        params: [id],
      };
const both = (a: Scope, b: Scope): Scope => ({
  plots: `${a.plots} AND ${b.plots.replace('$1', '$2')}`,
  parcels: `${a.parcels} AND ${b.parcels.replace('$1', '$2')}`,
  projects: `${a.projects} AND ${b.projects.replace('$1', '$2')}`,
  params: [...a.params, ...b.params],
});

/** The value a figure-column key of the export names, read from the JSON figures. */
function figureAt(figures: DashboardFigures, key: string): number {
  const parts = key.split('.');
  const last = parts.pop()!;
  const [head, sub] = parts;
  if (head === 'status') return figures.byStatus[sub as 'idle'][last as 'count'];
  if (head === 'type') return figures.byInefficiencyType[sub as 'idle'][last as 'count'];
  if (head === 'stage') return figures.projects.byStage[sub as 'talks'][last as 'count'];
  const group = figures[head as 'plots'] as unknown as Record<string, number>;
  return group[last]!;
}

describe('the dashboard export headings', () => {
  it('has the same words in Chinese and English', () => {
    expect([...EXPORT_WORD_KEYS.en].sort()).toEqual([...EXPORT_WORD_KEYS.zh].sort());
  });
});

describe.each(inject('backends'))('the dashboard on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let manager: FastifyInstance;
  let managerZone: { id: number; district_code: string };
  let otherZone: { id: number; district_code: string };

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
    const zones = await pool.query<{ id: number; code: string; district_code: string }>(
      'SELECT id, code, district_code FROM zones ORDER BY id',
    );
    managerZone = zones.rows.find((z) => z.code === 'HA-ETDZ')!;
    otherZone = zones.rows.find((z) => z.district_code !== managerZone.district_code)!;
    const managerViewer: Viewer = {
      userId: 3,
      username: 'zone_manager',
      role: 'zone_manager',
      zoneIds: [managerZone.id],
    };
    manager = await appFor(backend, pool, managerViewer);
  });
  afterAll(async () => {
    await Promise.all([planner.close(), manager.close()]);
    await pool.end();
  });

  const one = async <T>(sql: string, params: unknown[]): Promise<T> =>
    (await pool.query(sql, params)).rows[0] as T;
  const tally = (sql: string, params: unknown[]) => one<{ count: number; areaMu: number }>(sql, params);

  /** Every figure of a scope, summed straight from plots, audit events, parcels, reservations, projects. */
  async function expected(scope: Scope): Promise<DashboardFigures> {
    const { plots: where, params } = scope;
    const plotSum = `SELECT count(*)::int AS count, coalesce(round(sum(p.area_mu::numeric), 2), 0)::float8 AS "areaMu"
                     FROM plots p WHERE ${where}`;
    const byStatus: Record<string, { count: number; areaMu: number }> = {};
    for (const status of STATUSES) {
      byStatus[status] = await tally(`${plotSum} AND p.status = $${params.length + 1}`, [...params, status]);
    }
    const byType: Record<string, { count: number; areaMu: number }> = {};
    for (const type of TYPES) {
      byType[type] = await tally(
        `${plotSum} AND p.status = ANY ($${params.length + 1}) AND coalesce(p.inefficiency_type, 'unclassified') = $${params.length + 2}`,
        [...params, INEFFICIENT, type],
      );
    }
    // Revitalized: a status change out of low-efficiency, idle or revitalizing into available,
    // supplied or in use, since the first day of the month 23 months ago (Beijing time).
    const revitalized = await tally(
      `SELECT count(*)::int AS count, coalesce(round(sum(p.area_mu::numeric), 2), 0)::float8 AS "areaMu"
       FROM audit_events e JOIN plots p ON p.id::text = e.entity_id
       WHERE e.entity_type = 'plot' AND e.action = 'plot.status_changed'
         AND e.before ->> 'status' IN ('low_efficiency', 'idle', 'revitalizing')
         AND e.after ->> 'status' IN ('available', 'supplied', 'in_use')
         AND e.at >= (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '23 months') AT TIME ZONE 'Asia/Shanghai'
         AND ${where}`,
      params,
    );
    const parcels = await tally(
      `SELECT count(*)::int AS count, coalesce(round(sum(pa.area_mu::numeric), 2), 0)::float8 AS "areaMu"
       FROM parcels pa WHERE pa.scope = 'planning' AND ${scope.parcels}`,
      params,
    );
    const reservations = await one<DashboardFigures['reservations']>(
      `SELECT count(DISTINCT r.id)::int AS count, count(*)::int AS "plotCount",
              coalesce(round(sum(p.area_mu::numeric), 2), 0)::float8 AS "areaMu",
              count(DISTINCT r.id) FILTER (WHERE upper(r.period) < now() + interval '30 days')::int AS "expiringSoon"
       FROM reservations r JOIN reservation_plots rp ON rp.reservation_id = r.id JOIN plots p ON p.id = rp.plot_id
       WHERE r.status = 'active' AND ${where}`,
      params,
    );
    const projectFrom = `FROM projects pr LEFT JOIN zones z ON z.id = pr.zone_id WHERE ${scope.projects}`;
    const projectSum = `SELECT count(*)::int AS count, coalesce(sum(pr.investment_yi), 0)::float8 AS "investmentYi" ${projectFrom}`;
    const projects = await one<{ count: number; investmentYi: number }>(projectSum, params);
    const byStage: Record<string, { count: number; investmentYi: number }> = {};
    for (const stage of STAGES) {
      byStage[stage] = await one(`${projectSum} AND pr.stage = $${params.length + 1}`, [...params, stage]);
    }
    const reviews = await one<{ due: number; overdue: number }>(
      `SELECT count(*) FILTER (WHERE pr.review_due_at >= now())::int AS due,
              count(*) FILTER (WHERE pr.review_due_at < now())::int AS overdue
       ${projectFrom} AND pr.review_due_at IS NOT NULL AND pr.city_reviewed_at IS NULL`,
      params,
    );
    return {
      plots: await tally(plotSum, params),
      byStatus: byStatus as DashboardFigures['byStatus'],
      inefficient: await tally(`${plotSum} AND p.status = ANY ($${params.length + 1})`, [
        ...params,
        INEFFICIENT,
      ]),
      byInefficiencyType: byType as DashboardFigures['byInefficiencyType'],
      revitalized,
      parcels,
      reservations,
      projects: { ...projects, byStage: byStage as DashboardFigures['projects']['byStage'] },
      reviews,
    };
  }

  /** Derives any parcels still queued, so the figures and the sums below see the same parcels. */
  const settleParcels = () => pool.query('SELECT parcels_refresh()');

  async function dashboard(app: FastifyInstance, query = ''): Promise<Dashboard> {
    const response = await app.inject(`/api/dashboard${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Dashboard>();
  }

  it('shows a planner figures for the city, each district and each zone that equal direct SQL sums', async () => {
    await settleParcels();
    const data = await dashboard(planner);
    expect(data.isSample).toBe(true);
    expect(data.scope).toEqual({ districtCode: null, zoneId: null, zoneIds: null });
    expect(data.totals).toEqual(await expected(CITY));
    // The sample city has something in every chart: history, parcels, projects and reviews.
    expect(data.totals.plots.count).toBeGreaterThan(8000);
    expect(data.totals.revitalized.count).toBeGreaterThan(50);
    expect(data.totals.parcels.count).toBeGreaterThan(0);
    expect(data.totals.reviews.due + data.totals.reviews.overdue).toBeGreaterThan(0);

    const districts = await pool.query<{ code: string }>('SELECT code FROM districts ORDER BY code');
    expect(data.byDistrict.map((d) => d.districtCode)).toEqual(districts.rows.map((d) => d.code));
    for (const row of data.byDistrict) {
      expect(row.figures, row.districtCode).toEqual(await expected(district(row.districtCode)));
    }
    const zones = await pool.query<{ id: number }>('SELECT id FROM zones');
    expect(data.byZone.map((z) => z.zoneId).sort()).toEqual(zones.rows.map((z) => z.id).sort());
    for (const row of data.byZone) {
      expect(row.figures, `zone ${row.zoneId}`).toEqual(await expected(zone(row.zoneId)));
    }
    // The monthly series adds up to the window's total, month by month from oldest to now.
    expect(data.revitalization).toHaveLength(data.definitions.months);
    const months = data.revitalization.map((m) => m.month);
    expect([...months].sort()).toEqual(months);
    expect(data.revitalization.reduce((sum, m) => sum + m.count, 0)).toBe(data.totals.revitalized.count);
    expect(data.reviews).toHaveLength(data.totals.reviews.due + data.totals.reviews.overdue);
  });

  it('scopes every figure to the district and the zone asked for', async () => {
    await settleParcels();
    const code = otherZone.district_code;
    const byDistrict = await dashboard(planner, `?districtCode=${code}`);
    expect(byDistrict.scope.districtCode).toBe(code);
    expect(byDistrict.totals).toEqual(await expected(district(code)));
    expect(byDistrict.byDistrict.map((d) => d.districtCode)).toEqual([code]);
    const inDistrict = await pool.query<{ id: number }>('SELECT id FROM zones WHERE district_code = $1', [
      code,
    ]);
    expect(byDistrict.byZone.map((z) => z.zoneId).sort()).toEqual(inDistrict.rows.map((z) => z.id).sort());

    const byZone = await dashboard(planner, `?zoneId=${otherZone.id}`);
    expect(byZone.totals).toEqual(await expected(zone(otherZone.id)));
    expect(byZone.byZone.map((z) => z.zoneId)).toEqual([otherZone.id]);
    expect(byZone.totals.plots.count).toBeLessThan(byDistrict.totals.plots.count + 1);

    // A zone and a district that do not overlap: nothing.
    const neither = await dashboard(
      planner,
      `?districtCode=${managerZone.district_code}&zoneId=${otherZone.id}`,
    );
    expect(neither.totals).toEqual(
      await expected(both(district(managerZone.district_code), zone(otherZone.id))),
    );
    expect(neither.totals.plots.count).toBe(0);

    expect((await planner.inject('/api/dashboard?districtCode=999999')).statusCode).toBe(404);
    expect((await planner.inject('/api/dashboard?zoneId=99999')).statusCode).toBe(404);
    expect((await planner.inject('/api/dashboard?districtCode=abc')).statusCode).toBe(400);
  });

  it('holds a zone manager to their own zones, whatever they ask for', async () => {
    await settleParcels();
    const own = await dashboard(manager);
    expect(own.scope.zoneIds).toEqual([managerZone.id]);
    expect(own.totals).toEqual(await expected(zone(managerZone.id)));
    expect(own.byZone.map((z) => z.zoneId)).toEqual([managerZone.id]);
    expect(own.byDistrict.map((d) => d.districtCode)).toEqual([managerZone.district_code]);
    expect(own.totals.plots.count).toBeGreaterThan(0);

    // Another district holds none of their zones: nothing to show, not the district's figures.
    const elsewhere = await dashboard(manager, `?districtCode=${otherZone.district_code}`);
    expect(elsewhere.totals.plots.count).toBe(0);
    expect(elsewhere.totals.projects.count).toBe(0);
    const refused = await manager.inject(`/api/dashboard?zoneId=${otherZone.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/not one of your zones/);
    expect((await manager.inject(`/api/dashboard/export?format=csv&zoneId=${otherZone.id}`)).statusCode).toBe(
      403,
    );

    const lonely = await appFor(backend, pool, {
      userId: 3,
      username: 'nozone',
      role: 'zone_manager',
      zoneIds: [],
    });
    try {
      const nothing = (await lonely.inject('/api/dashboard')).json<Dashboard>();
      expect(nothing.totals.plots.count).toBe(0);
      expect(nothing.totals.projects.count).toBe(0);
      expect(nothing.byZone).toEqual([]);
      expect(nothing.reviews).toEqual([]);
    } finally {
      await lonely.close();
    }
  });

  it('refuses investors and the public', async () => {
    const investor = await appFor(backend, pool, {
      userId: 4,
      username: 'investor',
      role: 'investor',
      zoneIds: [],
    });
    const visitor = await appFor(backend, pool);
    try {
      for (const url of [
        '/api/dashboard',
        '/api/dashboard/export?format=csv',
        '/api/dashboard/export?format=xlsx',
      ]) {
        expect((await investor.inject(url)).statusCode, url).toBe(403);
        expect((await visitor.inject(url)).statusCode, url).toBe(401);
      }
    } finally {
      await Promise.all([investor.close(), visitor.close()]);
    }
  });

  it('follows a reservation and a revitalization as they happen', async () => {
    const before = await dashboard(planner, `?zoneId=${managerZone.id}`);
    const plots = (
      await pool.query<{ id: number; area: number }>(
        `SELECT id, area_mu::numeric AS area FROM plots p WHERE zone_id = $1 AND status = 'available'
           AND NOT EXISTS (SELECT 1 FROM reservation_plots rp WHERE rp.plot_id = p.id AND rp.is_active)
         ORDER BY id LIMIT 2`,
        [managerZone.id],
      )
    ).rows;
    const idle = (
      await pool.query<{ id: number; inefficiency_type: string | null }>(
        "SELECT id, inefficiency_type FROM plots WHERE zone_id = $1 AND status = 'idle' ORDER BY id LIMIT 1",
        [managerZone.id],
      )
    ).rows[0]!;
    const project = (await pool.query<{ id: number }>('SELECT id FROM projects ORDER BY id LIMIT 1'))
      .rows[0]!;
    const reserved = await planner.inject({
      method: 'POST',
      url: '/api/reservations',
      payload: { projectId: project.id, plotIds: plots.map((p) => p.id), until: inDays(10) },
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    try {
      // An idle plot is revitalized: supplied to a new owner now.
      await withTransaction(
        pool,
        (client) =>
          client.query("UPDATE plots SET status = 'supplied', inefficiency_type = NULL WHERE id = $1", [
            idle.id,
          ]),
        PLANNER.userId,
      );
      await settleParcels();
      const after = await dashboard(planner, `?zoneId=${managerZone.id}`);
      expect(after.totals).toEqual(await expected(zone(managerZone.id)));
      expect(after.totals.reservations.count).toBe(before.totals.reservations.count + 1);
      expect(after.totals.reservations.plotCount).toBe(before.totals.reservations.plotCount + 2);
      expect(after.totals.reservations.expiringSoon).toBe(before.totals.reservations.expiringSoon + 1);
      expect(after.totals.byStatus.reserved.count).toBe(before.totals.byStatus.reserved.count + 2);
      expect(after.totals.byStatus.idle.count).toBe(before.totals.byStatus.idle.count - 1);
      expect(after.totals.revitalized.count).toBe(before.totals.revitalized.count + 1);
      expect(after.revitalization.at(-1)!.count).toBe(before.revitalization.at(-1)!.count + 1);
      // The zone manager sees the same figures for their zone.
      expect((await dashboard(manager)).totals).toEqual(after.totals);
    } finally {
      await planner.inject({ method: 'POST', url: `/api/reservations/${reserved.json().id}/release` });
      await withTransaction(pool, async (client) => {
        await client.query('UPDATE plots SET status = $2, inefficiency_type = $3 WHERE id = $1', [
          idle.id,
          'idle',
          idle.inefficiency_type,
        ]);
        // The test's own history goes with it, so later figures are the sample city's again.
        await client.query(
          "DELETE FROM audit_events WHERE entity_type = 'plot' AND entity_id = $1 AND at > now() - interval '1 hour'",
          [String(idle.id)],
        );
      });
    }
  });

  it('exports the same numbers as CSV (UTF-8 with BOM) and XLSX (a sheet per table)', async () => {
    await settleParcels();
    const data = await dashboard(planner);
    const csv = await planner.inject('/api/dashboard/export?format=csv&table=districts');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename=".*districts.*\.csv"/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.slice(1).trim().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 2)).toEqual(['区县代码', '区县']);
    expect(lines).toHaveLength(data.byDistrict.length + 1);
    // The figure columns, in the order the export writes them (key names from the summary sheet).
    const keys = figureKeys();
    expect(header).toHaveLength(2 + keys.length);
    for (const [i, row] of data.byDistrict.entries()) {
      const cells = lines[i + 1]!.split(',');
      expect(cells.slice(0, 2)).toEqual([row.districtCode, row.name]);
      expect(cells.slice(2).map(Number)).toEqual(keys.map((key) => figureAt(row.figures, key)));
    }

    const everything = await planner.inject('/api/dashboard/export?format=csv&lang=en');
    for (const title of [
      'Summary',
      'By district',
      'By zone',
      'Revitalized by month',
      'Project stages',
      '72-hour reviews',
    ]) {
      expect(everything.body).toContain(`\r\n${title}\r\n`);
    }

    const xlsx = await planner.inject('/api/dashboard/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '说明',
      '汇总',
      '按区县',
      '按园区',
      '按状态',
      '低效用地按类型',
      '盘活面积按月',
      '项目阶段',
      '72小时会审',
    ]);
    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.rowCount).toBe(keys.length + 1);
    keys.forEach((key, i) => {
      expect(summary.getRow(i + 2).getCell(2).value, key).toBe(figureAt(data.totals, key));
    });
    const zones = workbook.getWorksheet('按园区')!;
    data.byZone.forEach((row, i) => {
      const cells = zones.getRow(i + 2).values as unknown[];
      expect(cells[1]).toBe(row.zoneId);
      expect(cells.slice(5)).toEqual(keys.map((key) => figureAt(row.figures, key)));
    });
    const months = workbook.getWorksheet('盘活面积按月')!;
    const monthTotals = (months.getSheetValues() as unknown[][]).filter(
      (cells) => Array.isArray(cells) && cells[2] === '合计',
    );
    expect(monthTotals.map((cells) => [cells[1], cells[5], cells[6]])).toEqual(
      data.revitalization.map((m) => [m.month, m.count, m.areaMu]),
    );
    expect(workbook.getWorksheet('说明')!.getSheetValues().flat()).toContain('示例数据');

    // A zone manager's export holds their zone's figures only.
    const own = (await dashboard(manager)).totals;
    const theirs = await manager.inject('/api/dashboard/export?format=csv&table=summary&lang=en');
    const firstRow = theirs.body.slice(1).split('\r\n')[1]!.split(',');
    expect(firstRow).toEqual(['Plots: count', String(own.plots.count), 'plots']);
  });

  /** The figure keys in export order: plots, statuses, inefficiency, types, and the rest. */
  function figureKeys(): string[] {
    const pair = (key: string) => [`${key}.count`, `${key}.areaMu`];
    return [
      ...pair('plots'),
      ...STATUSES.flatMap((s) => pair(`status.${s}`)),
      ...pair('inefficient'),
      ...TYPES.flatMap((t) => pair(`type.${t}`)),
      ...pair('revitalized'),
      ...pair('parcels'),
      'reservations.count',
      'reservations.plotCount',
      'reservations.areaMu',
      'reservations.expiringSoon',
      'projects.count',
      'projects.investmentYi',
      ...STAGES.flatMap((s) => [`stage.${s}.count`, `stage.${s}.investmentYi`]),
      'reviews.due',
      'reviews.overdue',
    ];
  }
});
