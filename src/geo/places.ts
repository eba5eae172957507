/**
 * The core's side of `PlacesPort`: the geocoder's answers turned into the domain's `Place`, which is all
 * channels and intake see of src/geo.
 */
import type { Place, PlacesPort } from '../domain/place';
import type { GeoPoint } from '../domain/types';
import type { Geocoder } from './types';

/** Coordinates as text, for a point with no address near it (staff can still open it on a map). */
export function pointLabel(p: GeoPoint): string {
  return `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`;
}

/** The place at a point: the nearest address within the geocoder's reach, else the coordinates. */
export async function placeAt(geocoder: Geocoder, point: GeoPoint, source: Place['source']): Promise<Place> {
  const near = await geocoder.reverse(point);
  const where = near ?? geocoder.locate(point);
  return {
    lat: point.lat,
    lon: point.lon,
    address: near?.address ?? pointLabel(point),
    kind: 'point',
    confidence: 1,
    source,
    inside: where.inside,
    neighborhood: where.neighborhood,
  };
}

/** The best place a text names, or undefined. */
export async function placeOf(geocoder: Geocoder, text: string, language?: string): Promise<Place | undefined> {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const [best] = await geocoder.forward(trimmed.slice(0, 500), { language, limit: 1 });
  if (!best) return undefined;
  const where = geocoder.locate(best);
  return {
    lat: best.lat,
    lon: best.lon,
    address: best.address,
    kind: best.kind,
    confidence: best.confidence,
    source: 'geocoded',
    inside: where.inside,
    neighborhood: best.neighborhood ?? where.neighborhood,
  };
}

/** The port channels reach the geocoder by. */
export function placesPort(geocoder: Geocoder): PlacesPort {
  return {
    locate: (input, options = {}) => (typeof input === 'string' ? placeOf(geocoder, input, options.language) : placeAt(geocoder, input, 'gps')),
  };
}
