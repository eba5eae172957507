/**
 * Turns a city's files into a geodata bundle: street names become one vocabulary, every point gets the
 * neighborhood it lies in (precomputed here so the service never runs 80,000 polygon tests at start-up),
 * and rows are sorted so the delta-coded coordinates compress well.
 */

import { BUNDLE_FORMAT, type BundleFile, decodePolygon, encodeDelta, encodePolygon, type PointColumns } from '../bundle';
import { type Area, areaOf, contains, distanceToEdgeMeters } from '../geometry';
import { houseNumberValue } from '../tokens';
import {
  type RawNamed,
  type RawPoint,
  type RawPolygon,
  readAddresses,
  readAliases,
  readBoundary,
  readIntersections,
  readNamed,
  readNeighborhoods,
} from './read-sources';

export interface ImportSources {
  addresses: string;
  intersections?: string;
  streets?: string;
  places?: string;
  boundary?: string;
  neighborhoods?: string;
  /** A JSON object of nickname -> neighborhood name ({"JP": "Jamaica Plain"}). */
  aliases?: string;
  city: string;
  region?: string;
  credits?: string;
}

/** A point this close to a neighborhood's edge (piers, the water's edge) still belongs to it. */
const NEIGHBORHOOD_TOLERANCE_M = 200;

function toArea(polygons: RawPolygon[]): Area {
  return areaOf(polygons.map((p) => decodePolygon(encodePolygon(p))));
}

function neighborhoodFinder(hoods: Area[]): (p: RawPoint) => number {
  return (p) => {
    const inside = hoods.findIndex((area) => contains(area, p));
    if (inside >= 0) return inside;
    let best = -1;
    let bestMeters = NEIGHBORHOOD_TOLERANCE_M;
    hoods.forEach((area, i) => {
      const [minLon, minLat, maxLon, maxLat] = area.bbox;
      if (p.lon < minLon - 0.003 || p.lon > maxLon + 0.003 || p.lat < minLat - 0.003 || p.lat > maxLat + 0.003) return;
      const meters = distanceToEdgeMeters(area, p);
      if (meters < bestMeters) {
        best = i;
        bestMeters = meters;
      }
    });
    return best;
  };
}

function columns<T extends RawPoint>(rows: T[], hoodOf: (p: RawPoint) => number): PointColumns {
  return {
    lat: encodeDelta(rows.map((r) => r.lat)),
    lon: encodeDelta(rows.map((r) => r.lon)),
    hood: rows.map(hoodOf),
    count: rows.map((r) => r.count),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One point per (street, neighborhood): the real point nearest the group's median, so it lies on the street. */
function derivedStreetPoints(points: RawNamed[], hoodOf: (p: RawPoint) => number): RawNamed[] {
  const groups = new Map<string, RawNamed[]>();
  for (const p of points) {
    const key = `${p.name}\u0000${hoodOf(p)}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].map((group) => {
    const mLat = median(group.map((p) => p.lat));
    const mLon = median(group.map((p) => p.lon));
    const medoid = group.reduce((a, b) => (Math.hypot(a.lat - mLat, a.lon - mLon) <= Math.hypot(b.lat - mLat, b.lon - mLon) ? a : b));
    return { ...medoid, count: group.reduce((n, p) => n + p.count, 0) };
  });
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildBundle(src: ImportSources): BundleFile {
  const addresses = readAddresses(src.addresses);
  const intersections = src.intersections ? readIntersections(src.intersections) : [];
  const givenStreets = src.streets ? readNamed(src.streets, 'street') : [];
  const places = src.places ? readNamed(src.places, 'name') : [];
  const hoods = src.neighborhoods ? readNeighborhoods(src.neighborhoods) : [];
  const boundary = src.boundary ? readBoundary(src.boundary) : [];
  const hoodOf = neighborhoodFinder(hoods.map((h) => toArea(h.polygons)));
  const aliases = src.aliases ? readAliases(src.aliases, new Set(hoods.map((h) => h.name))) : new Map<string, string[]>();

  const names = [
    ...new Set([...addresses.map((a) => a.street), ...intersections.flatMap((x) => [x.a, x.b]), ...givenStreets.map((s) => s.name)]),
  ].sort(byName);
  const streetId = new Map(names.map((n, i) => [n, i]));
  const zips = [...new Set(addresses.flatMap((a) => (a.zip ? [a.zip] : [])))].sort(byName);
  const zipId = new Map(zips.map((z, i) => [z, i]));

  addresses.sort(
    (x, y) =>
      streetId.get(x.street)! - streetId.get(y.street)! || houseNumberValue(x.number) - houseNumberValue(y.number) || byName(x.number, y.number),
  );
  const crossings = intersections.map((x) => (streetId.get(x.a)! <= streetId.get(x.b)! ? x : { ...x, a: x.b, b: x.a }));
  crossings.sort((x, y) => streetId.get(x.a)! - streetId.get(y.a)! || streetId.get(x.b)! - streetId.get(y.b)!);

  const covered = new Set(givenStreets.map((s) => s.name));
  const evidence = [
    ...addresses.map((a) => ({ ...a, name: a.street })),
    ...crossings.flatMap((x) => [
      { ...x, name: x.a },
      { ...x, name: x.b },
    ]),
  ];
  const streetRows = [
    ...givenStreets,
    ...derivedStreetPoints(
      evidence.filter((p) => !covered.has(p.name)),
      hoodOf,
    ),
  ];
  streetRows.sort((x, y) => streetId.get(x.name)! - streetId.get(y.name)! || y.count - x.count);
  places.sort((x, y) => byName(x.name, y.name));

  return {
    ...BUNDLE_FORMAT,
    city: src.city,
    region: src.region,
    credits: src.credits,
    streets: names,
    zips,
    neighborhoods: hoods.map((h) => ({
      name: h.name,
      polygons: h.polygons.map(encodePolygon),
      ...(aliases.has(h.name) ? { aliases: aliases.get(h.name) } : {}),
    })),
    boundary: boundary.map(encodePolygon),
    addresses: {
      ...columns(addresses, hoodOf),
      street: addresses.map((a) => streetId.get(a.street)!),
      number: addresses.map((a) => a.number),
      zip: addresses.map((a) => (a.zip ? zipId.get(a.zip)! : -1)),
    },
    intersections: { ...columns(crossings, hoodOf), a: crossings.map((x) => streetId.get(x.a)!), b: crossings.map((x) => streetId.get(x.b)!) },
    streetPoints: { ...columns(streetRows, hoodOf), street: streetRows.map((s) => streetId.get(s.name)!) },
    places: { ...columns(places, hoodOf), name: places.map((p) => p.name) },
  };
}
