// A zone's local metric frame: metres east/north (optionally rotated) to lon/lat by equirectangular scaling.
import type { Position } from 'geojson';
import { round6 } from './ring-geometry.ts';

/** Metres per degree of latitude and longitude at a latitude (WGS84 series). */
export function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const phi = (latDeg * Math.PI) / 180;
  return {
    lat: 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi),
    lon: 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi),
  };
}

export class LocalFrame {
  readonly lon0: number;
  readonly lat0: number;
  readonly angleDeg: number;
  private readonly cos: number;
  private readonly sin: number;
  private readonly mLon: number;
  private readonly mLat: number;

  /** `angleDeg` rotates the frame's x axis counter-clockwise from east. */
  constructor(lon0: number, lat0: number, angleDeg = 0) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    this.angleDeg = angleDeg;
    const a = (angleDeg * Math.PI) / 180;
    this.cos = Math.cos(a);
    this.sin = Math.sin(a);
    const m = metresPerDegree(lat0);
    this.mLon = m.lon;
    this.mLat = m.lat;
  }

  /** Local metres to a rounded lon/lat position. */
  toLonLat(x: number, y: number): Position {
    const east = x * this.cos - y * this.sin;
    const north = x * this.sin + y * this.cos;
    return [round6(this.lon0 + east / this.mLon), round6(this.lat0 + north / this.mLat)];
  }

  /** Lon/lat to local metres. */
  fromLonLat(lon: number, lat: number): [number, number] {
    const east = (lon - this.lon0) * this.mLon;
    const north = (lat - this.lat0) * this.mLat;
    return [east * this.cos + north * this.sin, -east * this.sin + north * this.cos];
  }
}
