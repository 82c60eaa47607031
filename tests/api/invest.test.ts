// The investor view's API (/api/invest): what a visitor (and a planner looking over their shoulder)
// gets on the landing page, the site list, plot, parcel and zone pages — and what they never get.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Pool, withTransaction } from '../../server/src/db/pool.ts';
import type {
  InvestSummary,
  ParcelPage,
  ParcelSite,
  PlotPage,
  PlotSite,
  SiteCollection,
  ZonePage,
} from '../../server/src/invest/schemas.ts';
import type { ParcelCollection } from '../../server/src/parcels/schemas.ts';
import type { PlotStats } from '../../server/src/plots/schemas.ts';
import type { Reservation } from '../../server/src/reservations/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

/** Keys that would carry internal data; none may appear anywhere in an investor answer. */
const INTERNAL_KEYS = [
  'enterpriseName',
  'enterprise',
  'inefficiencyType',
  'grade',
  'gradeScore',
  'gradeRank',
  'indicators',
  'investmentIntensity',
  'taxPerMu',
  'salesPerMu',
  'notes',
  'note',
  'occupantCount',
  'plan',
  'revitalization',
  'flags',
  'reservation',
  'reservations',
  'project',
  'investor',
  'holder',
  'internal',
  'scope',
  'contractedStartDate',
  'productionStartDate',
];
const PUBLIC_STATUSES = ['available', 'reserved', 'occupied'];

