/**
 * Turns readings of a sentence into points with a confidence. The rules that keep everyday words from
 * becoming places live here: a street name that is also a common word ("3 weeks", "the park and green
 * space") needs a suffix, a capital, or a word like "corner of" before it counts.
 */

import type { GeoData } from './geo-data';
import { distanceMeters } from './geometry';
import { findBlock, findHouse, type HouseHit, interpolateHouse } from './house-lookup';
import type { Mention } from './mentions';
import { WEAK_SUFFIXES } from './street-key';
import type { StreetMatch } from './street-names';
import type { GeoKind } from './types';

export interface Resolved {
  lat: number;
  lon: number;
  kind: GeoKind;
  /** The place without its neighborhood and ZIP ("12 Elm St"). */
  label: string;
  hood: number;
  zip: number;
  confidence: number;
  interpolated?: boolean;
  /** Candidates from one reading share a group: several of them means the reading is ambiguous. */
  group: number;
  /** How many city records back the point: among ambiguous places, the better attested is likelier. */
  count: number;
}

/** Neighborhoods (indexes) and ZIP codes (indexes) the text names. */
export interface Hints {
  hoods: Set<number>;
  zips: Set<number>;
}

export function matchesHint(hints: Hints, p: { hood: number; zip: number }): boolean {
  return hints.hoods.has(p.hood) || hints.zips.has(p.zip);
}

/** Street names tried per reading (the same name in several neighborhoods, or several suffixes). */
const MAX_STREETS = 4;
/** Two streets whose known points come this close are taken to cross there, when the data has no such crossing. */
const DERIVED_CROSSING_M = 80;

const PENALTY: Record<StreetMatch['how'], number> = { exact: 0, bare: 0.05, 'other-suffix': 0.15, undirected: 0.1, fuzzy: 0.12 };

/** Whether a name standing where a street is expected can be taken as one. */
function plausible(s: StreetMatch, cue: boolean): boolean {
  if (s.cap || cue) return true;
  if (s.common && !s.suffix) return false;
  return true;
}

function fromHouse(hits: HouseHit[], label: string, confidence: number, group: number): Resolved[] {
  return hits.map((h) => ({
    lat: h.lat,
    lon: h.lon,
    kind: 'address',
    label,
    hood: h.hood,
    zip: h.zip,
    confidence: h.interpolated ? confidence - 0.15 : confidence,
    interpolated: h.interpolated,
    group,
    count: h.count,
  }));
}

function streetPoints(data: GeoData, s: StreetMatch, confidence: number, group: number): Resolved[] {
  return s.ids.slice(0, MAX_STREETS).flatMap((id, rank) =>
    data
      .streetPointRows(id)
      .slice(0, 3)
      .map((row) => ({
        lat: data.streetPoints.lat[row],
        lon: data.streetPoints.lon[row],
        kind: 'street' as const,
        label: data.streets[id],
        hood: data.streetPoints.hood[row],
        zip: -1,
        confidence: confidence - PENALTY[s.how] - 0.05 * rank,
        group,
        count: data.streetPoints.count[row],
      })),
  );
}

function address(data: GeoData, m: Extract<Mention, { kind: 'address' }>, group: number, hints: Hints): Resolved[] {
  if (!plausible(m.street, false)) return [];
  const out = m.street.ids.slice(0, MAX_STREETS).flatMap((id, rank) => {
    const label = `${m.number.toUpperCase()} ${data.streets[id]}`;
    const confidence = 0.95 - PENALTY[m.street.how] - 0.05 * rank;
    const hits = findHouse(data, id, m.number);
    // "150 Centre St, Dorchester" when only Roxbury's Centre St has a 150: the Dorchester one, interpolated, is meant.
    const hinted =
      hits.some((h) => matchesHint(hints, h)) || !(hints.hoods.size || hints.zips.size)
        ? []
        : interpolateHouse(data, id, parseInt(m.number, 10)).filter((h) => matchesHint(hints, h));
    return fromHouse([...hits, ...hinted], label, confidence, group);
  });
  return out.length ? out : streetPoints(data, m.street, 0.4, group);
}

