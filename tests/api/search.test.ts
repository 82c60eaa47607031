import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/policy.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import type { SearchItem, SearchResult } from '../../server/src/search/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

describe.each(inject('backends'))('search API on $name', (backend) => {
  let pool: Pool;
  let publicApp: FastifyInstance;
  let plannerApp: FastifyInstance;
  let managerApp: FastifyInstance;
  let etdzId: number;

  beforeAll(async () => {
    pool = poolFor(backend);
    etdzId = (await pool.query<{ id: number }>("SELECT id FROM zones WHERE code = 'HA-ETDZ'")).rows[0]!.id;
    const manager: Viewer = { userId: 3, username: 'zone_manager', role: 'zone_manager', zoneIds: [etdzId] };
    publicApp = await appFor(backend, pool);
    plannerApp = await appFor(backend, pool, PLANNER);
    managerApp = await appFor(backend, pool, manager);
  });
  afterAll(async () => {
    await publicApp.close();
    await plannerApp.close();
    await managerApp.close();
    await pool.end();
  });

  async function find(app: FastifyInstance, q: string, extra = ''): Promise<SearchItem[]> {
    const response = await app.inject(`/api/search?q=${encodeURIComponent(q)}${extra}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SearchResult>().items;
  }

  const contains = (bbox: SearchItem['bbox'], [x, y]: [number, number]) =>
    bbox[0] <= x && x <= bbox[2] && bbox[1] <= y && y <= bbox[3];

  it('finds a plot by a prefix of its code, with a bbox around the plot', async () => {
    const plot = (
      await pool.query<{ id: number; code: string; c: [number, number] }>(
        `SELECT id, code, json_build_array(ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom))) AS c
         FROM plots ORDER BY id LIMIT 1 OFFSET 1234`,
      )
    ).rows[0]!;
    // The code less its last digit is a prefix of this plot's code and of up to nine others.
    const items = await find(publicApp, plot.code.slice(0, -1).toLowerCase(), '&limit=20');
    const hit = items.find((item) => item.kind === 'plot' && item.id === plot.id);
    expect(hit, JSON.stringify(items)).toBeDefined();
    expect(hit!.label).toBe(plot.code);
    expect(contains(hit!.bbox, plot.c)).toBe(true);
    expect(hit!.bbox[2] - hit!.bbox[0]).toBeLessThan(0.05);
    for (const item of items.filter((i) => i.kind === 'plot')) {
      expect(item.label.startsWith(plot.code.slice(0, -1))).toBe(true);
    }
  });

  it('finds a zone by part of its Chinese name and by its English name, case-insensitively', async () => {
    const zone = (
      await pool.query<{ id: number; c: [number, number] }>(
        `SELECT id, json_build_array(ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom))) AS c
         FROM zones WHERE name = '淮安经济技术开发区'`,
      )
    ).rows[0]!;
    const byName = await find(publicApp, '经济技术');
    const hit = byName.find((item) => item.kind === 'zone' && item.id === zone.id);
    expect(hit).toMatchObject({ label: '淮安经济技术开发区', detail: 'HA-ETDZ' });
    expect(contains(hit!.bbox, zone.c)).toBe(true);
    const byEnglish = await find(publicApp, 'economic and TECHNOLOGICAL');
    expect(byEnglish.find((item) => item.kind === 'zone')).toMatchObject({
      id: zone.id,
      labelEn: "Huai'an Economic and Technological Development Zone",
    });
  });

  it('finds a district by name, ranking the prefix match first', async () => {
    const items = await find(publicApp, '清江浦');
    expect(items[0]).toMatchObject({ kind: 'district', id: '320812', label: '清江浦区' });
    const [minLon, minLat, maxLon, maxLat] = items[0]!.bbox;
    expect(minLon).toBeGreaterThan(118);
    expect(maxLon).toBeLessThan(120);
    expect(minLat).toBeLessThan(maxLat);
    expect((await find(publicApp, 'qingjiangpu'))[0]).toMatchObject({ kind: 'district', id: '320812' });
  });

  it('ranks prefix matches before substring matches, then shorter labels', async () => {
    const isPrefix = (item: SearchItem, q: string) =>
      [item.label, item.labelEn, item.detail ?? ''].some((text) => text.toLowerCase().startsWith(q));
    for (const q of ['hu', 'ha-', '淮安', '区', '清江浦']) {
      const items = await find(plannerApp, q, '&limit=20');
      expect(items.length, q).toBeGreaterThan(0);
      const prefixes = items.filter((item) => isPrefix(item, q));
      const rest = items.filter((item) => !isPrefix(item, q));
      expect([...prefixes, ...rest], q).toEqual(items);
      for (const group of [prefixes, rest]) {
        const lengths = group.map((item) => [...item.label].length);
        expect(lengths, q).toEqual([...lengths].sort((a, b) => a - b));
      }
    }
    // "hu" begins Huai'an and Huaiyin but sits inside Jinhu and Lianshui.
    const items = await find(publicApp, 'hu', '&limit=20');
    expect(items.filter((item) => isPrefix(item, 'hu')).map((item) => item.labelEn)).toContain(
      'Huaiyin District',
    );
    expect(items.filter((item) => !isPrefix(item, 'hu')).map((item) => item.labelEn)).toContain(
      'Jinhu County',
    );
  });

  it('lets a planner find an enterprise by part of its name; the public gets no trace of it', async () => {
    const plot = (
      await pool.query<{ id: number; name: string }>(
        `SELECT id, enterprise_name AS name FROM plots WHERE enterprise_name IS NOT NULL ORDER BY id LIMIT 1 OFFSET 500`,
      )
    ).rows[0]!;
    const part = plot.name.slice(1); // a substring, not a prefix
    const items = await find(plannerApp, part, '&limit=20');
    const hit = items.find((item) => item.kind === 'enterprise' && item.id === plot.id);
    expect(hit, JSON.stringify(items)).toMatchObject({ label: plot.name });
    for (const item of items.filter((i) => i.kind === 'enterprise')) expect(item.label).toContain(part);

    for (const q of [part, plot.name]) {
      const response = await publicApp.inject(`/api/search?q=${encodeURIComponent(q)}&limit=20`);
      expect(response.statusCode).toBe(200);
      expect(response.json<SearchResult>().items.filter((i) => i.kind === 'enterprise')).toEqual([]);
      // Nor is the occupant's plot offered under another kind.
      expect(response.json<SearchResult>().items.filter((i) => i.kind === 'plot')).toEqual([]);
      expect(response.body).not.toContain(plot.name);
    }
  });

  it("shows a zone manager the enterprises of its zones and not another zone's", async () => {
    const own = (
      await pool.query<{ id: number; name: string }>(
        `SELECT id, enterprise_name AS name FROM plots WHERE zone_id = $1 AND enterprise_name IS NOT NULL
         ORDER BY id LIMIT 1`,
        [etdzId],
      )
    ).rows[0]!;
    const mine = await find(managerApp, own.name, '&limit=20');
    expect(mine.find((item) => item.kind === 'enterprise' && item.id === own.id)).toMatchObject({
      label: own.name,
    });
    const ownPlots = new Set(
      (await pool.query<{ id: number }>('SELECT id FROM plots WHERE zone_id = $1', [etdzId])).rows.map((r) =>
        Number(r.id),
      ),
    );
    for (const item of mine.filter((i) => i.kind === 'enterprise'))
      expect(ownPlots.has(item.id as number)).toBe(true);

    // A name held only outside the manager's zone, and not part of any name inside it.
    const other = (
      await pool.query<{ name: string }>(
        `SELECT p.enterprise_name AS name FROM plots p WHERE p.enterprise_name IS NOT NULL
         GROUP BY p.enterprise_name
         HAVING bool_and(p.zone_id IS DISTINCT FROM $1)
            AND NOT EXISTS (SELECT 1 FROM plots q WHERE q.zone_id = $1 AND strpos(q.enterprise_name, p.enterprise_name) > 0)
         ORDER BY p.enterprise_name LIMIT 1`,
        [etdzId],
      )
    ).rows[0]!;
    const response = await managerApp.inject(`/api/search?q=${encodeURIComponent(other.name)}&limit=20`);
    expect(response.statusCode).toBe(200);
    expect(response.json<SearchResult>().items.filter((i) => i.kind === 'enterprise')).toEqual([]);
    expect(response.body).not.toContain(other.name);
    // A planner does find it.
    expect((await find(plannerApp, other.name)).some((i) => i.label === other.name)).toBe(true);
  });

  it('takes %, _ and \\ literally', async () => {
    const literal = async (text: string) =>
      (
        await pool.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM plots WHERE strpos(lower(code), lower($1)) > 0
                    OR strpos(lower(coalesce(enterprise_name, '')), lower($1)) > 0)
                + (SELECT count(*) FROM zones WHERE strpos(lower(name || ' ' || name_en || ' ' || code), lower($1)) > 0)
                + (SELECT count(*) FROM districts WHERE strpos(lower(name || ' ' || name_en || ' ' || code), lower($1)) > 0)
                  AS n`,
          [text],
        )
      ).rows[0]!.n;
    for (const q of ['%', '_', '%%', 'HA_ETDZ', 'HA%ETDZ', '\\', 'HA-\\']) {
      const items = await find(plannerApp, q, '&limit=20');
      expect(items.length, q).toBe(Math.min(20, await literal(q)));
      for (const item of items) {
        expect(`${item.label} ${item.labelEn} ${item.detail}`.toLowerCase()).toContain(q.toLowerCase());
      }
    }
    expect(await find(publicApp, '%')).toEqual([]);
    expect(await find(publicApp, '_')).toEqual([]);
  });

  it('respects limit, defaulting to 8', async () => {
    expect(await find(publicApp, 'HA-')).toHaveLength(8);
    expect(await find(publicApp, 'HA-', '&limit=3')).toHaveLength(3);
    expect(await find(publicApp, 'HA-', '&limit=20')).toHaveLength(20);
  });

  it('trims the text', async () => {
    expect((await find(publicApp, '  清江浦  '))[0]).toMatchObject({ kind: 'district', id: '320812' });
  });

  it.each([
    ['q=', 'q'],
    ['q=%20%20', 'q'],
    [`q=${'a'.repeat(101)}`, 'q'],
    ['q=%00', 'q'],
    ['', 'q'],
    ['q=HA&limit=0', 'limit'],
    ['q=HA&limit=21', 'limit'],
    ['q=HA&limit=many', 'limit'],
    ['q=HA&kind=zone', 'kind'],
  ])('refuses %s with 400 naming the problem', async (query, message) => {
    const response = await publicApp.inject(`/api/search?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.json().message).toContain(message);
  });

  it('accepts 100 characters', async () => {
    expect(await find(publicApp, 'a'.repeat(100))).toEqual([]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await publicApp.inject('/api/openapi.json')).json();
    const params = doc.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'limit']));
  });
});
