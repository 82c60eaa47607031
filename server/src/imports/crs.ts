// Coordinate reference systems of imported data: the CGCS2000 family (geographic and Gauss-Krüger
// zones), WGS 84 and Web Mercator; read from a .prj or a GeoJSON `crs`, or guessed from coordinates.
import type { Pool, PoolClient } from '../db/pool.ts';

export type Bounds = [number, number, number, number];

/** 3-degree Gauss-Krüger zones 25–45 with the zone number in the easting (EPSG:4513–4533). */
const GK3_PREFIXED = { first: 4513, zone: 25, zones: 21 };
/** 3-degree zones by central meridian 75°E–135°E, easting without prefix (EPSG:4534–4554). */
const GK3_PLAIN = { first: 4534, meridian: 75, zones: 21 };
/** 6-degree zones 13–23 with prefix (EPSG:4491–4501), and by meridian without (EPSG:4502–4512). */
const GK6_PREFIXED = { first: 4491, zone: 13, zones: 11 };
const GK6_PLAIN = { first: 4502, meridian: 75, zones: 11 };

export interface CrsInfo {
  srid: number;
  name: string;
  /** Plane coordinates in metres (a projection) rather than degrees. */
  projected: boolean;
}

export function describeSrid(srid: number): CrsInfo | null {
  if (srid === 4326) return { srid, name: 'WGS 84 (longitude, latitude)', projected: false };
  if (srid === 4490) return { srid, name: 'CGCS2000 (longitude, latitude)', projected: false };
  if (srid === 3857) return { srid, name: 'WGS 84 / Web Mercator', projected: true };
  const inRange = (first: number, count: number) => srid >= first && srid < first + count;
  if (inRange(GK3_PREFIXED.first, GK3_PREFIXED.zones)) {
    const zone = GK3_PREFIXED.zone + srid - GK3_PREFIXED.first;
    return { srid, name: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone} (CM ${zone * 3}E)`, projected: true };
  }
  if (inRange(GK3_PLAIN.first, GK3_PLAIN.zones)) {
    const meridian = GK3_PLAIN.meridian + 3 * (srid - GK3_PLAIN.first);
    return { srid, name: `CGCS2000 / 3-degree Gauss-Kruger CM ${meridian}E`, projected: true };
  }
  if (inRange(GK6_PREFIXED.first, GK6_PREFIXED.zones)) {
    const zone = GK6_PREFIXED.zone + srid - GK6_PREFIXED.first;
    return { srid, name: `CGCS2000 / Gauss-Kruger zone ${zone} (CM ${zone * 6 - 3}E)`, projected: true };
  }
  if (inRange(GK6_PLAIN.first, GK6_PLAIN.zones)) {
    const meridian = GK6_PLAIN.meridian + 6 * (srid - GK6_PLAIN.first);
    return { srid, name: `CGCS2000 / Gauss-Kruger CM ${meridian}E`, projected: true };
  }
  return null;
}

/**
 * Where coordinates of `srid` can be: outside it, a projection's inverse fails or means nothing,
 * so such rows are reported without asking PostGIS to transform them.
 */
export function domainOf(srid: number): Bounds {
  if (srid === 4326 || srid === 4490) return [-180, -90, 180, 90];
  if (srid === 3857) return [-20_037_508.35, -20_048_966.11, 20_037_508.35, 20_048_966.11];
  const inRange = (first: number, count: number) => srid >= first && srid < first + count;
  // Gauss-Krüger: within 500 km of the central meridian (the false easting), northings of the globe.
  const zone = inRange(GK3_PREFIXED.first, GK3_PREFIXED.zones)
    ? GK3_PREFIXED.zone + srid - GK3_PREFIXED.first
    : inRange(GK6_PREFIXED.first, GK6_PREFIXED.zones)
      ? GK6_PREFIXED.zone + srid - GK6_PREFIXED.first
      : 0;
  return [zone * 1_000_000, -10_002_000, zone * 1_000_000 + 1_000_000, 10_002_000];
}

/** Every SRID an import may be read in. */
export const SUPPORTED_SRIDS: readonly number[] = [
  4326,
  4490,
  3857,
  ...range(GK3_PREFIXED.first, GK3_PREFIXED.zones),
  ...range(GK3_PLAIN.first, GK3_PLAIN.zones),
  ...range(GK6_PREFIXED.first, GK6_PREFIXED.zones),
  ...range(GK6_PLAIN.first, GK6_PLAIN.zones),
];

function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** The EPSG code of a CGCS2000 Gauss-Krüger projection from its central meridian and false easting. */
function gaussKrugerSrid(meridian: number, falseEasting: number): number | null {
  if (falseEasting === 500_000) {
    const steps3 = (meridian - GK3_PLAIN.meridian) / 3;
    if (Number.isInteger(steps3) && steps3 >= 0 && steps3 < GK3_PLAIN.zones) return GK3_PLAIN.first + steps3;
    return null;
  }
  const zone = (falseEasting - 500_000) / 1_000_000;
  if (!Number.isInteger(zone)) return null;
  if (zone >= GK3_PREFIXED.zone && zone < GK3_PREFIXED.zone + GK3_PREFIXED.zones && meridian === zone * 3) {
    return GK3_PREFIXED.first + zone - GK3_PREFIXED.zone;
  }
  if (
    zone >= GK6_PREFIXED.zone &&
    zone < GK6_PREFIXED.zone + GK6_PREFIXED.zones &&
    meridian === zone * 6 - 3
  ) {
    return GK6_PREFIXED.first + zone - GK6_PREFIXED.zone;
  }
  return null;
}

export type PrjReading = { srid: number } | { unsupported: string };

/**
 * The SRID a .prj (WKT 1, ESRI or OGC flavour) describes. An EPSG authority on the outermost
 * system wins; otherwise datum and projection parameters are matched against the CGCS2000 family.
 */
export function sridOfPrj(wkt: string): PrjReading {
  const text = wkt.trim();
  const name = /^\w+\[\s*"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 60);
  // The outermost AUTHORITY is the last one in the text (GDAL writes it at the end).
  const authority = [...text.matchAll(/AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)].at(-1)?.[1];
  const isProjected = /^PROJCS|^PROJCRS/i.test(text);
  if (authority && (isProjected || !/PROJCS/i.test(text))) {
    const srid = Number(authority);
    if (SUPPORTED_SRIDS.includes(srid)) return { srid };
  }
  const datum = /DATUM\[\s*"([^"]*)"/i.exec(text)?.[1]?.toLowerCase() ?? '';
  if (/xian|xi_an|1980|beijing|1954|new_beijing/.test(datum)) {
    return {
      unsupported: `${name}: Xi'an 1980 and Beijing 1954 data need a local datum conversion; convert it to CGCS2000 first`,
    };
  }
  const cgcs = /2000|china|cgcs/.test(datum);
  const wgs = /wgs.?1984|wgs.?84/.test(datum);
  if (!cgcs && !wgs) return { unsupported: `${name}: an unknown datum ("${datum || 'none'}")` };
  if (!isProjected) return { srid: cgcs ? 4490 : 4326 };
  const projection = /PROJECTION\[\s*"([^"]*)"/i.exec(text)?.[1]?.toLowerCase() ?? '';
  const parameter = (key: string) => {
    const match = new RegExp(`PARAMETER\\[\\s*"${key}"\\s*,\\s*(-?[\\d.eE+]+)`, 'i').exec(text);
    return match ? Number(match[1]) : null;
  };
  if (
    wgs &&
    /mercator_auxiliary_sphere|popular_visualisation|pseudo.?mercator/.test(
      `${projection} ${name.toLowerCase()}`,
    )
  ) {
    return { srid: 3857 };
  }
  if (cgcs && /gauss|transverse_mercator/.test(projection)) {
    const meridian = parameter('central_meridian');
    const falseEasting = parameter('false_easting');
    const scale = parameter('scale_factor') ?? 1;
    const origin = parameter('latitude_of_origin') ?? 0;
    if (meridian !== null && falseEasting !== null && scale === 1 && origin === 0) {
      const srid = gaussKrugerSrid(meridian, falseEasting);
      if (srid !== null) return { srid };
    }
  }
  return { unsupported: `${name}: a projection outside the CGCS2000 Gauss-Kruger zones` };
}

