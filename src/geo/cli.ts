/**
 * `intake311 geocode "TEXT" [--json] [--language CODE]`, `intake311 geocode --reverse LAT,LON [--json]` and
 * `intake311 geo import --addresses FILE ... --out DIR`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { InputError } from '../errors';
import { saveBundle } from './bundle';
import { createGeocoder } from './create-geocoder';
import { buildBundle, type ImportSources } from './import/build-bundle';
import type { GeoCandidate, LocateResult } from './types';

type Out = (line: string) => void;

const GEOCODE_USAGE = 'usage: intake311 geocode "TEXT" [--json] [--language CODE]  |  intake311 geocode --reverse LAT,LON [--json]';
const IMPORT_USAGE = `usage: intake311 geo import --addresses FILE.csv|.geojson [--intersections FILE.csv] [--streets FILE.csv] [--places FILE.csv]
                          [--boundary FILE.geojson] [--neighborhoods FILE.geojson] [--aliases FILE.json] [--city NAME] [--region CODE] [--credits TEXT] --out DIR`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

/** The free text: every argument that is not a flag or a flag's value. */
function freeText(args: string[], valued: string[]): string {
  return args.filter((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1])).join(' ');
}

function parsePoint(value: string): { lat: number; lon: number } | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!m) return undefined;
  const p = { lat: Number(m[1]), lon: Number(m[2]) };
  return Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180 ? p : undefined;
}

function describe(c: GeoCandidate, where: LocateResult): string {
  const place = where.inside ? `inside${where.neighborhood ? `, ${where.neighborhood}` : ''}` : 'OUTSIDE the city';
  return `${c.address}  (${c.kind}${c.interpolated ? ', interpolated' : ''}, confidence ${c.confidence.toFixed(2)}, ${c.source})  ${c.lat.toFixed(6)},${c.lon.toFixed(6)}  ${place}`;
}

export async function geocodeCommand(args: string[], out: Out): Promise<number> {
  const json = args.includes('--json');
  const reverseAt = flag(args, '--reverse');
  const text = freeText(args, ['--language', '--reverse']);
  if (args.includes('--reverse')) {
    const point = parsePoint(reverseAt ?? '');
    if (!point) return fail('geocode: --reverse needs LAT,LON in decimal degrees, e.g. --reverse 42.3601,-71.0589');
    const geocoder = createGeocoder(loadConfig().geo);
    const found = await geocoder.reverse(point);
    const where = geocoder.locate(point);
    if (json) {
      out(
        JSON.stringify({
          ...point,
          address: found?.address ?? null,
          kind: 'point',
          distanceMeters: found?.distanceMeters ?? null,
          inside: where.inside,
          neighborhood: where.neighborhood ?? null,
        }),
      );
    } else {
      out(found ? `${found.address}  (${found.distanceMeters} m away)` : 'no known address within 500 m');
      out(where.inside ? `inside the city${where.neighborhood ? `, ${where.neighborhood}` : ''}` : 'OUTSIDE the city');
    }
    return 0;
  }
  if (!text.trim()) return fail(GEOCODE_USAGE);
  const geocoder = createGeocoder(loadConfig().geo);
  const candidates = await geocoder.forward(text, { language: flag(args, '--language') });
  const [best, ...alternatives] = candidates;
  if (json) {
    const where = best ? geocoder.locate(best) : undefined;
    out(
      JSON.stringify(
        best
          ? {
              lat: best.lat,
              lon: best.lon,
              address: best.address,
              kind: best.kind,
              confidence: best.confidence,
              inside: where!.inside,
              neighborhood: where!.neighborhood ?? null,
            }
          : null,
      ),
    );
    return best ? 0 : 1;
  }
  if (!best) {
    out('no place found in that text');
    return 1;
  }
  out(describe(best, geocoder.locate(best)));
  if (alternatives.length) out('alternatives:');
  for (const c of alternatives) out(`  ${describe(c, geocoder.locate(c))}`);
  return 0;
}

export async function geoCommand(args: string[], out: Out): Promise<number> {
  if (args[0] !== 'import') return fail(IMPORT_USAGE);
  const rest = args.slice(1);
  const addresses = flag(rest, '--addresses');
  const outDir = flag(rest, '--out');
  if (!addresses || !outDir) return fail(`geo import: --addresses and --out are required\n${IMPORT_USAGE}`);
  const sources: ImportSources = {
    addresses,
    intersections: flag(rest, '--intersections'),
    streets: flag(rest, '--streets'),
    places: flag(rest, '--places'),
    boundary: flag(rest, '--boundary'),
    neighborhoods: flag(rest, '--neighborhoods'),
    aliases: flag(rest, '--aliases'),
    city: flag(rest, '--city') ?? 'City',
    region: flag(rest, '--region'),
    credits: flag(rest, '--credits'),
  };
  let bundle: ReturnType<typeof buildBundle>;
  try {
    bundle = buildBundle(sources);
  } catch (err) {
    if (err instanceof InputError) return fail(err.message);
    throw err;
  }
  const file = saveBundle(outDir, bundle);
  out(
    `${bundle.addresses.number.length} addresses, ${bundle.intersections.a.length} intersections, ${bundle.streets.length} streets, ` +
      `${bundle.places.name.length} places, ${bundle.neighborhoods.length} neighborhoods, ${bundle.boundary.length ? 'a city limit' : 'no city limit'}`,
  );
  out(`wrote ${file} (${(fs.statSync(file).size / 1e6).toFixed(2)} MB); use it with GEO_DATA_DIR=${path.resolve(outDir)}`);
  return 0;
}
