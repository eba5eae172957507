/**
 * The geodata bundle: one gzipped JSON file (`geo.json.gz`) holding everything the offline geocoder needs.
 * Columns rather than rows, coordinates as integer microdegrees and delta-coded, so 82,000 Boston address
 * points gzip to about 1 MB and parse in well under a second. `geo import` writes it; `loadBundle` reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { OperatorError } from '../errors';

export const BUNDLE_FILE = 'geo.json.gz';
const FORMAT = 'intake311-geo';
const VERSION = 1;

/** Rings as flat [lon, lat, ...] integer microdegrees; a polygon is an outer ring then its holes. */
export type EncodedPolygon = number[][];

/** Point rows. `hood` is an index into `neighborhoods` (-1: none); lat/lon are delta-coded microdegrees. */
export interface PointColumns {
  lat: number[];
  lon: number[];
  hood: number[];
  count: number[];
}

export interface BundleFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  city: string;
  region?: string;
  /** Attribution the city's data asks for, e.g. "Data: City of Boston (Open311, Analyze Boston)". */
  credits?: string;
  streets: string[];
  zips: string[];
  /** `aliases`: other names residents use for it ("JP", "Eastie"), read as hints like the name itself. */
  neighborhoods: Array<{ name: string; polygons: EncodedPolygon[]; aliases?: string[] }>;
  /** The city limit; empty when the city gave none (then its neighborhoods, or nearness to known addresses, decide). */
  boundary: EncodedPolygon[];
  /** House numbers as written ("12", "12A", "5-7"); `street` and `zip` index into `streets` and `zips` (-1: none). */
  addresses: PointColumns & { street: number[]; number: string[]; zip: number[] };
  intersections: PointColumns & { a: number[]; b: number[] };
  /** One point on each street per neighborhood it runs through. */
  streetPoints: PointColumns & { street: number[] };
  places: PointColumns & { name: string[] };
}

/** Point rows decoded to degrees. */
export interface PointTable {
  lat: Float64Array;
  lon: Float64Array;
  hood: Int32Array;
  count: Int32Array;
}

export function encodeDelta(values: number[]): number[] {
  return values.map((v, i) => Math.round(v * 1e6) - (i === 0 ? 0 : Math.round(values[i - 1] * 1e6)));
}

function decodeDelta(deltas: number[]): Float64Array {
  const out = new Float64Array(deltas.length);
  let acc = 0;
  for (let i = 0; i < deltas.length; i++) {
    acc += deltas[i];
    out[i] = acc / 1e6;
  }
  return out;
}

export function decodePoints(c: PointColumns): PointTable {
  return { lat: decodeDelta(c.lat), lon: decodeDelta(c.lon), hood: Int32Array.from(c.hood), count: Int32Array.from(c.count) };
}

export function encodePolygon(rings: number[][][]): EncodedPolygon {
  return rings.map((ring) => ring.flatMap(([lon, lat]) => [Math.round(lon * 1e6), Math.round(lat * 1e6)]));
}

export function decodePolygon(p: EncodedPolygon): Float64Array[] {
  return p.map((ring) => Float64Array.from(ring, (v) => v / 1e6));
}

function sameLength(file: string, what: string, columns: Record<string, unknown[]>): void {
  const lengths = Object.entries(columns).map(([k, v]) => [k, Array.isArray(v) ? v.length : -1] as const);
  if (lengths.some(([, n]) => n !== lengths[0][1]))
    throw new OperatorError(
      `geo: ${file}: ${what} columns differ in length (${lengths.map(([k, n]) => `${k}=${n}`).join(', ')}); rebuild it with \`intake311 geo import\``,
    );
}

/** Reads and checks a bundle; the error names the file and what to do. */
export function loadBundle(dir: string): BundleFile {
  const file = path.join(dir, BUNDLE_FILE);
  let data: BundleFile;
  try {
    data = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as BundleFile;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new OperatorError(`geo: cannot read ${file} (${why}); GEO_DATA_DIR must be a folder written by \`intake311 geo import --out DIR\``);
  }
  if (data?.format !== FORMAT || data.version !== VERSION)
    throw new OperatorError(`geo: ${file} is not an intake311 geodata bundle of version ${VERSION}; rebuild it with \`intake311 geo import\``);
  for (const [what, table] of Object.entries({
    addresses: data.addresses,
    intersections: data.intersections,
    streetPoints: data.streetPoints,
    places: data.places,
  }))
    sameLength(file, what, table as unknown as Record<string, unknown[]>);
  return data;
}

/** Writes a bundle deterministically (same input, same bytes). */
export function saveBundle(dir: string, bundle: BundleFile): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, BUNDLE_FILE);
  fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(bundle), { level: 9 }));
  return file;
}

export const BUNDLE_FORMAT = { format: FORMAT, version: VERSION } as const;
