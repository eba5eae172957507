/**
 * The geocoding port: what intake and the channels may ask about places. A city can plug in its own
 * implementation; the bundled one (`createGeocoder`) works offline from the city's address points.
 */

/** A WGS84 point in decimal degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/**
 * What a candidate names: a house `address` (exact or interpolated along the street), the `intersection`
 * of two streets, a `street` as a whole, a named `landmark` (park, square, station), or a bare `point`
 * (coordinates written in the text, or a GPS fix).
 */
export type GeoKind = 'address' | 'intersection' | 'street' | 'landmark' | 'point';

/** One place a text may mean. */
export interface GeoCandidate extends GeoPoint {
  /** The place as the city writes it, e.g. "12 Elm St, Jamaica Plain, 02130" or "Tremont St & Boylston St". */
  address: string;
  kind: GeoKind;
  /** 0..1: how sure we are this is the place the resident meant. Exact address points score highest. */
  confidence: number;
  /** Where the answer came from: the local data, or the configured HTTP geocoder. */
  source: 'local' | 'remote';
  /** The neighborhood the point lies in, when known. */
  neighborhood?: string;
  /** True when the house number was not in the data and the point was interpolated between its neighbours. */
  interpolated?: boolean;
}

export interface ForwardOptions {
  /** The resident's language (BCP 47, e.g. "es"); the parser reads English and Spanish either way. */
  language?: string;
  /** A point known to be near (a GPS fix, the previous report): among equally good readings, the nearest wins. */
  near?: GeoPoint;
  /** At most this many candidates, best first. Default 5. */
  limit?: number;
}

/** The answer to "where is this point?". */
export interface LocateResult {
  /** Inside the city limit (with a small tolerance for piers and the water's edge). */
  inside: boolean;
  /** The neighborhood for routing, when the point lies in (or next to) one. */
  neighborhood?: string;
}

/** The nearest known address to a point. */
export interface ReverseResult extends LocateResult {
  address: string;
  lat: number;
  lon: number;
  /** Metres from the asked point to the address point. */
  distanceMeters: number;
}

/** The port. Every method is safe to call with any input: no place found is an empty list or undefined, never an error. */
export interface Geocoder {
  /** Finds the places a free text names (a whole sentence is fine), best first; [] when it names none. */
  forward(text: string, options?: ForwardOptions): Promise<GeoCandidate[]>;
  /** The nearest known address to a point; undefined when the data has none within a reasonable distance. */
  reverse(point: GeoPoint): Promise<ReverseResult | undefined>;
  /** Whether a point is inside the city, and its neighborhood. Synchronous: it is a polygon test on data in memory. */
  locate(point: GeoPoint): LocateResult;
}
