/**
 * Nearest-point search over a city's address points. A uniform grid of ~110 m cells is enough for points
 * this evenly spread: a lookup reads a few cells, and building it over 80,000 points takes a few milliseconds.
 * (kdbush/geokdbush would do the same, but their current releases are ES modules only, and this build is CommonJS.)
 */
import { distanceMeters } from './geometry';
import type { GeoPoint } from './types';

const CELL_DEG = 0.001;

export class PointGrid {
  private readonly cells = new Map<number, number[]>();

  constructor(
    private readonly lat: Float64Array,
    private readonly lon: Float64Array,
  ) {
    for (let i = 0; i < lat.length; i++) {
      const key = this.key(this.row(lat[i]), this.col(lon[i]));
      const cell = this.cells.get(key);
      if (cell) cell.push(i);
      else this.cells.set(key, [i]);
    }
  }

  private row(lat: number): number {
    return Math.floor(lat / CELL_DEG);
  }

  private col(lon: number): number {
    return Math.floor(lon / CELL_DEG);
  }

  private key(row: number, col: number): number {
    return row * 1_000_000 + col;
  }

  /** The index of the nearest point within maxMeters, or undefined. */
  nearest(p: GeoPoint, maxMeters: number): { index: number; meters: number } | undefined {
    const r0 = this.row(p.lat);
    const c0 = this.col(p.lon);
    const cellMeters = CELL_DEG * 111_000 * Math.cos((p.lat * Math.PI) / 180);
    const maxRing = Math.ceil(maxMeters / cellMeters) + 1;
    let best: { index: number; meters: number } | undefined;
    for (let ring = 0; ring <= maxRing; ring++) {
      // Every point in ring k is at least (k - 1) cells away: stop once that exceeds the best found.
      if (best && (ring - 1) * cellMeters > best.meters) break;
      for (let r = r0 - ring; r <= r0 + ring; r++)
        for (let c = c0 - ring; c <= c0 + ring; c++) {
          if (Math.max(Math.abs(r - r0), Math.abs(c - c0)) !== ring) continue;
          for (const i of this.cells.get(this.key(r, c)) ?? []) {
            const meters = distanceMeters(p, { lat: this.lat[i], lon: this.lon[i] });
            if (meters <= maxMeters && (!best || meters < best.meters)) best = { index: i, meters };
          }
        }
    }
    return best;
  }
}
