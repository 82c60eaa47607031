// The site finder's database side: which plots this viewer may be offered, their contiguity, and
// the outline of each site found. The ranking itself is in grow.ts.
import { seesAllInternal, type Viewer } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import type { Pool } from '../db/pool.ts';
import { adjacency, type MetricPolygons } from './adjacency.ts';
import { findSites, type SitePlot } from './grow.ts';
import type { SiteCandidate, SiteSearchBody, SiteSearchResult } from './schemas.ts';

interface Contiguity {
  minAreaMu: number;
  gapMetres: number;
  statuses: string[];
  supplyStatuses: string[];
  insideShare: number;
  srid: number;
}

async function contiguitySettings(pool: Pool): Promise<Contiguity> {
  const { rows } = await pool.query<{
    c: Omit<Contiguity, 'insideShare' | 'srid'>;
    inside: number | null;
    srid: number;
  }>(
    `SELECT (SELECT value FROM settings WHERE key = 'parcels.contiguity') AS c,
            (SELECT (value ->> 'insideShare')::float8 FROM settings WHERE key = 'control_lines.rules') AS inside,
            metric_srid() AS srid`,
  );
  const row = rows[0]!;
  return { ...row.c, insideShare: row.inside ?? 0.5, srid: row.srid };
}

/**
 * SQL deciding whether plot `a` may be offered to this viewer for this search. Planners and admins:
 * every candidate status; a zone manager: those inside their zones, available land elsewhere; the
 * public: available land only — the same split as the parcels.
 */
function offerable(
  a: string,
  viewer: Viewer,
  body: SiteSearchBody,
  cfg: Contiguity,
  bind: (v: unknown) => string,
): string {
  const statuses = cfg.statuses.filter((s) => body.includeRevitalizing !== false || s !== 'revitalizing');
  const parts: string[] = [];
  if (seesAllInternal(viewer)) parts.push(`${a}.status = ANY (${bind(statuses)}::text[])`);
  else if (viewer.role === 'zone_manager' && viewer.zoneIds.length > 0) {
    parts.push(
      `(${a}.status = ANY (${bind(cfg.supplyStatuses)}::text[]) OR (${a}.status = ANY (${bind(statuses)}::text[]) AND ${a}.zone_id = ANY (${bind([...viewer.zoneIds])}::int[])))`,
    );
  } else parts.push(`${a}.status = ANY (${bind(cfg.supplyStatuses)}::text[])`);
  if (body.zoneIds) parts.push(`${a}.zone_id = ANY (${bind(body.zoneIds)}::int[])`);
  if (body.districtCodes) parts.push(`${a}.district_code = ANY (${bind(body.districtCodes)}::text[])`);
  if (body.industry) {
    parts.push(
      `${a}.zone_id IN (SELECT z.id FROM zones z WHERE ${bind(body.industry)}::text = ANY (z.industries))`,
    );
  }
  if (body.insideControlLine === 'core') parts.push(`${a}.core_share >= ${bind(cfg.insideShare)}`);
  if (body.insideControlLine === 'any') parts.push(`${a}.line_share >= ${bind(cfg.insideShare)}`);
  return parts.join(' AND ');
}

/** What both ways of gathering candidates read of a plot. */
interface CandidateRow {
  id: number;
  area_mu: number;
  status: string;
  occupant: string | null;
  core_share: number | null;
  line_share: number | null;
  zone_id: number | null;
}

function candidateColumns(internal: boolean): string {
  // The public never gets a name; an available plot has no occupant anyway.
  return `a.id::int, a.area_mu, a.status, a.core_share, a.line_share, a.zone_id,
          ${internal ? 'a.enterprise_name' : 'NULL::text'} AS occupant`;
}

/** A candidate with its box in metres and its contiguous neighbours. */
function sitePlot(
  r: CandidateRow,
  [xmin, ymin, xmax, ymax]: [number, number, number, number],
  neighbours: number[],
): SitePlot {
  return {
    id: r.id,
    areaMu: r.area_mu,
    x: (xmin + xmax) / 2,
    y: (ymin + ymax) / 2,
    xmin,
    ymin,
    xmax,
    ymax,
    available: r.status === 'available',
    occupant: r.occupant,
    coreShare: r.core_share ?? 0,
    lineShare: r.line_share ?? 0,
    zoneId: r.zone_id,
    neighbours,
  };
}

/**
 * A demand of at least the parcel threshold can only be met inside one planning parcel (every
 * offerable plot is a planning candidate), so the members of parcels that large, with the
 * contiguity graph stored with them, are all the search needs: no outline leaves the database.
 */
