import type { Request, Response } from 'express';
import type { AppContext } from '../../context';
import { cleanText } from '../../domain/clean-text';
import { retryAfterSeconds } from '../../rate-limits';
import { pickLanguage } from '../i18n';
import { MAX_ADDRESS } from './draft';

/**
 * GET /report/places?q=TEXT or ?lat=&lon=: what the geocoder makes of the typed words or of a pin, for the form's
 * script (address suggestions, the address at a pin or at the resident's location). JSON `{places: [...]}` with 0 or
 * 1 entries; `inside` says whether the city serves it. Limited per client IP (RATE_LIMIT_WEB_LOOKUPS).
 */
export function placesLookup(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const v = await ctx.limits.hit('webLookups', req.ip ?? '');
    if (!v.allowed) {
      res
        .status(429)
        .set('Retry-After', retryAfterSeconds(v))
        .json({ error: { code: 'rate_limited', message: 'too many lookups; wait and try again' } });
      return;
    }
    const { q, lat, lon } = req.query;
    const la = typeof lat === 'string' ? Number(lat) : Number.NaN;
    const lo = typeof lon === 'string' ? Number(lon) : Number.NaN;
    let input: string | { lat: number; lon: number } | undefined;
    if (Number.isFinite(la) && Number.isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) input = { lat: la, lon: lo };
    else if (typeof q === 'string' && q.trim().length >= 3) input = cleanText(q).trim().slice(0, MAX_ADDRESS);
    if (!input) {
      res.status(400).json({ error: { code: 'invalid_input', message: 'give q (at least 3 characters) or lat and lon' } });
      return;
    }
    const place = await ctx.port.places.locate(input, { language: pickLanguage(req, ctx.locales) });
    res.set('Cache-Control', 'no-store').json({
      places: place ? [{ address: place.address, lat: place.lat, lon: place.lon, inside: place.inside, kind: place.kind }] : [],
    });
  };
}
