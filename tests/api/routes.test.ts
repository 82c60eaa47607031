import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../server/src/app.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { appFor } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

const backend = inject('backends')[0]!;

describe('access policy on every route', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = poolFor(backend);
  });
  afterAll(() => pool.end());

  it('gives every registered route an explicit policy', async () => {
    const app = await appFor(backend, pool);
    const routes = app.routePolicies();
    expect(routes.length).toBeGreaterThan(8);
    expect(routes.filter((r) => r.policy === undefined)).toEqual([]);
    await app.close();
  });

  it('refuses to start an app that has a route without a policy', async () => {
    const app = await buildApp({ pool, databaseKind: 'embedded', clientDir: null });
    app.get('/api/forgotten', async () => ({ secret: true }));
    await expect(app.ready()).rejects.toThrow(/without an access policy: GET \/api\/forgotten/);
  });

  it('denies a route whose policy the viewer does not meet', async () => {
    const app = await buildApp({ pool, databaseKind: 'embedded', clientDir: null });
    app.get('/api/planners-only', { config: { policy: 'planner' } }, async () => ({ ok: true }));
    await app.ready();
    const response = await app.inject('/api/planners-only');
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toContain('sign in');
    await app.close();
  });
});

describe.each(inject('backends'))('health, meta and OpenAPI on $name', (b) => {
  let pool: Pool;
  beforeAll(() => {
    pool = poolFor(b);
  });
  afterAll(() => pool.end());

  it('answers /healthz and /readyz when the database is migrated', async () => {
    const app = await appFor(b, pool);
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    await app.close();
  });

  it('answers /readyz 503 when the database is unreachable', async () => {
    const deadPool = poolFor({ name: 'postgis', url: 'postgres://nobody@127.0.0.1:1/none' });
    const app = await appFor(b, deadPool);
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().status).toBe('unavailable');
    await app.close();
    await deadPool.end();
  });

  it('describes the city, its extent and the sample-data label', async () => {
    const app = await appFor(b, pool);
    const meta = (await app.inject('/api/meta')).json();
    expect(meta.city).toEqual({ name: '淮安市', nameEn: "Huai'an" });
    expect(meta.isSample).toBe(true);
    expect(meta.viewer).toEqual({ role: 'public' });
    const [minLon, minLat, maxLon, maxLat] = meta.bbox;
    expect(minLon).toBeGreaterThan(118);
    expect(maxLon).toBeLessThan(120);
    expect(minLat).toBeGreaterThan(32.5);
    expect(maxLat).toBeLessThan(34.5);
    expect(meta.counts.districts).toBe(7);
    // The land-use filter's classes: industrial (10…) and warehousing (11…), in code order.
    expect(meta.landUses[0]).toEqual({ code: '1001', name: '工业用地', nameEn: 'Industrial land' });
    expect(meta.landUses.every((use: { code: string }) => /^1[01]/.test(use.code))).toBe(true);
    await app.close();
  });

  it('lists districts and zones as JSON and GeoJSON', async () => {
    const app = await appFor(b, pool);
    const districts = (await app.inject('/api/districts')).json();
    expect(districts.items).toHaveLength(7);
    expect(districts.items.find((d: { code: string }) => d.code === '320812').name).toBe('清江浦区');
    const zones = (await app.inject('/api/zones?format=geojson')).json();
    expect(zones.features.length).toBeGreaterThanOrEqual(8);
    const etdz = zones.features.find(
      (f: { properties: { name: string } }) => f.properties.name === '淮安经济技术开发区',
    );
    expect(etdz.properties.level).toBe('national');
    expect(etdz.properties.industries.length).toBeGreaterThanOrEqual(2);
    // The same industries in English, in the same order.
    expect(etdz.properties.industriesEn).toHaveLength(etdz.properties.industries.length);
    expect(etdz.properties.industriesEn[etdz.properties.industries.indexOf('新能源汽车及零部件')]).toBe(
      'New-energy vehicles and parts',
    );
    expect(etdz.geometry.type).toBe('MultiPolygon');
    expect((await app.inject('/api/zones?districtCode=12')).statusCode).toBe(400);
    await app.close();
  });

  it('publishes an OpenAPI document that lists the routes and their parameters', async () => {
    const app = await appFor(b, pool);
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/plots', '/api/plots/{id}', '/api/zones', '/api/districts', '/api/meta']),
    );
    const params = doc.paths['/api/plots'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['status', 'zoneId', 'bbox', 'limit', 'offset', 'sort']));
    await app.close();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const app = await appFor(b, pool);
    const response = await app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('/api/nothing-here');
    await app.close();
  });
});

describe('compression', () => {
  it('compresses a large GeoJSON answer for a client that accepts it', async () => {
    const pool = poolFor(backend);
    const app = await appFor(backend, pool);
    try {
      const plain = await app.inject('/api/plots?format=geojson&limit=2000');
      const compressed = await app.inject({
        url: '/api/plots?format=geojson&limit=2000',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe(plain.body);
    } finally {
      await app.close();
      await pool.end();
    }
  });
});

describe('the client pages', () => {
  const backend = inject('backends')[0]!;

  it('answers a link into the map or into the investor view with its page, and an unknown API path with 404', async () => {
    const clientDir = await mkdtemp(path.join(tmpdir(), 'land-atlas-client-'));
    await writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>map</title>');
    await writeFile(path.join(clientDir, 'invest.html'), '<!doctype html><title>invest</title>');
    const pool = poolFor(backend);
    const app = await appFor(backend, pool, null, clientDir);
    try {
      for (const [url, title] of [
        ['/', 'map'],
        ['/invest', 'invest'],
        ['/invest/parcels/12', 'invest'],
        ['/investors-guide', 'map'],
        ['/some/shared/link', 'map'],
      ]) {
        const response = await app.inject(url!);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-type'], url).toMatch(/^text\/html/);
        expect(response.body, url).toContain(`<title>${title}</title>`);
      }
      for (const url of ['/api/nothing-here', '/ogc/nothing', '/missing.png']) {
        const response = await app.inject(url);
        expect(response.statusCode, url).toBe(404);
      }
    } finally {
      await app.close();
      await pool.end();
      await rm(clientDir, { recursive: true, force: true });
    }
  });
});
