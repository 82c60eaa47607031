// SQL about the city's districts shared by several routes.
import type { Pool } from '../db/pool.ts';

/** [minLon, minLat, maxLon, maxLat] of all districts (the city's extent), or null when there are none. */
export async function cityExtent(pool: Pool): Promise<[number, number, number, number] | null> {
  const { rows } = await pool.query<{ bbox: [number, number, number, number] | null }>(
    `SELECT CASE WHEN e IS NULL THEN NULL
            ELSE json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) END AS bbox
     FROM (SELECT ST_Extent(geom)::geometry AS e FROM districts) x`,
  );
  return rows[0]?.bbox ?? null;
}