/** The SRID a GeoJSON `crs` member names (GDAL writes one for data not in CRS84). */
export function sridOfGeoJsonCrs(member: unknown): PrjReading | null {
  if (typeof member !== 'object' || member === null) return null;
  const name = (member as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return { srid: 4326 };
  const code = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name)?.[1];
  if (code && SUPPORTED_SRIDS.includes(Number(code))) return { srid: Number(code) };
  return {
    unsupported: `${name}: not one of the supported systems (CGCS2000, its Gauss-Kruger zones, WGS 84)`,
  };
}

/**
 * Systems the coordinates could be in, judged by their range alone: degrees, a zone-prefixed
 * easting (8 digits, the zone number first), a plain Gauss-Krüger easting, or Web Mercator.
 */
export function candidateSrids([minX, minY, maxX, maxY]: Bounds): number[] {
  const candidates: number[] = [];
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) candidates.push(4326);
  const zone = Math.floor(minX / 1_000_000);
  if (zone === Math.floor(maxX / 1_000_000) && minY > 0 && maxY < 10_000_000) {
    if (zone >= GK3_PREFIXED.zone && zone < GK3_PREFIXED.zone + GK3_PREFIXED.zones) {
      candidates.push(GK3_PREFIXED.first + zone - GK3_PREFIXED.zone);
    }
    if (zone >= GK6_PREFIXED.zone && zone < GK6_PREFIXED.zone + GK6_PREFIXED.zones) {
      candidates.push(GK6_PREFIXED.first + zone - GK6_PREFIXED.zone);
    }
  }
  // A plain easting lies within a few hundred kilometres of 500 km; northings in China are millions.
  if (minX >= 100_000 && maxX < 1_000_000 && minY >= 1_000_000 && maxY < 10_000_000) {
    candidates.push(...range(GK3_PLAIN.first, GK3_PLAIN.zones), ...range(GK6_PLAIN.first, GK6_PLAIN.zones));
  }
  if (
    Math.abs(minX) <= 20_037_509 &&
    Math.abs(maxX) <= 20_037_509 &&
    Math.abs(minY) <= 20_037_509 &&
    maxX - minX > 360
  ) {
    candidates.push(3857);
  }
  return candidates;
}

