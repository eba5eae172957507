/**
 * Reads a city's own files (CSV or GeoJSON) into plain rows. Column names are matched loosely, so Boston's
 * files, OpenAddresses extracts and OSM-style `addr:*` properties all load without editing.
 * Every error names the file, the row and what was wrong.
 */
import fs from 'node:fs';
import { CsvError, parseCsv } from '../../../classifiers/csv';
import { InputError } from '../../errors';

export interface RawPoint {
  lat: number;
  lon: number;
  count: number;
}
export type RawAddress = RawPoint & { number: string; street: string; zip?: string };
export type RawIntersection = RawPoint & { a: string; b: string };
export type RawNamed = RawPoint & { name: string };
/** A GeoJSON polygon's rings of [lon, lat]. */
export type RawPolygon = number[][][];

const ALIASES: Record<string, string[]> = {
  number: ['number', 'house_number', 'housenumber', 'addr:housenumber', 'st_num', 'street_number'],
  street: ['street', 'street_name', 'addr:street', 'st_name', 'full_street_name'],
  zip: ['zip', 'zipcode', 'zip_code', 'postcode', 'postal_code', 'addr:postcode'],
  lat: ['lat', 'latitude', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
  count: ['count', 'weight'],
  a: ['street_a', 'street1', 'street_1', 'a'],
  b: ['street_b', 'street2', 'street_2', 'b'],
  name: ['name', 'place', 'landmark', 'title', 'neighborhood', 'neighbourhood'],
};

function pick(row: Record<string, unknown>, field: string): string | undefined {
  for (const alias of ALIASES[field]) {
    const hit = Object.keys(row).find((k) => k.toLowerCase() === alias);
    const value = hit === undefined ? undefined : row[hit];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
  }
  return undefined;
}

interface GeoJsonFeature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`geo import: ${file}: not readable JSON (${(err as Error).message})`, file);
  }
}

function features(file: string): GeoJsonFeature[] {
  const json = readJson(file) as { type?: string; features?: GeoJsonFeature[] } & GeoJsonFeature;
  if (json?.type === 'FeatureCollection' && Array.isArray(json.features)) return json.features;
  if (json?.type === 'Feature') return [json];
  if (json?.type === 'Polygon' || json?.type === 'MultiPolygon' || json?.type === 'Point')
    return [{ type: 'Feature', properties: {}, geometry: json }];
  throw new InputError(`geo import: ${file}: expected a GeoJSON FeatureCollection, Feature or geometry`, file);
}

/** Rows of a CSV file as objects keyed by the lower-cased header names. */
function readCsv(file: string): Array<Record<string, string>> {
  try {
    const [header, ...body] = parseCsv(fs.readFileSync(file, 'utf8'), file);
    const names = (header?.fields ?? []).map((h) => h.trim().toLowerCase());
    return body.map((r) => Object.fromEntries(names.map((n, i) => [n, (r.fields[i] ?? '').trim()])));
  } catch (err) {
    if (err instanceof CsvError) throw new InputError(`geo import: ${err.message}`, file);
    throw err;
  }
}

/** Rows of a CSV or GeoJSON (Point features) file, each with lat/lon from its columns or its geometry. */
function rows(file: string): Array<Record<string, unknown>> {
  if (!fs.existsSync(file)) throw new InputError(`geo import: ${file}: no such file`, file);
  if (/\.csv$/i.test(file)) return readCsv(file);
  if (!/\.(geo)?json$/i.test(file)) throw new InputError(`geo import: ${file}: expected a .csv or .geojson file`, file);
  return features(file).map((f, i) => {
    const coords = f.geometry?.type === 'Point' ? (f.geometry.coordinates as number[]) : undefined;
    if (!coords) throw new InputError(`geo import: ${file}: feature ${i + 1} is not a Point`, file);
    return { ...(f.properties ?? {}), lon: coords[0], lat: coords[1] };
  });
}

function point(file: string, row: Record<string, unknown>, line: number): RawPoint {
  const lat = Number(pick(row, 'lat'));
  const lon = Number(pick(row, 'lon'));
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    throw new InputError(`geo import: ${file}: row ${line}: lat/lon missing or not decimal degrees`, file);
  const count = Number(pick(row, 'count') ?? 1);
  return { lat, lon, count: Number.isFinite(count) && count > 0 ? Math.round(count) : 1 };
}

function required(file: string, row: Record<string, unknown>, field: string, line: number): string {
  const value = pick(row, field);
  if (value === undefined) throw new InputError(`geo import: ${file}: row ${line}: no ${field} (columns tried: ${ALIASES[field].join(', ')})`, file);
  return value;
}

export function readAddresses(file: string): RawAddress[] {
  return rows(file).map((row, i) => ({
    ...point(file, row, i + 2),
    number: required(file, row, 'number', i + 2).toUpperCase(),
    street: required(file, row, 'street', i + 2),
    zip: pick(row, 'zip'),
  }));
}

export function readIntersections(file: string): RawIntersection[] {
  return rows(file).map((row, i) => ({ ...point(file, row, i + 2), a: required(file, row, 'a', i + 2), b: required(file, row, 'b', i + 2) }));
}

/** Streets (`street` column) or places (`name` column) with a point each. */
export function readNamed(file: string, field: 'street' | 'name'): RawNamed[] {
  return rows(file).map((row, i) => ({ ...point(file, row, i + 2), name: required(file, row, field, i + 2) }));
}

function polygonsOf(file: string, f: GeoJsonFeature, i: number): RawPolygon[] {
  const g = f.geometry;
  if (g?.type === 'Polygon') return [g.coordinates as RawPolygon];
  if (g?.type === 'MultiPolygon') return g.coordinates as RawPolygon[];
  throw new InputError(`geo import: ${file}: feature ${i + 1} is not a Polygon or MultiPolygon`, file);
}

/** All polygons of a boundary file, as one area. */
export function readBoundary(file: string): RawPolygon[] {
  if (!fs.existsSync(file)) throw new InputError(`geo import: ${file}: no such file`, file);
  return features(file).flatMap((f, i) => polygonsOf(file, f, i));
}

/** One area per named feature of a neighborhoods file. */
export function readNeighborhoods(file: string): Array<{ name: string; polygons: RawPolygon[] }> {
  if (!fs.existsSync(file)) throw new InputError(`geo import: ${file}: no such file`, file);
  return features(file).map((f, i) => {
    const name = pick(f.properties ?? {}, 'name');
    if (!name) throw new InputError(`geo import: ${file}: feature ${i + 1} has no name property`, file);
    return { name, polygons: polygonsOf(file, f, i) };
  });
}

/** Nicknames per neighborhood from a JSON object {"JP": "Jamaica Plain"}; each must name a neighborhood of the file. */
export function readAliases(file: string, neighborhoods: Set<string>): Map<string, string[]> {
  if (!fs.existsSync(file)) throw new InputError(`geo import: ${file}: no such file`, file);
  const json = readJson(file);
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new InputError(`geo import: ${file}: expected a JSON object of nickname -> neighborhood name`, file);
  const out = new Map<string, string[]>();
  for (const [alias, name] of Object.entries(json as Record<string, unknown>)) {
    if (typeof name !== 'string' || !neighborhoods.has(name))
      throw new InputError(`geo import: ${file}: "${alias}" points to ${JSON.stringify(name)}, which is no neighborhood of --neighborhoods`, file);
    out.set(name, [...(out.get(name) ?? []), alias]);
  }
  return out;
}