async function plotsInParcels(
  pool: Pool,
  viewer: Viewer,
  body: SiteSearchBody,
  cfg: Contiguity,
  internal: boolean,
): Promise<SitePlot[]> {
  const params: unknown[] = [];
  const bind = binder(params);
  const { rows } = await pool.query<
    CandidateRow & { box: [number, number, number, number]; neighbours: number[] }
  >(
    `SELECT ${candidateColumns(internal)},
            ARRAY[ST_XMin(a.geom), ST_YMin(a.geom), ST_XMax(a.geom), ST_YMax(a.geom)] AS box,
            pp.neighbours::int[] AS neighbours
       FROM parcels g
       JOIN parcel_plots pp ON pp.parcel_id = g.id
       JOIN plots a ON a.id = pp.plot_id
      WHERE g.scope = 'planning' AND g.area_mu >= ${bind(body.demandMu)}
        AND ${offerable('a', viewer, body, cfg, bind)}`,
    params,
  );
  // Contiguity is already known; positions only steer growth and measure compactness, so a local
  // equirectangular frame in metres (exact to a fraction of a percent across a city) serves.
  const lat0 = rows.length > 0 ? rows.reduce((sum, r) => sum + r.box[1], 0) / rows.length : 0;
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_574;
  return rows.map((r) =>
    sitePlot(r, [r.box[0] * kx, r.box[1] * ky, r.box[2] * kx, r.box[3] * ky], r.neighbours),
  );
}

/** Smaller demands can be met anywhere: outlines come out in metres and are linked here. */
async function plotsAnywhere(
  pool: Pool,
  viewer: Viewer,
  body: SiteSearchBody,
  cfg: Contiguity,
  internal: boolean,
): Promise<SitePlot[]> {
  const params: unknown[] = [];
  const bind = binder(params);
  const { rows } = await pool.query<CandidateRow & { metric: string }>(
    `SELECT ${candidateColumns(internal)},
            ST_AsGeoJSON(ST_Transform(a.geom, ${bind(cfg.srid)}::int), 2) AS metric
       FROM plots a WHERE ${offerable('a', viewer, body, cfg, bind)}`,
    params,
  );
  const shapes: MetricPolygons[] = rows.map(
    (r) => (JSON.parse(r.metric) as { coordinates: MetricPolygons }).coordinates,
  );
  const links = adjacency(shapes, cfg.gapMetres);
  return rows.map((r, i) => {
    const xs = shapes[i]!.flat(2).map((c) => c[0]!);
    const ys = shapes[i]!.flat(2).map((c) => c[1]!);
    const box: [number, number, number, number] = [
      Math.min(...xs),
      Math.min(...ys),
      Math.max(...xs),
      Math.max(...ys),
    ];
    return sitePlot(
      r,
      box,
      links[i]!.map((k) => rows[k]!.id),
    );
  });
}

export async function searchSites(
  pool: Pool,
  viewer: Viewer,
  body: SiteSearchBody,
): Promise<SiteSearchResult> {
  const cfg = await contiguitySettings(pool);
  const internal = seesAllInternal(viewer) || (viewer.role === 'zone_manager' && viewer.zoneIds.length > 0);
  const plots =
    body.demandMu >= cfg.minAreaMu
      ? await plotsInParcels(pool, viewer, body, cfg, internal)
      : await plotsAnywhere(pool, viewer, body, cfg, internal);
  const sites = findSites(plots, {
    demandMu: body.demandMu,
    maxPlots: body.maxPlots ?? 500,
    limit: body.limit ?? 8,
    lineRequired: body.insideControlLine !== undefined,
  });
  if (sites.length === 0) return { demandMu: body.demandMu, searchedPlots: plots.length, candidates: [] };
  const outlines = await pool.query<{ ord: number; geometry: string }>(
    `SELECT s.ord, ST_AsGeoJSON(plots_outline(s.ids, $2::float8, $3::int), 7) AS geometry
       FROM jsonb_to_recordset($1::jsonb) AS s(ord int, ids bigint[])`,
    [JSON.stringify(sites.map((site, ord) => ({ ord, ids: site.plotIds }))), cfg.gapMetres, cfg.srid],
  );
  const geometryOf = new Map(
    outlines.rows.map((r) => [r.ord, JSON.parse(r.geometry) as SiteCandidate['geometry']]),
  );
  return {
    demandMu: body.demandMu,
    searchedPlots: plots.length,
    candidates: sites.map((site, ord) => ({
      rank: ord + 1,
      areaMu: site.areaMu,
      plotIds: site.plotIds,
      zoneIds: site.zoneIds,
      geometry: geometryOf.get(ord)!,
      reasons: site.reasons,
    })),
  };
}