function block(data: GeoData, m: Extract<Mention, { kind: 'block' }>, group: number): Resolved[] {
  return m.street.ids
    .slice(0, MAX_STREETS)
    .flatMap((id, rank) =>
      fromHouse(findBlock(data, id, m.block), `${m.block} block of ${data.streets[id]}`, 0.85 - PENALTY[m.street.how] - 0.05 * rank, group),
    );
}

/** The closest pair of known points of two streets, if they come within DERIVED_CROSSING_M. */
function derivedCrossing(data: GeoData, a: number, b: number): { lat: number; lon: number; hood: number } | undefined {
  const pointsOf = (id: number) => {
    const { start, end } = data.addressRows(id);
    const rows: Array<{ lat: number; lon: number; hood: number }> = [];
    for (let i = start; i < end; i++) rows.push({ lat: data.addresses.lat[i], lon: data.addresses.lon[i], hood: data.addresses.hood[i] });
    for (const r of data.streetPointRows(id))
      rows.push({ lat: data.streetPoints.lat[r], lon: data.streetPoints.lon[r], hood: data.streetPoints.hood[r] });
    // Where the street crosses other streets: points on its centre line, dense on big roads with few house numbers.
    for (const r of data.crossingRowsOf(id))
      rows.push({ lat: data.intersections.lat[r], lon: data.intersections.lon[r], hood: data.intersections.hood[r] });
    return rows;
  };
  const [small, large] = [pointsOf(a), pointsOf(b)].sort((x, y) => x.length - y.length);
  large.sort((x, y) => x.lat - y.lat);
  const window = DERIVED_CROSSING_M / 111_000;
  let best: { meters: number; p: { lat: number; lon: number; hood: number } } | undefined;
  for (const p of small) {
    // Binary search for the first point of the longer street within the latitude window, then walk the window.
    let lo = 0;
    let hi = large.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (large[mid].lat < p.lat - window) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < large.length && large[k].lat <= p.lat + window; k++) {
      const q = large[k];
      const meters = distanceMeters(p, q);
      if (meters <= DERIVED_CROSSING_M && (!best || meters < best.meters))
        best = { meters, p: { lat: (p.lat + q.lat) / 2, lon: (p.lon + q.lon) / 2, hood: p.hood } };
    }
  }
  return best?.p;
}

/** Where two named streets cross: the city's crossing rows, else (when both clearly are streets) where their points meet. */
function crossingPoints(data: GeoData, a: StreetMatch, b: StreetMatch, cue: boolean, confidence: number, group: number): Resolved[] {
  const penalty = PENALTY[a.how] + PENALTY[b.how];
  const label = (x: number, y: number) => `${data.streets[x]} & ${data.streets[y]}`;
  const out: Resolved[] = [];
  for (const [ra, x] of a.ids.slice(0, MAX_STREETS).entries())
    for (const [rb, y] of b.ids.slice(0, MAX_STREETS).entries())
      for (const row of data.crossings(x, y)) {
        const i = data.intersections;
        out.push({
          lat: i.lat[row],
          lon: i.lon[row],
          kind: 'intersection',
          label: label(x, y),
          hood: i.hood[row],
          zip: -1,
          confidence: confidence - penalty - 0.03 * (ra + rb),
          group,
          count: i.count[row],
        });
      }
  if (out.length) return out;
  // A crossing the data never saw: only when both names clearly are streets, and only where they really meet.
  const clear = (s: StreetMatch) => s.suffix !== undefined || s.cap || cue;
  if (!clear(a) || !clear(b)) return [];
  for (const x of a.ids.slice(0, 2))
    for (const y of b.ids.slice(0, 2)) {
      const p = derivedCrossing(data, x, y);
      if (p) out.push({ ...p, kind: 'intersection', label: label(x, y), zip: -1, confidence: confidence - 0.2 - penalty, group, count: 1 });
    }
  return out;
}

