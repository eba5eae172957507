import type { GeoPoint } from './types';

/** What a place names: a house address, a crossing, a whole street, a named landmark, or a bare point (a GPS fix). */
export type PlaceKind = 'address' | 'intersection' | 'street' | 'landmark' | 'point';

/** How a case's point was found: the resident's device (`gps`), their words (`geocoded`), or staff correcting it. */
export type PlaceSource = 'gps' | 'geocoded' | 'staff';

/**
 * A report's place as the core understood it: the point, the address as the city writes it, and whether the city
 * serves it. Channels get it from `port.places` and may pass it on with the report, so intake does not look again.
 */
export interface Place extends GeoPoint {
  /** The normalised address ("12 Elm St, Charlestown 02129"), or the nearest address to a GPS point. */
  address: string;
  kind: PlaceKind;
  /** 0..1: how sure the geocoder is (a GPS fix is 1). */
  confidence: number;
  source: PlaceSource;
  /** Inside the city limit: a place outside it is refused on every channel. */
  inside: boolean;
  neighborhood?: string;
}

/** The kinds precise enough to link a report to an open case nearby (a whole street is not). */
export const PRECISE_PLACE_KINDS: readonly PlaceKind[] = ['address', 'intersection', 'landmark', 'point'];

/**
 * How sure a place found in words must be to be used when nobody can confirm it (a tweet, an Open311 app's text):
 * below it (typically a whole street named without a number), the words are kept as written and the case has no point.
 */
export const MIN_UNCONFIRMED_CONFIDENCE = 0.5;

/** The place lookups a channel may make, through the port. Never throws for odd input: no place is `undefined`. */
export interface PlacesPort {
  /**
   * The place a resident's words name (a whole sentence is fine), or the address at a GPS point. For text,
   * `undefined` when it names no place ("idk", "my house"). A point always gives a place (its address may be
   * the coordinates when no address is near), with `inside` telling whether the city serves it.
   */
  locate(input: string | GeoPoint, options?: { language?: string }): Promise<Place | undefined>;
}