export interface RankedCandidate {
  srid: number;
  /** Metres from the data's centre, placed in this system, to the city's districts (0 inside). */
  distanceMetres: number | null;
}

/**
 * Candidates ordered by how near the data's centre (`centre`, in source coordinates) lands to the
 * city when read in each one; a plain Gauss-Krüger easting fits every meridian, and only the city
 * tells them apart.
 */
export async function rankCandidates(
  pool: Pool | PoolClient,
  centre: [number, number],
  candidates: readonly number[],
) {
  if (candidates.length === 0) return [];
  const { rows } = await pool.query<RankedCandidate>(
    `WITH city AS (SELECT ST_Union(geom) AS geom FROM districts),
          placed AS (
            SELECT c.srid, c.ord,
                   import_transform(ST_SetSRID(ST_MakePoint($1, $2), c.srid), 4326) AS centre
              FROM unnest($3::int[]) WITH ORDINALITY AS c (srid, ord))
     SELECT p.srid,
            CASE WHEN p.centre IS NULL OR city.geom IS NULL THEN NULL
                 ELSE round(ST_Distance(p.centre::geography, city.geom::geography)) END::float8 AS "distanceMetres"
       FROM placed p, city
      ORDER BY "distanceMetres" NULLS LAST, p.ord`,
    [...centre, candidates],
  );
  return rows;
}