function intersection(data: GeoData, m: Extract<Mention, { kind: 'intersection' }>, group: number): Resolved[] {
  if (!plausible(m.a, m.cue) || !plausible(m.b, m.cue)) return [];
  const crossing = crossingPoints(data, m.a, m.b, m.cue, 0.92, group);
  if (crossing.length || !m.cue) return crossing;
  // "corner of Royal and Empire" where we know no such corner: the first street, at low confidence, beats nothing.
  return streetPoints(data, m.a, 0.35, group);
}

/** "Tremont St between Terrace St and Parker St": halfway between the two crossings (or at the one that is known). */
function segment(data: GeoData, m: Extract<Mention, { kind: 'segment' }>, group: number): Resolved[] {
  const from = crossingPoints(data, m.street, m.from, true, 0.8, group);
  const to = crossingPoints(data, m.street, m.to, true, 0.8, group);
  const pairs = from.flatMap((f) => to.filter((t) => distanceMeters(f, t) < 1500).map((t) => [f, t] as const));
  if (pairs.length) {
    const [f, t] = pairs.reduce((best, p) => (distanceMeters(p[0], p[1]) < distanceMeters(best[0], best[1]) ? p : best));
    const label = `${f.label.split(' & ')[0]} between ${f.label.split(' & ')[1]} and ${t.label.split(' & ')[1]}`;
    return [
      {
        lat: (f.lat + t.lat) / 2,
        lon: (f.lon + t.lon) / 2,
        kind: 'street',
        label,
        hood: f.hood,
        zip: -1,
        confidence: Math.min(f.confidence, t.confidence),
        group,
        count: Math.min(f.count, t.count),
      },
    ];
  }
  const one = [...from, ...to].map((r) => ({ ...r, confidence: r.confidence - 0.15 }));
  return one.length ? one : streetPoints(data, m.street, 0.45, group);
}

function street(data: GeoData, m: Extract<Mention, { kind: 'street' }>, group: number): Resolved[] {
  const s = m.street;
  if (m.neighborhood) return [];
  const strong = s.suffix !== undefined && !WEAK_SUFFIXES.has(s.suffix);
  // A street named alone must look like one: a proper suffix; or capitals on a name and weak suffix ("Travel Lane");
  // or, with no suffix, a name that is no everyday word after "on"/"calle" ("on Tremont"), or a capitalised name that
  // has no suffix at all (Broadway). A bare capitalised name is too often a person, a brand or a state ("Massachusetts plates").
  let ok: boolean;
  if (s.how === 'fuzzy') ok = strong && (s.cap || m.cue);
  else if (strong) ok = true;
  else if (s.suffix) ok = s.allCap;
  else ok = !s.common && (m.cue || (s.how === 'exact' && s.cap));
  return ok ? streetPoints(data, s, strong ? 0.52 : 0.48, group) : [];
}

function landmark(data: GeoData, m: Extract<Mention, { kind: 'landmark' }>, group: number): Resolved[] {
  const p = data.places;
  return m.rows.map((row) => ({
    lat: p.lat[row],
    lon: p.lon[row],
    kind: 'landmark' as const,
    label: p.name[row],
    hood: p.hood[row],
    zip: -1,
    confidence: 0.85,
    group,
    count: p.count[row],
  }));
}

/** Every reading's points; candidates keep the readings' order, so among equals the sort leaves the first found first. */
export function resolve(data: GeoData, mentions: Mention[], hints: Hints): Resolved[] {
  return mentions.flatMap((m, group) => {
    switch (m.kind) {
      case 'address':
        return address(data, m, group, hints);
      case 'block':
        return block(data, m, group);
      case 'intersection':
        return intersection(data, m, group);
      case 'street':
        return street(data, m, group);
      case 'segment':
        return segment(data, m, group);
      case 'landmark':
        return landmark(data, m, group);
      default:
        return [];
    }
  });
}
