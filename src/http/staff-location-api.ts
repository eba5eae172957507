import { json, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { cleanText } from '../domain/clean-text';
import type { Place } from '../domain/place';
import { InputError, NotFoundError } from '../errors';
import { placeAt, placeOf } from '../geo/places';
import { getCase } from '../storage/cases-repo';
import { insertEvent } from '../storage/events-repo';
import { describeZodError, jsonErrorHandler } from './api-errors';
import { requireToken } from './auth';

const Correction = z
  .object({
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    address: z.string().transform(cleanText).pipe(z.string().trim().min(1, 'must not be empty').max(300)).optional(),
  })
  .strict();

/**
 * `PUT /api/v1/cases/{id}/location`: staff move a case's point. Send `lat` and `lon` (the address there is looked
 * up) or an `address` (geocoded). The case keeps `location_source: staff`, and the change is a private event in its
 * history with the old and new place. A place outside the city, or an address we cannot place, is 400 naming the field.
 */
export function staffLocationApi(ctx: AppContext): Router {
  const router = Router();
  router.put('/api/v1/cases/:id/location', requireToken(ctx, 'staff'), json({ limit: '16kb' }), async (req, res) => {
    const raw = String(req.params.id);
    if (!/^\d{1,15}$/.test(raw)) throw new InputError(`case id "${raw}" must be a decimal number`, 'id');
    const id = Number(raw);
    const parsed = Correction.safeParse(req.body ?? {});
    if (!parsed.success) throw describeZodError(parsed.error, 'body');
    const place = await correctedPlace(ctx, parsed.data);
    const updated = await ctx.db.transaction(async (tx) => {
      const before = await getCase(tx, id, true);
      if (!before) throw new NotFoundError(`case ${id} not found`);
      const { rows } = await tx.query(
        `UPDATE cases SET lat = $2, lon = $3, address = $4, location_kind = $5, location_confidence = $6, location_source = 'staff',
                neighborhood = $7, updated_at = now() WHERE service_request_id = $1 RETURNING *`,
        [id, place.lat, place.lon, place.address, place.kind, place.confidence, place.neighborhood ?? null],
      );
      const from = { lat: before.lat, lon: before.lon, address: before.address, source: before.location_source };
      const to = { lat: place.lat, lon: place.lon, address: place.address, neighborhood: place.neighborhood ?? null };
      await insertEvent(tx, id, 'location_corrected', `staff:${req.token?.name}`, { from, to }, false);
      return rows[0];
    });
    res.json(updated);
  });
  router.use('/api/v1/cases/:id/location', jsonErrorHandler(ctx.log));
  return router;
}

async function correctedPlace(ctx: AppContext, body: z.infer<typeof Correction>): Promise<Place> {
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