/** Every key in a JSON value, with the values of `status` keys. */
function keysOf(value: unknown, keys = new Set<string>(), statuses: unknown[] = []) {
  if (Array.isArray(value)) for (const item of value) keysOf(item, keys, statuses);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      if (key === 'status') statuses.push(inner);
      keysOf(inner, keys, statuses);
    }
  }
  return { keys, statuses };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const sortedIds = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe.each(inject('backends'))('investor view API on $name', (backend) => {
  let pool: Pool;
  let visitor: FastifyInstance;
  let planner: FastifyInstance;
  let minParcelAreaMu: number;
  /** Every response body the visitor received, to look for internal data in at the end. */
  const seen: { url: string; body: string }[] = [];

  beforeAll(async () => {
    pool = poolFor(backend);
    visitor = await appFor(backend, pool);
    planner = await appFor(backend, pool, PLANNER);
    const { rows } = await pool.query<{ min: number }>(
      "SELECT (value ->> 'minAreaMu')::float8 AS min FROM settings WHERE key = 'parcels.contiguity'",
    );
    minParcelAreaMu = rows[0]!.min;
  });
  afterAll(async () => {
    await Promise.all([visitor.close(), planner.close()]);
    await pool.end();
  });

  async function fetchOk(app: FastifyInstance, url: string): Promise<LightMyRequestResponse> {
    const response = await app.inject(url);
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    if (app === visitor) seen.push({ url, body: response.body });
    return response;
  }
  const get = async <T>(url: string, app = visitor): Promise<T> => (await fetchOk(app, url)).json<T>();
  const sites = (query: string) => get<SiteCollection>(`/api/invest/sites?limit=2000&${query}`);
  const plotCards = async (query: string) =>
    (await sites(query)).features.map((f) => f.properties as PlotSite);
  const parcelCards = async (query: string) =>
    (await sites(`kind=parcels&${query}`)).features.map((f) => f.properties as ParcelSite);

  async function idsBySql(sql: string, params: unknown[] = []): Promise<number[]> {
    const { rows } = await pool.query<{ id: number }>(sql, params);
    return sortedIds(rows.map((row) => Number(row.id)));
  }
  const availablePlotIds = (condition: string, params: unknown[] = []) =>
    idsBySql(`SELECT id FROM plots WHERE status = 'available' AND ${condition}`, params);
  const supplyParcelIds = (condition: string, params: unknown[] = []) =>
    idsBySql(
      `SELECT id FROM parcels t WHERE t.scope = 'supply' AND t.area_mu >= ${minParcelAreaMu} AND ${condition}`,
      params,
    );

  /** The zone with the most available plots, a district it has plots in, and an industry not every zone leads in. */
  async function sampleChoices() {
    const { rows } = await pool.query<{ zone_id: number; district_code: string }>(
      `SELECT zone_id, (SELECT district_code FROM plots WHERE zone_id = p.zone_id GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS district_code
         FROM plots p WHERE status = 'available' AND zone_id IS NOT NULL
        GROUP BY zone_id ORDER BY count(*) DESC, zone_id LIMIT 1`,
    );
    const summary = await get<InvestSummary>('/api/invest/summary');
    const industry = summary.industries.find(
      (name) =>
        summary.zones.filter((zone) => zone.industries.includes(name)).length < summary.zones.length / 2,
    )!;
    return { zoneId: rows[0]!.zone_id, districtCode: rows[0]!.district_code, industry };
  }

  it('opens on the same figures the public map and parcel list show', async () => {
    const summary = await get<InvestSummary>('/api/invest/summary');
    const available = await get<PlotStats>('/api/plots/stats?status=available');
    const all = await get<PlotStats>('/api/plots/stats');
    const parcels = await get<ParcelCollection>('/api/parcels?scope=supply&limit=1000');

    expect(summary.availablePlots).toBeGreaterThan(0);
    expect(summary.availablePlots).toBe(available.total);
    expect(summary.availableAreaMu).toBeCloseTo(available.totalAreaMu, 1);
    expect(summary.reservedPlots).toBe(all.byStatus.find((s) => s.status === 'reserved')!.count);
    expect(summary.minParcelAreaMu).toBe(minParcelAreaMu);
    expect(summary.parcels).toBeGreaterThan(0);
    expect(summary.parcels).toBe(parcels.numberMatched);
    const parcelArea = parcels.features.reduce((sum, f) => sum + f.properties.areaMu, 0);
    expect(summary.parcelsAreaMu).toBeCloseTo(parcelArea, 0);
    for (const parcel of parcels.features) expect(parcel.properties.areaMu).toBeGreaterThanOrEqual(500);
    expect(summary.isSample).toBe(true);

    // Every zone, with the most available land first, each agreeing with the public stats.
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM zones');
    expect(summary.zones).toHaveLength(rows[0]!.n);
    const areas = summary.zones.map((zone) => zone.availableAreaMu);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    for (const zone of summary.zones) {
      const stats = await get<PlotStats>(`/api/plots/stats?status=available&zoneId=${zone.id}`);
      expect(zone.availablePlots, zone.code).toBe(stats.total);
      expect(zone.availableAreaMu, zone.code).toBeCloseTo(stats.totalAreaMu, 1);
      expect(zone.parcels, zone.code).toBe(
        parcels.features.filter((f) => f.properties.zoneIds.includes(zone.id)).length,
      );
      // The office to call: sample data says it is sample data.
      expect(zone.contact.department).toMatch(/示例/);
      expect(zone.contact.departmentEn).toBe(`Investment Promotion Office, ${zone.nameEn} (sample)`);
      expect(zone.contact.phone).toMatch(/^0517-/);
      expect(zone.contact.email).toMatch(/@/);
      expect(zone.isSample).toBe(true);
    }

    // Leading industries: each zone's, once, the ones most zones lead in first.
    const counts = new Map<string, number>();
    for (const zone of summary.zones)
      for (const name of zone.industries) counts.set(name, (counts.get(name) ?? 0) + 1);
    expect([...summary.industries].sort()).toEqual([...counts.keys()].sort());
    const order = summary.industries.map((name) => counts.get(name)!);
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });

  it('names the leading industries and the offices in English too, the name as written where none is kept', async () => {
    const summary = await get<InvestSummary>('/api/invest/summary');
    // Every sample industry has an English name, in the same order as the Chinese ones.
    expect(summary.industriesEn).toHaveLength(summary.industries.length);
    const english = new Map(summary.industries.map((name, i) => [name, summary.industriesEn[i]!]));
    expect(english.get('新能源汽车及零部件')).toBe('New-energy vehicles and parts');
    for (const [name, nameEn] of english) expect(nameEn, name).toMatch(/^[A-Za-z][A-Za-z ,-]+$/);
    for (const zone of summary.zones)
      expect(zone.industriesEn, zone.code).toEqual(zone.industries.map((name) => english.get(name)));

    // A zone leading in an industry nobody has named in English shows it as written, in its place.
    const zone = summary.zones[0]!;
    const { rows } = await pool.query<{ industries: string[] }>(
      'SELECT industries FROM zones WHERE id = $1',
      [zone.id],
    );
    await pool.query(`UPDATE zones SET industries = array_append(industries, '低空经济') WHERE id = $1`, [
      zone.id,
    ]);
    try {
      const after = await get<InvestSummary>('/api/invest/summary');
      const changed = after.zones.find((z) => z.id === zone.id)!;
      expect(changed.industries).toEqual([...zone.industries, '低空经济']);
      expect(changed.industriesEn).toEqual([...zone.industriesEn, '低空经济']);
      expect(after.industriesEn[after.industries.indexOf('低空经济')]).toBe('低空经济');
      const parcels = await get<SiteCollection>(`/api/invest/sites?kind=parcels&zoneId=${zone.id}`);
      for (const parcel of parcels.features) {
        const props = parcel.properties as ParcelSite;
        expect(props.industriesEn).toHaveLength(props.industries.length);
        expect(props.industriesEn[props.industries.indexOf('低空经济')]).toBe('低空经济');
      }
    } finally {
      await pool.query('UPDATE zones SET industries = $2 WHERE id = $1', [zone.id, rows[0]!.industries]);
      // Both servers learn of the restore by notification; the next test compares their ETags.
      const { rows: version } = await pool.query<{ v: string }>(
        "SELECT last_value::text || CASE WHEN is_called THEN '' ELSE '-' END AS v FROM data_version",
      );
      for (const app of [visitor, planner])
        await expect.poll(() => app.db.version.current()).toBe(version[0]!.v);
    }
  });

  it('shows a planner looking at the investor view exactly what a visitor sees', async () => {
    const { rows } = await pool.query<{ plot: number; parcel: number; zone: number }>(
      `SELECT (SELECT id FROM plots WHERE status = 'low_efficiency' AND enterprise_name IS NOT NULL LIMIT 1) AS plot,
              (SELECT id FROM parcels WHERE scope = 'supply' ORDER BY area_mu DESC LIMIT 1) AS parcel,
              (SELECT id FROM zones ORDER BY id LIMIT 1) AS zone`,
    );
    const { plot, parcel, zone } = rows[0]!;
    for (const url of [
      '/api/invest/summary',
      '/api/invest/sites?limit=50',
      '/api/invest/sites?kind=parcels',
      `/api/invest/plots/${plot}`,
      `/api/invest/parcels/${parcel}`,
      `/api/invest/zones/${zone}`,
    ]) {
      const [asVisitor, asPlanner] = [await fetchOk(visitor, url), await fetchOk(planner, url)];
      expect(asPlanner.body, url).toBe(asVisitor.body);
      expect(asPlanner.headers.etag, url).toBe(asVisitor.headers.etag);
    }
  });

  it('lists available plots only, each filter narrowing to exactly the plots the data holds', async () => {
    const { zoneId, districtCode, industry } = await sampleChoices();
    const all = await plotCards('');
    expect(sortedIds(all.map((p) => p.id))).toEqual(await availablePlotIds('true'));
    for (const plot of all) expect(plot.kind).toBe('plot');

    const cases: [string, string, unknown[]][] = [
      [`zoneId=${zoneId}`, 'zone_id = $1', [zoneId]],
      [`districtCode=${districtCode}`, 'district_code = $1', [districtCode]],
      ['minAreaMu=20&maxAreaMu=60', 'area_mu BETWEEN 20 AND 60', []],
      ['minAreaMu=100', 'area_mu >= 100', []],
      [
        `industry=${encodeURIComponent(industry)}`,
        'zone_id IN (SELECT id FROM zones WHERE $1 = ANY (industries))',
        [industry],
      ],
      ['servicing=gas,heat', "servicing @> '{gas,heat}'", []],
      [
        `zoneId=${zoneId}&servicing=sewage&minAreaMu=10`,
        "zone_id = $1 AND servicing @> '{sewage}' AND area_mu >= 10",
        [zoneId],
      ],
    ];
    for (const [query, condition, params] of cases) {
      const expected = await availablePlotIds(condition, params);
      const found = await sites(query);
      expect(sortedIds(found.features.map((f) => f.id)), query).toEqual(expected);
      expect(found.numberMatched, query).toBe(expected.length);
      expect(expected.length, `${query} should narrow, not empty`).toBeGreaterThan(0);
      expect(expected.length, `${query} should narrow`).toBeLessThan(all.length);
    }
  });

  it('lists contiguous parcels of available land, each filter matching the data', async () => {
    const { zoneId, districtCode, industry } = await sampleChoices();
    const all = await parcelCards('');
    expect(sortedIds(all.map((p) => p.id))).toEqual(await supplyParcelIds('true'));
    expect(all.length).toBeGreaterThan(1);

    const lacking = (
      items: string,
    ) => `NOT EXISTS (SELECT 1 FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id
        WHERE pp.parcel_id = t.id AND pp.scope = 'supply' AND NOT p.servicing @> '${items}')`;
    const cases: [string, string, unknown[]][] = [
      [`zoneId=${zoneId}`, '$1::int = ANY (t.zone_ids)', [zoneId]],
      [`districtCode=${districtCode}`, '$1::text = ANY (t.district_codes)', [districtCode]],
      ['minAreaMu=600&maxAreaMu=1200', 't.area_mu BETWEEN 600 AND 1200', []],
      [
        `industry=${encodeURIComponent(industry)}`,
        't.zone_ids && ARRAY(SELECT id FROM zones WHERE $1 = ANY (industries))',
        [industry],
      ],
      ['servicing=road,power', lacking('{road,power}'), []],
      ['servicing=gas', lacking('{gas}'), []],
    ];
    let narrowed = 0;
    for (const [query, condition, params] of cases) {
      const expected = await supplyParcelIds(condition, params);
      const found = await sites(`kind=parcels&${query}`);
      expect(sortedIds(found.features.map((f) => f.id)), query).toEqual(expected);
      expect(found.numberMatched, query).toBe(expected.length);
      for (const feature of found.features) expect(feature.properties.kind).toBe('parcel');
      if (expected.length > 0 && expected.length < all.length) narrowed += 1;
    }
    expect(narrowed).toBeGreaterThanOrEqual(3);
  });

  it('sorts plots and parcels by area and by guide price, both ways, missing prices last, ties by id', async () => {
    const { rows } = await pool.query<{ id: number }>(
      "SELECT id FROM plots WHERE status = 'available' ORDER BY id LIMIT 1",
    );
    const unpriced = rows[0]!.id;
    const { rows: price } = await pool.query<{ guide_price: number }>(
      'SELECT guide_price FROM plots WHERE id = $1',
      [unpriced],
    );
    await withTransaction(pool, (client) =>
      client.query('UPDATE plots SET guide_price = NULL WHERE id = $1', [unpriced]),
    );
    try {
      for (const descending of [false, true]) {
        const sign = descending ? -1 : 1;
        const byArea = await plotCards(`sort=${descending ? '-' : ''}area`);
        for (let i = 1; i < byArea.length; i++) {
          expect(sign * (byArea[i]!.areaMu - byArea[i - 1]!.areaMu)).toBeGreaterThanOrEqual(0);
        }
        const byPrice = await plotCards(`sort=${descending ? '-' : ''}price`);
        expect(byPrice.at(-1)!.id).toBe(unpriced);
        expect(byPrice.at(-1)!.guidePrice).toBeNull();
        const priced = byPrice.slice(0, -1);
        for (let i = 1; i < priced.length; i++) {
          const [a, b] = [priced[i - 1]!, priced[i]!];
          const step = sign * (b.guidePrice! - a.guidePrice!);
          expect(step).toBeGreaterThanOrEqual(0);
          if (step === 0) expect(b.id).toBeGreaterThan(a.id);
        }

        const parcelsByArea = await parcelCards(`sort=${descending ? '-' : ''}area`);
        const parcelAreas = parcelsByArea.map((p) => p.areaMu);
        expect(parcelAreas).toEqual([...parcelAreas].sort((a, b) => sign * (a - b)));
        const parcelsByPrice = await parcelCards(`sort=${descending ? '-' : ''}price`);
        for (let i = 1; i < parcelsByPrice.length; i++) {
          const [a, b] = [parcelsByPrice[i - 1]!, parcelsByPrice[i]!];
          if (a.guidePriceMin === null) expect(b.guidePriceMin).toBeNull();
          else if (b.guidePriceMin !== null) {
            expect(sign * (b.guidePriceMin - a.guidePriceMin)).toBeGreaterThanOrEqual(0);
            if (b.guidePriceMin === a.guidePriceMin) expect(b.id).toBeGreaterThan(a.id);
          }
        }
      }
    } finally {
      await withTransaction(pool, (client) =>
        client.query('UPDATE plots SET guide_price = $2 WHERE id = $1', [unpriced, price[0]!.guide_price]),
      );
    }
  });

  it('pages through the sites without skipping or repeating, the count on every page', async () => {
    const whole = await sites('sort=price');
    const first = await get<SiteCollection>('/api/invest/sites?sort=price&limit=100');
    const second = await get<SiteCollection>('/api/invest/sites?sort=price&limit=100&offset=100');
    expect([...first.features, ...second.features].map((f) => f.id)).toEqual(
      whole.features.slice(0, 200).map((f) => f.id),
    );
    expect(first.numberReturned).toBe(100);
    expect(second.numberMatched).toBe(whole.numberMatched);
    const beyond = await get<SiteCollection>('/api/invest/sites?offset=1000000');
    expect(beyond).toMatchObject({ numberMatched: whole.numberMatched, numberReturned: 0, features: [] });
    const parcelsBeyond = await get<SiteCollection>('/api/invest/sites?kind=parcels&offset=1000000');
    expect(parcelsBeyond.numberMatched).toBe((await parcelCards('')).length);
  });

  it('gives each available plot its control line as compliance counts it', async () => {
    const cards = await plotCards('');
    const { rows } = await pool.query<{ id: number; line: string | null }>(
      `SELECT p.id, CASE WHEN p.core_share >= s.share THEN 'core' WHEN p.line_share >= s.share THEN 'transitional' END AS line
         FROM plots p,
              (SELECT (value ->> 'mostlyInsideShare')::float8 AS share FROM settings WHERE key = 'control_lines.rules') s
        WHERE p.status = 'available'`,
    );
    const expected = new Map(rows.map((row) => [Number(row.id), row.line]));
    for (const card of cards) expect(card.controlLine, card.code).toBe(expected.get(card.id));
    const lines = new Set(cards.map((card) => card.controlLine));
    expect(lines).toEqual(new Set(['core', 'transitional', null]));
  });

  it("opens an available plot's page: area, price, control line, its parcel, nearby parcels and its zone", async () => {
    const { rows } = await pool.query<{
      id: number;
      parcel_id: number;
      guide_price: number;
      area_mu: number;
    }>(
      `SELECT p.id, pp.parcel_id, p.guide_price, p.area_mu FROM plots p
         JOIN parcel_plots pp ON pp.plot_id = p.id AND pp.scope = 'supply'
        WHERE p.status = 'available' AND p.zone_id IS NOT NULL ORDER BY p.id LIMIT 1`,
    );
    const plot = rows[0]!;
    const page = await get<PlotPage>(`/api/invest/plots/${plot.id}`);
    expect(page.plot).toMatchObject({
      id: Number(plot.id),
      status: 'available',
      guidePrice: plot.guide_price,
    });
    expect(page.plot.areaMu).toBeCloseTo(plot.area_mu, 2);
    expect(page.plot.areaM2).toBeCloseTo((plot.area_mu * 10000) / 15, 0);
    expect(page.plot.geometry.type).toBe('MultiPolygon');
    const [minLon, minLat, maxLon, maxLat] = page.plot.bbox;
    expect(page.plot.centroid[0]).toBeGreaterThan(minLon);
    expect(page.plot.centroid[1]).toBeLessThan(maxLat);
    expect(maxLon).toBeGreaterThan(minLon);
    expect(minLat).toBeLessThan(maxLat);
    expect(page.parcel?.id).toBe(Number(plot.parcel_id));
    expect(page.plot.parcelId).toBe(Number(plot.parcel_id));
    expect(page.zone?.id).toBe(page.plot.zoneId);
    expect(page.zone?.contact.phone).toBeTruthy();

    // The nearest supply parcels within 20 km (geodesic), at most five, not its own.
    const nearby = await idsBySql(
      `SELECT t.id FROM parcels t, plots p
        WHERE p.id = $1 AND t.scope = 'supply' AND t.id <> $2
          AND ST_Distance(t.geom::geography, p.geom::geography) <= 20000
        ORDER BY ST_Distance(t.geom::geography, p.geom::geography), t.id LIMIT 5`,
      [plot.id, plot.parcel_id],
    );
    expect(sortedIds(page.nearbyParcels.map((n) => n.id))).toEqual(nearby);
    const distances = page.nearbyParcels.map((n) => n.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const distance of distances) expect(distance).toBeLessThanOrEqual(20);
  });

  it('shows a plot reserved for a project as reserved, with nothing about the project or who holds it', async () => {
    const { rows } = await pool.query<{ id: number }>(
      `SELECT p.id FROM plots p WHERE p.status = 'available' AND p.zone_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM parcel_plots pp WHERE pp.plot_id = p.id)
        ORDER BY p.id LIMIT 1`,
    );
    const plotId = Number(rows[0]!.id);
    const { rows: projects } = await pool.query<{ id: number }>(
      'SELECT id FROM projects ORDER BY id LIMIT 1',
    );
    const before = await get<InvestSummary>('/api/invest/summary');
    const note = '样例：为投资人现场踏勘保留';
    const made = await planner.inject({
      method: 'POST',
      url: '/api/reservations',
      payload: { projectId: Number(projects[0]!.id), plotIds: [plotId], until: inDays(30), note },
    });
    expect(made.statusCode, made.body).toBe(201);
    const reservation = made.json<Reservation>();
    try {
      const { rows: holder } = await pool.query<{ name: string; investor: string; code: string }>(
        'SELECT pr.name, pr.investor, pr.code FROM reservations r JOIN projects pr ON pr.id = r.project_id WHERE r.id = $1',
        [reservation.id],
      );
      const secrets = [holder[0]!.name, holder[0]!.investor, holder[0]!.code, note];
      const page = await fetchOk(visitor, `/api/invest/plots/${plotId}`);
      const plot = page.json<PlotPage>().plot;
      expect(plot.status).toBe('reserved');
      expect(plot.guidePrice).toBeNull();
      expect((await fetchOk(planner, `/api/invest/plots/${plotId}`)).body).toBe(page.body);

      const summary = await fetchOk(visitor, '/api/invest/summary');
      expect(summary.json<InvestSummary>().reservedPlots).toBe(before.reservedPlots + 1);
      expect(summary.json<InvestSummary>().availablePlots).toBe(before.availablePlots - 1);
      const list = await fetchOk(visitor, '/api/invest/sites?limit=2000');
      expect(list.json<SiteCollection>().features.map((f) => f.id)).not.toContain(plotId);
      const zone = await fetchOk(visitor, `/api/invest/zones/${plot.zoneId}`);
      for (const response of [page, summary, list, zone]) {
        for (const secret of secrets) expect(response.body).not.toContain(secret);
        expect(response.body).not.toMatch(/project|reservation/i);
      }
    } finally {
      const released = await planner.inject({
        method: 'POST',
        url: `/api/reservations/${reservation.id}/release`,
      });
      expect(released.statusCode, released.body).toBe(200);
    }
  });

  it('shows an occupied plot as occupied, never its occupant, its internal status or a price', async () => {
    const { rows } = await pool.query<{ id: number; enterprise_name: string; status: string }>(
      `(SELECT id, enterprise_name, status FROM plots WHERE status = 'in_use' AND enterprise_name IS NOT NULL ORDER BY id LIMIT 1)
       UNION ALL
       (SELECT id, enterprise_name, status FROM plots WHERE status = 'low_efficiency' AND enterprise_name IS NOT NULL ORDER BY id LIMIT 1)`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      for (const app of [visitor, planner]) {
        const response = await fetchOk(app, `/api/invest/plots/${row.id}`);
        expect(response.body).not.toContain(row.enterprise_name);
        expect(response.body).not.toContain(row.status);
        const page = response.json<PlotPage>();
        expect(page.plot.status).toBe('occupied');
        expect(page.plot.guidePrice).toBeNull();
      }
    }
  });

  it("opens a parcel's page: its member plots, common servicing, price range, zones and nearby parcels", async () => {
    const { rows } = await pool.query<{ id: number }>(
      "SELECT id FROM parcels WHERE scope = 'supply' ORDER BY plot_count DESC, id LIMIT 1",
    );
    const id = Number(rows[0]!.id);
    const page = await get<ParcelPage>(`/api/invest/parcels/${id}`);
    const { rows: members } = await pool.query<{
      id: number;
      servicing: string[];
      guide_price: number;
      area_mu: number;
    }>(
      `SELECT p.id, p.servicing, p.guide_price, p.area_mu FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id
        WHERE pp.parcel_id = $1 AND pp.scope = 'supply'`,
      [id],
    );
    expect(sortedIds(page.parcel.members.map((m) => m.id))).toEqual(
      sortedIds(members.map((m) => Number(m.id))),
    );
    expect(page.parcel.plotCount).toBe(members.length);
    expect(page.parcel.areaMu).toBeCloseTo(
      members.reduce((sum, m) => sum + m.area_mu, 0),
      1,
    );
    for (const member of page.parcel.members) expect(member.parcelId).toBe(id);
    const common = members.reduce<string[]>(
      (items, m) => items.filter((item) => m.servicing.includes(item)),
      members[0]!.servicing,
    );
    expect([...page.parcel.servicing].sort()).toEqual([...common].sort());
    const prices = members.map((m) => m.guide_price);
    expect(page.parcel.guidePriceMin).toBe(Math.min(...prices));
    expect(page.parcel.guidePriceMax).toBe(Math.max(...prices));
    expect(page.zones.map((z) => z.id).sort()).toEqual([...page.parcel.zoneIds].sort());
    for (const zone of page.zones) expect(page.parcel.zoneNames).toContain(zone.name);
    expect(page.parcel.geometry.type).toBe('MultiPolygon');
    expect(page.nearbyParcels.map((n) => n.id)).not.toContain(id);
    expect(page.nearbyParcels.length).toBeLessThanOrEqual(5);
    expect(page.isSample).toBe(true);
  });

  it("answers a planning parcel's id as if it did not exist", async () => {
    const { rows } = await pool.query<{ id: number }>(
      "SELECT id FROM parcels WHERE scope = 'planning' ORDER BY id LIMIT 1",
    );
    const planning = await visitor.inject(`/api/invest/parcels/${rows[0]!.id}`);
    expect(planning.statusCode).toBe(404);
    expect(planning.json().message).toBe(`parcel ${rows[0]!.id} does not exist`);
    // Planners included: the investor view is the public answer.
    expect((await planner.inject(`/api/invest/parcels/${rows[0]!.id}`)).statusCode).toBe(404);
    expect(planning.headers.etag).toBeUndefined();
  });

  it("opens a zone's page: boundary, profile, its parcels and its largest available plots", async () => {
    const { zoneId } = await sampleChoices();
    const page = await get<ZonePage>(`/api/invest/zones/${zoneId}`);
    expect(page.zone.id).toBe(zoneId);
    expect(page.zone.geometry.type).toBe('MultiPolygon');
    expect(page.zone.bbox[2]).toBeGreaterThan(page.zone.bbox[0]);
    expect(page.zone.contact.department).toBeTruthy();
    expect(page.zone.industries.length).toBeGreaterThan(0);
    expect(sortedIds(page.parcels.map((p) => p.id))).toEqual(
      await supplyParcelIds('$1::int = ANY (t.zone_ids)', [zoneId]),
    );
    expect(page.zone.parcels).toBe(page.parcels.length);
    const largest = await pool.query<{ id: number }>(
      "SELECT id FROM plots WHERE status = 'available' AND zone_id = $1 ORDER BY area_mu DESC, id LIMIT 50",
      [zoneId],
    );
    expect(page.plots.map((p) => p.id)).toEqual(largest.rows.map((row) => Number(row.id)));
    expect(page.zone.availablePlots).toBeGreaterThan(50);
  });

  it('answers 400 naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['/api/invest/sites?servicing=road,teleport', /servicing.*"teleport"/],
      ['/api/invest/sites?servicing=road,,power', /servicing: empty item/],
      [
        '/api/invest/sites?minAreaMu=300&maxAreaMu=100',
        /minAreaMu \(300\) is greater than maxAreaMu \(100\)/,
      ],
      ['/api/invest/sites?kind=farms', /kind/],
      ['/api/invest/sites?sort=size', /sort/],
      ['/api/invest/sites?limit=5000', /limit/],
      ['/api/invest/sites?districtCode=12', /districtCode/],
      ['/api/invest/sites?minAreaMu=-1', /minAreaMu/],
      ['/api/invest/sites?status=occupied', /unknown query parameter "status"/],
      ['/api/invest/summary?zoneId=1', /unknown query parameter "zoneId"/],
      ['/api/invest/plots/12?lang=en', /unknown query parameter "lang"/],
      ['/api/invest/plots/abc', /id/],
      ['/api/invest/zones/0', /id/],
    ];
    for (const [url, message] of cases) {
      const response = await visitor.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().message, url).toMatch(message);
    }
  });

  it('answers 404 for a plot, parcel or zone that does not exist', async () => {
    for (const [kind, url] of [
      ['plot', '/api/invest/plots/999999999'],
      ['parcel', '/api/invest/parcels/999999999'],
      ['zone', '/api/invest/zones/999999'],
    ]) {
      const response = await visitor.inject(url!);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().message).toMatch(new RegExp(`${kind} \\d+ does not exist`));
      expect(response.headers['cache-control']).toBeUndefined();
    }
  });

  it('lets a repeat visit revalidate with 304 until the data changes', async () => {
    const { rows } = await pool.query<{ id: number; guide_price: number }>(
      "SELECT id, guide_price FROM plots WHERE status = 'available' ORDER BY id LIMIT 1",
    );
    const plot = rows[0]!;
    const urls = ['/api/invest/summary', '/api/invest/sites?kind=parcels', `/api/invest/plots/${plot.id}`];
    const tags = new Map<string, string>();
    for (const url of urls) {
      const first = await fetchOk(visitor, url);
      expect(first.headers['cache-control'], url).toBe('public, max-age=60');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^W\/".+"$/);
      tags.set(url, etag);
      for (const app of [visitor, planner]) {
        const again = await app.inject({ url, headers: { 'if-none-match': etag } });
        expect(again.statusCode, url).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers.etag).toBe(etag);
      }
    }
    await withTransaction(pool, (client) =>
      client.query('UPDATE plots SET guide_price = guide_price + 1 WHERE id = $1', [plot.id]),
    );
    try {
      for (const url of urls) {
        const changed = await visitor.inject({ url, headers: { 'if-none-match': tags.get(url)! } });
        expect(changed.statusCode, url).toBe(200);
        expect(changed.headers.etag).not.toBe(tags.get(url));
      }
      const page = await get<PlotPage>(`/api/invest/plots/${plot.id}`);
      expect(page.plot.guidePrice).toBe(plot.guide_price + 1);
    } finally {
      await withTransaction(pool, (client) =>
        client.query('UPDATE plots SET guide_price = $2 WHERE id = $1', [plot.id, plot.guide_price]),
      );
    }
  });

  it('answers anew when a setting behind the labels changes, even if no plot does', async () => {
    const url = '/api/invest/sites?limit=5';
    const before = await fetchOk(visitor, url);
    const etag = String(before.headers.etag);
    await withTransaction(pool, (client) =>
      client.query(
        `UPDATE settings SET value = value || '{"mostlyInsideShare": 0.5}'::jsonb WHERE key = 'control_lines.rules'`,
      ),
    );
    const after = await visitor.inject({ url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('never sends an internal key or an internal status in any answer above', () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const { url, body } of seen) {
      const { keys, statuses } = keysOf(JSON.parse(body));
      if (!url.startsWith('/api/invest/')) continue;
      for (const key of INTERNAL_KEYS) expect(keys.has(key), `${url} has "${key}"`).toBe(false);
      for (const status of statuses) expect(PUBLIC_STATUSES, url).toContain(status);
    }
  });
});
