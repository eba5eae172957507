import type { RequestHandler } from 'express';
import type { Open311Config } from '../../src/channels/channel';

const ALLOWED_HEADERS = 'Content-Type, Accept, Accept-Language, Idempotency-Key';
const EXPOSED_HEADERS = 'Retry-After, Idempotent-Replayed';

/**
 * CORS for the Open311 routes, so an app on another origin can read the answers (a browser hides them otherwise,
 * even the tracking number of the case it just created). `*` lets any origin in, as FixMyStreet's API does; POSTs
 * still need an api_key. With a list, only those origins get the headers. A preflight OPTIONS is answered here.
 */
export function open311Cors(config: Pick<Open311Config, 'corsOrigins'>): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('Origin');
    const allowed = config.corsOrigins === '*' ? '*' : origin && config.corsOrigins.includes(origin) ? origin : undefined;
    if (config.corsOrigins !== '*') res.vary('Origin');
    if (allowed) {
      res.set('Access-Control-Allow-Origin', allowed);
      res.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (req.method !== 'OPTIONS') return next();
    if (allowed) {
      res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.set('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}
