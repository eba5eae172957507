import type { AppContext } from '../context';
import type { Place } from '../domain/place';
import { MASK_VERSION, maskCaseText } from '../domain/public-text';
import type { CaseEvent, CaseRecord } from '../domain/types';
import { InputError } from '../errors';
import { placeAt, placeOf } from '../geo/places';
import { getCase } from '../storage/cases-repo';
import type { Sql } from '../storage/database';
import { insertEvent } from '../storage/events-repo';

/** What staff send to move a case: a point (the address there is looked up) or an address (geocoded), not both. */
export interface LocationCorrection {
  lat?: number;
  lon?: number;
  address?: string;
}

/**
 * The place a staff correction names, checked before anything is written: both coordinates or an address, inside
 * the city, an address we can place. Bad input is an InputError naming the field (`lat`, `lon` or `address`).
 */
export async function correctedPlace(ctx: Pick<AppContext, 'geocoder'>, body: LocationCorrection): Promise<Place> {
  const hasPoint = body.lat !== undefined || body.lon !== undefined;
  if (hasPoint && body.address !== undefined) throw new InputError('send lat and lon, or address, not both', 'address');
  if (hasPoint) {
    if (body.lat === undefined || body.lon === undefined)
      throw new InputError('lat and lon must be given together', body.lat === undefined ? 'lat' : 'lon');
    const place = await placeAt(ctx.geocoder, { lat: body.lat, lon: body.lon }, 'staff');
    if (!place.inside) throw new InputError('lat and lon: the point is outside the city', 'lat');
    return place;
  }
  if (body.address === undefined) throw new InputError('send lat and lon, or address', 'address');
  const found = await placeOf(ctx.geocoder, body.address);
  if (!found) throw new InputError(`address: no place found for "${body.address}"; send lat and lon instead`, 'address');
  if (!found.inside) throw new InputError('address: the place is outside the city', 'address');
  return { ...found, source: 'staff' };
}

/**
 * Moves case `id` to `place` inside the caller's transaction: the case keeps `location_source: staff`, and a private
 * `location_corrected` event records the old and new place. Answers the case as it was before and the event;
 * `undefined` when there is no such case. The staff API and the console both move cases through here.
 */
export async function applyLocation(
  tx: Sql,
  id: number,
  place: Place,
  actor: string,
): Promise<{ before: CaseRecord; row: Record<string, unknown>; event: CaseEvent } | undefined> {
  const before = await getCase(tx, id, true);
  if (!before) return undefined;
  // The new address's public mask is stored in the same statement (the row is locked, so its description is current).
  const masked = maskCaseText({ ...before, address: place.address });
  const { rows } = await tx.query(
    `UPDATE cases SET lat = $2, lon = $3, address = $4, location_kind = $5, location_confidence = $6, location_source = 'staff',
            neighborhood = $7, masked_description = $8, masked_address = $9, mask_version = $10, updated_at = now()
     WHERE service_request_id = $1 RETURNING *`,
    [
      id,
      place.lat,
      place.lon,
      place.address,
      place.kind,
      place.confidence,
      place.neighborhood ?? null,
      masked.masked_description,
      masked.masked_address,
      MASK_VERSION,
    ],
  );
  const from = { lat: before.lat, lon: before.lon, address: before.address, source: before.location_source };
  const to = { lat: place.lat, lon: place.lon, address: place.address, neighborhood: place.neighborhood ?? null };
  const event = await insertEvent(tx, id, 'location_corrected', actor, { from, to }, false);
  return { before, row: rows[0] as Record<string, unknown>, event };
}
