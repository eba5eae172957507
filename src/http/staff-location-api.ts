import { json, Router } from 'express';
import { z } from 'zod';
import { applyLocation, correctedPlace } from '../cases/location-correction';
import type { AppContext } from '../context';
import { cleanText } from '../domain/clean-text';
import { InputError, NotFoundError } from '../errors';
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
      const moved = await applyLocation(tx, id, place, `staff:${req.token?.name}`);
      if (!moved) throw new NotFoundError(`case ${id} not found`);
      return moved.row;
    });
    res.json(updated);
  });
  router.use('/api/v1/cases/:id/location', jsonErrorHandler(ctx.log));
  return router;
}
