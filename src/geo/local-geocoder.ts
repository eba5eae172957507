/**
 * The offline geocoder over a city's bundle: sentences to candidates, points to the nearest address, and
 * the city-limit and neighborhood test. Everything is in memory; no lookup touches the disk or the network.
 */

import type { GeoData } from './geo-data';
import { contains, distanceMeters, distanceToEdgeMeters } from './geometry';
import { findMentions } from './mentions';
import { rewriteForeignPlaces } from './place-words';
import { type Hints, matchesHint, type Resolved, resolve } from './resolve';
import { type Token, tokenize } from './tokens';
import type { ForwardOptions, GeoCandidate, Geocoder, GeoPoint, LocateResult, ReverseResult } from './types';

export interface LocalGeocoderOptions {
  /** A point this far outside the city limit still counts as inside (piers, the water's edge, a shaky GPS). Default 150 m. */
  boundaryToleranceMeters?: number;
  /** Reverse lookups farther than this from every known address find nothing. Default 500 m. */
  reverseMaxMeters?: number;
}

/** Coordinates written in the text: "42.3601, -71.0589". */
const COORDINATES = /(-?\d{1,2}\.\d{3,})\s*[,;]\s*(-?\d{1,3}\.\d{3,})/;

export class LocalGeocoder implements Geocoder {
  private readonly tolerance: number;
  private readonly reverseMax: number;

  constructor(
    readonly data: GeoData,
    options: LocalGeocoderOptions = {},
  ) {
    this.tolerance = options.boundaryToleranceMeters ?? 150;
    this.reverseMax = options.reverseMaxMeters ?? 500;
  }

  async forward(text: string, options: ForwardOptions = {}): Promise<GeoCandidate[]> {
    return this.forwardSync(text, options);
  }

  /** The same as forward, without the promise (the benchmark and the CLI use it). */
  forwardSync(text: string, options: ForwardOptions = {}): GeoCandidate[] {
    if (typeof text !== 'string') return [];
    const limit = options.limit ?? 5;
    const written = this.coordinates(text);
    if (written) return [written];
    const tokens = tokenize(rewriteForeignPlaces(text.slice(0, 2000)));
    const hints = this.hints(tokens);
    const resolved = this.rank(resolve(this.data, findMentions(tokens, this.data, options.language), hints), hints, options.near);
    return resolved.slice(0, limit).map((r) => this.candidate(r));
  }

  private coordinates(text: string): GeoCandidate | undefined {
    const m = COORDINATES.exec(text);
    if (!m) return undefined;
    const p = { lat: Number(m[1]), lon: Number(m[2]) };
    if (Math.abs(p.lat) > 90 || Math.abs(p.lon) > 180) return undefined;
    const where = this.locate(p);
    return {
      ...p,
      address: `${p.lat.toFixed(6)}, ${p.lon.toFixed(6)}`,
      kind: 'point',
      confidence: where.inside ? 0.99 : 0.5,
      source: 'local',
      neighborhood: where.neighborhood,
    };
  }

  /** Neighborhoods and ZIP codes the text names ("in Dorchester", "02130"): readings there win. */
  private hints(tokens: Token[]): Hints {
    const hoods = new Set<number>();
    const zips = new Set<number>();
    tokens.forEach((t, i) => {
      const zip = this.data.zipByValue.get(t.norm);
      if (zip !== undefined) zips.add(zip);
      for (let n = 1; n <= 3 && i + n <= tokens.length; n++) {
        const hood = this.data.neighborhoodByKey.get(
          tokens
            .slice(i, i + n)
            .map((x) => x.norm)
            .join(' '),
        );
        if (hood !== undefined) hoods.add(hood);
      }
    });
    return { hoods, zips };
  }

