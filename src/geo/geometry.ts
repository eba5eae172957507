/**
 * The little plane geometry a city-sized geocoder needs. At this scale (tens of kilometres) an equirectangular
 * projection around the point is accurate to well under a metre, so distances and point-in-polygon tests are
 * done on plain arrays with no library: a ray cast is a dozen lines and runs in microseconds over Boston's
 * 3,900-vertex boundary.
 */
import type { GeoPoint } from './types';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A ring as flat [lon0, lat0, lon1, lat1, ...] in degrees; the last vertex need not repeat the first. */
export type Ring = Float64Array;
/** An outer ring followed by its holes. */
export type Polygon = Ring[];

export interface Area {
  polygons: Polygon[];
  /** [minLon, minLat, maxLon, maxLat], to skip the ray cast for far points. */
  bbox: [number, number, number, number];
}

export function areaOf(polygons: Polygon[]): Area {
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (let i = 0; i < polygon[0].length; i += 2) {
      bbox[0] = Math.min(bbox[0], polygon[0][i]);
      bbox[1] = Math.min(bbox[1], polygon[0][i + 1]);
      bbox[2] = Math.max(bbox[2], polygon[0][i]);
      bbox[3] = Math.max(bbox[3], polygon[0][i + 1]);
    }
  return { polygons, bbox };
}

function insideRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i];
    const yi = ring[i + 1];
    const xj = ring[j];
    const yj = ring[j + 1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether the point is inside the area (inside an outer ring and none of its holes). */
export function contains(area: Area, p: GeoPoint): boolean {
  const [minLon, minLat, maxLon, maxLat] = area.bbox;
  if (p.lon < minLon || p.lon > maxLon || p.lat < minLat || p.lat > maxLat) return false;
  return area.polygons.some((polygon) => insideRing(polygon[0], p.lon, p.lat) && !polygon.slice(1).some((hole) => insideRing(hole, p.lon, p.lat)));
}

/** Metres from the point to the nearest edge of the area (0 on an edge), by local equirectangular projection. */
export function distanceToEdgeMeters(area: Area, p: GeoPoint): number {
  const kx = Math.cos(p.lat * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  let best = Infinity;
  for (const polygon of area.polygons)
    for (const ring of polygon) {
      const n = ring.length;
      for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
        const ax = (ring[j] - p.lon) * kx;
        const ay = (ring[j + 1] - p.lat) * ky;
        const bx = (ring[i] - p.lon) * kx;
        const by = (ring[i + 1] - p.lat) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  return best;
}

/** Metres from the point to the area: 0 inside, else the distance to its nearest edge. */
export function distanceToAreaMeters(area: Area, p: GeoPoint): number {
  return contains(area, p) ? 0 : distanceToEdgeMeters(area, p);
}
