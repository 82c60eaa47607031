// OGC API – Features at /ogc: what GIS clients and browsers find there, role by role, and GDAL reading it for real.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { appFor, demoZoneManager, PLANNER } from '../support/app.ts';
import { poolFor, requireUnderCi } from '../support/backends.ts';

const run = promisify(execFile);

interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

interface Feature {
  type: 'Feature';
  id: number | string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
  links?: Link[];
}

interface Items {
  type: 'FeatureCollection';
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: Link[];
  features: Feature[];
}

interface Collection {
  id: string;
  title: string;
  description: string;
  itemType: string;
  crs: string[];
  extent?: { spatial: { bbox: number[][]; crs: string } };
  links: Link[];
}

const COLLECTION_IDS = ['plots', 'parcels', 'control-lines', 'zones', 'districts'];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const PUBLIC_STATUSES = ['available', 'reserved', 'occupied'];
const INTERNAL_PROPERTIES = ['enterpriseName', 'inefficiencyType', 'grade'];

/** The path and query of an absolute link, for app.inject. */
function pathOf(href: string): string {
  const url = new URL(href);
  return url.pathname + url.search;
}

async function items(app: FastifyInstance, url: string): Promise<Items> {
  const response = await app.inject(url);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
  return response.json<Items>();
}

/** Every coordinate pair of a (Multi)Polygon, for bounding-box checks. */
function positions(geometry: Feature['geometry']): [number, number][] {
  return (geometry.coordinates as unknown[]).flat(2) as [number, number][];
}

