// Decodes ECharts' compressed map GeoJSON ("UTF8Encoding": true) into plain lon/lat coordinates.
import type { Position } from 'geojson';

/** ECharts packs each coordinate as zigzag-encoded deltas in char codes, scaled by 1024. */
export function decodeEchartsRing(
  encoded: string,
  offsets: readonly [number, number],
  scale = 1024,
): Position[] {
  const ring: Position[] = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}