  private rank(resolved: Resolved[], hints: Hints, near?: GeoPoint): Resolved[] {
    const groups = new Map<number, Resolved[]>();
    for (const r of resolved) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
    for (const members of groups.values()) {
      const places = members.filter((r, i) => members.findIndex((o) => distanceMeters(o, r) < 300) === i);
      if (places.length < 2) continue;
      // One reading, several places (15 Adams St in Dorchester and in Charlestown): the text's neighborhood, or the nearest to a known point, decides.
      const hinted = members.filter((r) => matchesHint(hints, r));
      const nearest = near ? members.reduce((a, b) => (distanceMeters(a, near) <= distanceMeters(b, near) ? a : b)) : undefined;
      const attested = members.reduce((a, b) => (b.count > a.count ? b : a));
      for (const r of members) {
        if (hinted.length) r.confidence += hinted.includes(r) ? 0.02 : -0.3;
        else if (nearest) r.confidence += r === nearest ? 0 : -0.2;
        else r.confidence -= r === attested ? 0.15 : 0.25;
      }
    }
    const sorted = resolved.filter((r) => r.confidence > 0.05).sort((a, b) => b.confidence - a.confidence);
    return sorted.filter((r, i) => !sorted.slice(0, i).some((o) => o.kind === r.kind && o.label === r.label && distanceMeters(o, r) < 30));
  }

  private candidate(r: Resolved): GeoCandidate {
    const neighborhood = this.data.neighborhoodName(r.hood);
    const zip = r.zip >= 0 ? this.data.zips[r.zip] : undefined;
    const where = [neighborhood ?? this.data.city, zip].filter(Boolean).join(' ');
    return {
      lat: round6(r.lat),
      lon: round6(r.lon),
      address: `${r.label}, ${where}`,
      kind: r.kind,
      confidence: Math.round(Math.max(0, Math.min(1, r.confidence)) * 100) / 100,
      source: 'local',
      neighborhood,
      ...(r.interpolated ? { interpolated: true } : {}),
    };
  }

  async reverse(point: GeoPoint): Promise<ReverseResult | undefined> {
    return this.reverseSync(point);
  }

  reverseSync(point: GeoPoint): ReverseResult | undefined {
    if (!validPoint(point)) return undefined;
    const hit = this.data.addressGrid.nearest(point, this.reverseMax);
    if (!hit) return undefined;
    const a = this.data.addresses;
    const i = hit.index;
    const zip = a.zip[i] >= 0 ? ` ${this.data.zips[a.zip[i]]}` : '';
    const where = this.locate(point);
    const hood = this.data.neighborhoodName(a.hood[i]) ?? where.neighborhood;
    return {
      address: `${a.number[i]} ${this.data.streets[a.street[i]]}, ${hood ?? this.data.city}${zip}`,
      lat: a.lat[i],
      lon: a.lon[i],
      distanceMeters: Math.round(hit.meters),
      inside: where.inside,
      neighborhood: where.neighborhood ?? hood,
    };
  }

  locate(point: GeoPoint): LocateResult {
    if (!validPoint(point)) return { inside: false };
    const hoods = this.data.neighborhoods;
    let hood = hoods.findIndex((h) => contains(h.area, point));
    if (hood < 0) {
      let best = this.tolerance;
      hoods.forEach((h, i) => {
        const meters = nearBox(h.area.bbox, point) ? distanceToEdgeMeters(h.area, point) : Infinity;
        if (meters <= best) {
          best = meters;
          hood = i;
        }
      });
    }
    const neighborhood = hood >= 0 ? hoods[hood].name : undefined;
    return { inside: this.inside(point, hood >= 0), ...(neighborhood ? { neighborhood } : {}) };
  }

  private inside(point: GeoPoint, inNeighborhood: boolean): boolean {
    const b = this.data.boundary;
    if (b) return contains(b, point) || (nearBox(b.bbox, point) && distanceToEdgeMeters(b, point) <= this.tolerance);
    // No city limit in the data: its neighborhoods, else nearness to a known address, stand in for it.
    if (this.data.neighborhoods.length) return inNeighborhood;
    return this.data.addressGrid.nearest(point, this.reverseMax) !== undefined;
  }
}

/** Whether a point is within ~2 km of a bounding box (cheap test before measuring distance to edges). */
function nearBox([minLon, minLat, maxLon, maxLat]: [number, number, number, number], p: GeoPoint): boolean {
  const m = 0.02;
  return p.lon >= minLon - m && p.lon <= maxLon + m && p.lat >= minLat - m && p.lat <= maxLat + m;
}

function validPoint(p: GeoPoint): boolean {
  return Number.isFinite(p?.lat) && Number.isFinite(p?.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