describe.each(inject('backends'))('OGC API – Features on $name', (backend) => {
  let pool: Pool;
  let publicApp: FastifyInstance;
  let planner: FastifyInstance;
  let manager: FastifyInstance;
  let zoneId: number;

  beforeAll(async () => {
    pool = poolFor(backend);
    const demo = await demoZoneManager(pool);
    zoneId = demo.zoneId;
    const viewer = demo.viewer;
    publicApp = await appFor(backend, pool);
    planner = await appFor(backend, pool, PLANNER);
    manager = await appFor(backend, pool, viewer);
  });
  afterAll(async () => {
    await Promise.all([publicApp.close(), planner.close(), manager.close()]);
    await pool.end();
  });

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(sql, params);
    return rows[0]!.n;
  }

  it('opens on a landing page whose links lead to the API definition, the conformance classes and the data', async () => {
    const response = await publicApp.inject('/ogc');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const landing = response.json<{ title: string; description: string; links: Link[] }>();
    expect(landing.title).toMatch(/工业用地一张图/);
    const byRel = new Map(landing.links.map((link) => [link.rel, link]));
    expect([...byRel.keys()].sort()).toEqual(
      ['alternate', 'conformance', 'data', 'self', 'service-desc', 'service-doc'].sort(),
    );
    expect(byRel.get('service-desc')!.type).toBe('application/vnd.oai.openapi+json;version=3.0');
    expect(byRel.get('alternate')!.type).toBe('text/html');
    for (const link of landing.links) {
      expect(link.href).toMatch(/^http:\/\/[^/]+\/ogc/);
      const followed = await publicApp.inject(pathOf(link.href));
      expect(followed.statusCode, link.href).toBe(200);
      if (link.type) expect(followed.headers['content-type']).toContain(link.type.split(';')[0]);
    }
  });

  it('declares the core, GeoJSON, HTML and OpenAPI 3.0 conformance classes of Part 1', async () => {
    const { conformsTo } = (await publicApp.inject('/ogc/conformance')).json<{ conformsTo: string[] }>();
    expect([...conformsTo].sort()).toEqual(
      ['core', 'geojson', 'html', 'oas30'].map(
        (name) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${name}`,
      ),
    );
  });

  it('describes itself in OpenAPI 3.0 with each collection’s filters and the page limit, apart from the JSON API’s document', async () => {
    const response = await publicApp.inject('/ogc/api');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json;version=3\.0/);
    const doc = response.json<{
      openapi: string;
      servers: { url: string }[];
      paths: Record<
        string,
        { get: { parameters: { name: string; in: string; schema: { maximum?: number } }[] } }
      >;
    }>();
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.servers[0]!.url).toMatch(/\/ogc$/);
    for (const id of COLLECTION_IDS) {
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          `/collections/${id}`,
          `/collections/${id}/items`,
          `/collections/${id}/items/{featureId}`,
        ]),
      );
    }
    const plotParameters = doc.paths['/collections/plots/items']!.get.parameters;
    const limit = plotParameters.find((p) => p.name === 'limit')!;
    expect(limit.schema.maximum).toBe(10_000);
    expect(plotParameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['bbox', 'offset', 'properties', 'status', 'zoneId', 'districtCode', 'code']),
    );
    const main = await publicApp.inject('/api/openapi.json');
    expect(main.statusCode).toBe(200);
    const paths = Object.keys(main.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toContain('/api/plots');
    expect(paths.filter((path) => path.startsWith('/ogc'))).toEqual([]);
  });

  it('lists the five collections with bilingual titles, their extent in CRS84 and a sample-data note', async () => {
    const { collections, links } = (await publicApp.inject('/ogc/collections')).json<{
      collections: Collection[];
      links: Link[];
    }>();
    expect(links.map((link) => link.rel)).toEqual(['self', 'alternate']);
    expect(collections.map((c) => c.id)).toEqual(COLLECTION_IDS);
    for (const collection of collections) {
      expect(collection.title).toMatch(/^\p{Script=Han}.* [A-Z][a-z]/u);
      expect(collection.itemType).toBe('feature');
      expect(collection.crs).toEqual([CRS84]);
      expect(collection.extent!.spatial.crs).toBe(CRS84);
      expect(collection.description).toContain('Sample data');
      const items = collection.links.find(
        (link) => link.rel === 'items' && link.type === 'application/geo+json',
      );
      expect(pathOf(items!.href)).toBe(`/ogc/collections/${collection.id}/items`);
    }
    const { rows } = await pool.query<{ bbox: number[] }>(
      'SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) AS bbox FROM (SELECT ST_Extent(geom)::geometry AS e FROM plots) x',
    );
    const [plotBox] = collections[0]!.extent!.spatial.bbox;
    rows[0]!.bbox.forEach((value, i) => {
      expect(plotBox![i]).toBeCloseTo(value, 6);
    });
    const one = (await publicApp.inject('/ogc/collections/zones')).json<Collection>();
    expect(one).toEqual(collections[3]);
  });

  it('pages with limit, offset and next links: following them to the end gives every match once, in id order', async () => {
    const expected = await count("SELECT count(*)::int AS n FROM plots WHERE status = 'available'");
    let page = await items(publicApp, '/ogc/collections/plots/items?status=available&limit=300');
    const ids: number[] = [];
    let pages = 0;
    for (;;) {
      pages += 1;
      expect(page.numberMatched).toBe(expected);
      expect(page.numberReturned).toBe(page.features.length);
      ids.push(...page.features.map((feature) => feature.id as number));
      if (pages === 2) expect(page.links.some((link) => link.rel === 'prev')).toBe(true);
      const next = page.links.find((link) => link.rel === 'next' && link.type === 'application/geo+json');
      if (!next) break;
      page = await items(publicApp, pathOf(next.href));
    }
    expect(pages).toBe(Math.ceil(expected / 300));
    expect(new Set(ids).size).toBe(expected);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('matches the plot API’s total for the same filter and viewer', async () => {
    for (const [app, query] of [
      [publicApp, 'status=available'],
      [publicApp, `zoneId=${zoneId}&landUseCode=1001`],
      [planner, 'status=idle,low_efficiency'],
      [manager, 'status=idle'],
    ] as const) {
      const api = (await app.inject(`/api/plots?${query}&limit=1`)).json<{ total: number }>();
      const ogc = await items(app, `/ogc/collections/plots/items?${query}&limit=1`);
      expect(ogc.numberMatched, query).toBe(api.total);
    }
  });

  it('narrows to the plots intersecting a bbox', async () => {
    const { rows } = await pool.query<{ x: number; y: number }>(
      'SELECT ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y FROM plots ORDER BY id LIMIT 1',
    );
    const { x, y } = rows[0]!;
    const bbox = [x - 0.01, y - 0.01, x + 0.01, y + 0.01];
    const expected = await count(
      'SELECT count(*)::int AS n FROM plots WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))',
      bbox,
    );
    const found = await items(publicApp, `/ogc/collections/plots/items?bbox=${bbox.join(',')}&limit=10000`);
    expect(found.numberMatched).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(await count('SELECT count(*)::int AS n FROM plots'));
    for (const feature of found.features) {
      const points = positions(feature.geometry);
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      expect(Math.min(...xs)).toBeLessThanOrEqual(bbox[2]!);
      expect(Math.max(...xs)).toBeGreaterThanOrEqual(bbox[0]!);
      expect(Math.min(...ys)).toBeLessThanOrEqual(bbox[3]!);
      expect(Math.max(...ys)).toBeGreaterThanOrEqual(bbox[1]!);
    }
  });

  it('answers a wrong bbox, an unknown parameter, value or property with a 400 that names it', async () => {
    for (const [query, named] of [
      ['bbox=118,33,119', 'bbox'],
      ['bbox=200,33,201,34', 'bbox'],
      ['bbox=119,34,118,33', 'bbox'],
      ['colour=red', 'colour'],
      ['status=vacant', 'vacant'],
      ['properties=code,owner', 'owner'],
      ['limit=10001', 'limit'],
    ]) {
      const response = await publicApp.inject(`/ogc/collections/plots/items?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ message: string }>().message).toContain(named);
    }
  });

  it('never gives the public an internal attribute or status, nor finds plots by one', async () => {
    const all = await items(publicApp, '/ogc/collections/plots/items?limit=10000');
    expect(all.numberMatched).toBe(await count('SELECT count(*)::int AS n FROM plots'));
    for (const feature of all.features) {
      for (const name of INTERNAL_PROPERTIES) expect(feature.properties).not.toHaveProperty(name);
      expect(PUBLIC_STATUSES).toContain(feature.properties.status);
    }
    expect((await items(publicApp, '/ogc/collections/plots/items?status=idle')).numberMatched).toBe(0);
    expect((await items(publicApp, '/ogc/collections/plots/items?grade=D')).numberMatched).toBe(0);
    const asked = await publicApp.inject('/ogc/collections/plots/items?properties=code,enterpriseName');
    expect(asked.statusCode).toBe(400);
    const one = (
      await publicApp.inject(`/ogc/collections/plots/items/${all.features[0]!.id}`)
    ).json<Feature>();
    for (const name of INTERNAL_PROPERTIES) expect(one.properties).not.toHaveProperty(name);
  });

  it('gives a planner the internal statuses and attributes', async () => {
    const idle = await items(planner, '/ogc/collections/plots/items?status=idle&limit=10000');
    expect(idle.numberMatched).toBe(
      await count("SELECT count(*)::int AS n FROM plots WHERE status = 'idle'"),
    );
    for (const feature of idle.features) {
      expect(feature.properties.status).toBe('idle');
      expect(feature.properties).toHaveProperty('enterpriseName');
      expect(feature.properties.inefficiencyType).toBe('idle');
    }
    const graded = await items(planner, '/ogc/collections/plots/items?grade=D&limit=1');
    expect(graded.numberMatched).toBe(await count("SELECT count(*)::int AS n FROM plots WHERE grade = 'D'"));
  });

  it('shows a zone manager internal data inside its zones only', async () => {
    const own = await items(manager, `/ogc/collections/plots/items?zoneId=${zoneId}&limit=10000`);
    expect(own.features.some((f) => f.properties.enterpriseName !== null)).toBe(true);
    expect(own.features.some((f) => !PUBLIC_STATUSES.includes(f.properties.status as string))).toBe(true);
    const elsewhere = await items(manager, '/ogc/collections/plots/items?limit=10000');
    const outside = elsewhere.features.filter((f) => f.properties.zoneId !== zoneId);
    expect(outside.length).toBeGreaterThan(0);
    for (const feature of outside) {
      for (const name of INTERNAL_PROPERTIES) expect(feature.properties[name]).toBeNull();
      expect(PUBLIC_STATUSES).toContain(feature.properties.status);
    }
    const idle = await items(manager, '/ogc/collections/plots/items?status=idle&limit=10000');
    expect(idle.numberMatched).toBe(
      await count("SELECT count(*)::int AS n FROM plots WHERE status = 'idle' AND zone_id = $1", [zoneId]),
    );
  });

  it('shows parcels by role: supply to the public, planning to planners, planning in its zones to a zone manager', async () => {
    const supply = await count("SELECT count(*)::int AS n FROM parcels WHERE scope = 'supply'");
    const planning = await count("SELECT count(*)::int AS n FROM parcels WHERE scope = 'planning'");
    expect(supply).toBeGreaterThan(0);
    const pub = await items(publicApp, '/ogc/collections/parcels/items?limit=10000');
    expect(pub.numberMatched).toBe(supply);
    for (const f of pub.features) {
      expect(f.properties.scope).toBe('supply');
      expect(f.properties).not.toHaveProperty('occupantCount');
    }
    expect((await items(publicApp, '/ogc/collections/parcels/items?scope=planning')).numberMatched).toBe(0);
    const plan = await items(planner, '/ogc/collections/parcels/items?limit=10000');
    expect(plan.numberMatched).toBe(planning);
    expect(
      plan.features.every((f) => f.properties.scope === 'planning' && 'occupantCount' in f.properties),
    ).toBe(true);
    expect((await items(planner, '/ogc/collections/parcels/items?scope=supply')).numberMatched).toBe(supply);
    const mine = await items(manager, '/ogc/collections/parcels/items?limit=10000');
    for (const f of mine.features) {
      const zones = f.properties.zoneIds as number[];
      const inOwnZone = zones.length > 0 && zones.every((z) => z === zoneId);
      expect(f.properties.scope).toBe(inOwnZone ? 'planning' : 'supply');
    }
    expect(mine.features.some((f) => f.properties.scope === 'planning')).toBe(true);
    // A planning parcel is not the public's, by link either.
    const hidden = plan.features[0]!.id;
    const refused = await publicApp.inject(`/ogc/collections/parcels/items/${hidden}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json<{ message: string }>().message).toContain(`parcel ${hidden}`);
    expect((await planner.inject(`/ogc/collections/parcels/items/${hidden}`)).statusCode).toBe(200);
  });

  it('filters zones, control lines and districts by their properties', async () => {
    const national = await items(publicApp, '/ogc/collections/zones/items?level=national');
    expect(national.numberMatched).toBe(
      await count("SELECT count(*)::int AS n FROM zones WHERE level = 'national'"),
    );
    expect(national.features.every((f) => f.properties.level === 'national')).toBe(true);
    const core = await items(publicApp, '/ogc/collections/control-lines/items?level=core&limit=10000');
    expect(core.numberMatched).toBe(
      await count("SELECT count(*)::int AS n FROM control_lines WHERE level = 'core'"),
    );
    const { rows } = await pool.query<{ code: string; name: string }>(
      'SELECT code, name FROM districts ORDER BY code LIMIT 1',
    );
    const district = await items(publicApp, `/ogc/collections/districts/items?code=${rows[0]!.code}`);
    expect(district.features.map((f) => [f.id, f.properties.name])).toEqual([[rows[0]!.code, rows[0]!.name]]);
    // The zones' contacts: the office only, never a phone number or an e-mail address.
    const zone = national.features[0]!;
    expect(zone.properties.contactDepartment).toEqual(expect.any(String));
    expect(JSON.stringify(zone.properties)).not.toMatch(/0517-|@/);
  });

  it('returns only the properties asked for', async () => {
    const page = await items(planner, '/ogc/collections/plots/items?properties=status,code,grade&limit=5');
    for (const feature of page.features) {
      expect(Object.keys(feature.properties)).toEqual(['code', 'status', 'grade']);
    }
  });

  it('returns single features by id (districts by code) with their links, and a clear 404 otherwise', async () => {
    const first = (await items(publicApp, '/ogc/collections/plots/items?limit=1')).features[0]!;
    const response = await publicApp.inject(`/ogc/collections/plots/items/${first.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const one = response.json<Feature>();
    expect(one.id).toBe(first.id);
    expect(one.properties).toEqual(first.properties);
    expect(one.geometry).toEqual(first.geometry);
    expect(one.links!.map((link) => link.rel)).toEqual(['self', 'alternate', 'collection']);
    const { rows } = await pool.query<{ code: string }>('SELECT code FROM districts ORDER BY code LIMIT 1');
    const district = (
      await publicApp.inject(`/ogc/collections/districts/items/${rows[0]!.code}`)
    ).json<Feature>();
    expect(district.id).toBe(rows[0]!.code);
    const missing = await publicApp.inject('/ogc/collections/zones/items/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ message: string }>().message).toBe('zone 999999 does not exist');
    expect((await publicApp.inject('/ogc/collections/rivers/items')).statusCode).toBe(404);
  });

  describe('as HTML for browsers', () => {
    const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    let restoreZone: { id: number; contact: unknown } | null = null;

    afterAll(async () => {
      if (restoreZone) {
        await pool.query('UPDATE zones SET contact = $2 WHERE id = $1', [
          restoreZone.id,
          restoreZone.contact,
        ]);
      }
    });

    it('serves plain pages to a browser, JSON to everything else', async () => {
      for (const path of [
        '/ogc',
        '/ogc/conformance',
        '/ogc/api',
        '/ogc/collections',
        '/ogc/collections/plots',
      ]) {
        const page = await publicApp.inject({ url: path, headers: BROWSER });
        expect(page.statusCode, path).toBe(200);
        expect(page.headers['content-type'], path).toMatch(/^text\/html/);
        expect(page.body).toContain('<html lang="zh-CN">');
        expect(page.body).not.toContain('<script');
        const json = await publicApp.inject({ url: path, headers: { accept: 'application/json' } });
        expect(json.headers['content-type'], path).toMatch(/json/);
      }
      const collections = (await publicApp.inject('/ogc/collections?f=html')).body;
      for (const title of ['地块 Plots', '开发园区 Development zones', '区县 Districts']) {
        expect(collections).toContain(title);
      }
      expect(collections).toContain('Sample data');
    });

    it('shows items as a table with next and previous pages and an item with its outline', async () => {
      const page = (await publicApp.inject('/ogc/collections/plots/items?f=html&limit=20&offset=20')).body;
      expect(page.match(/<tr>/g)).toHaveLength(21);
      expect(page).toContain('offset=40&amp;f=html');
      expect(page).toContain('offset=0&amp;f=html');
      expect(page).toContain('features 21–40 of');
      const item = (await publicApp.inject({ url: '/ogc/collections/plots/items/1', headers: BROWSER })).body;
      expect(item).toContain('<svg');
      expect(item).toContain('<th>code</th>');
    });

    it('escapes every value it shows', async () => {
      const { rows } = await pool.query<{ id: number; contact: unknown }>(
        "SELECT id, contact FROM zones WHERE code = 'HA-ETDZ'",
      );
      restoreZone = rows[0]!;
      await pool.query(
        `UPDATE zones SET contact = contact || jsonb_build_object('department', $2::text) WHERE id = $1`,
        [restoreZone.id, '<script>alert("招商")</script> & Co'],
      );
      for (const url of [
        '/ogc/collections/zones/items?f=html',
        `/ogc/collections/zones/items/${restoreZone.id}?f=html`,
      ]) {
        const page = (await publicApp.inject(url)).body;
        expect(page).not.toContain('<script>');
        expect(page).toContain('&lt;script&gt;alert(&quot;招商&quot;)&lt;/script&gt; &amp; Co');
      }
    });
  });
});

let ogrinfo = false;
try {
  await run('ogrinfo', ['--version']);
  ogrinfo = true;
} catch {
  ogrinfo = false;
}
requireUnderCi('GDAL (ogrinfo)', ogrinfo);

describe.runIf(ogrinfo).each(inject('backends'))('GDAL reads /ogc on $name', (backend) => {
  let pool: Pool;
  let app: FastifyInstance;
  let source: string;

  const gdal = async (command: string, args: string[]) => {
    const { stdout } = await run(command, args, {
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, CPL_DEBUG: 'OFF', NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' },
    });
    return stdout;
  };

  beforeAll(async () => {
    pool = poolFor(backend);
    app = await appFor(backend, pool);
    await app.listen({ port: 0, host: '127.0.0.1' });
    source = `OAPIF:http://127.0.0.1:${(app.server.address() as { port: number }).port}/ogc`;
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('lists the five collections as layers', async () => {
    const out = await gdal('ogrinfo', ['-ro', source]);
    COLLECTION_IDS.forEach((id, i) => {
      expect(out).toMatch(new RegExp(`^${i + 1}: ${id} \\(title: .+\\) \\(Multi Polygon\\)$`, 'm'));
    });
  });

  it('counts the plots the API counts for the public, and filters on the server by status', async () => {
    const total = (await app.inject('/api/plots?limit=1')).json<{ total: number }>().total;
    const out = await gdal('ogrinfo', ['-ro', '-so', source, 'plots']);
    expect(out).toContain(`Feature Count: ${total}`);
    expect(out).toMatch(/^code: String/m);
    expect(out).not.toMatch(/enterpriseName|grade/);
    const available = (await app.inject('/api/plots?status=available&limit=1')).json<{ total: number }>()
      .total;
    const filtered = await gdal('ogrinfo', [
      '-ro',
      '-so',
      '-oo',
      'PAGE_SIZE=1000',
      source,
      'plots',
      '-where',
      "status = 'available'",
    ]);
    expect(filtered).toContain(`Feature Count: ${available}`);
  });

  it('reads the zones with the same attributes as the API', async () => {
    const out = await gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', source, 'zones']);
    const read = JSON.parse(out) as { features: { properties: Record<string, unknown> }[] };
    const api = (await app.inject('/api/zones')).json<{
      items: { code: string; name: string; level: string; districtCode: string; industries: string[] }[];
    }>().items;
    expect(read.features).toHaveLength(api.length);
    for (const zone of api) {
      const feature = read.features.find((f) => f.properties.code === zone.code);
      expect(feature?.properties).toMatchObject({
        name: zone.name,
        level: zone.level,
        districtCode: zone.districtCode,
        industries: zone.industries,
        isSample: true,
      });
    }
  });
});
