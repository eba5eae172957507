import crypto from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed by the auth token, of the full public URL followed
 * by each POST parameter's name and value, sorted by name (Twilio's "Webhooks security" documentation).
 */
export function twilioSignature(secret: string, url: string, params: Record<string, string | string[]>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((key) => {
        const value = params[key];
        return Array.isArray(value) ? value.map((v) => key + v).join('') : key + value;
      })
      .join('');
  return crypto.createHmac('sha1', secret).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Constant-time check of a signature; false for a missing or malformed one. */
export function isValidTwilioSignature(
  secret: string,
  url: string,
  params: Record<string, string | string[]>,
  signature: string | undefined,
): boolean {
  if (!secret || !signature) return false;
  const expected = Buffer.from(twilioSignature(secret, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/**
 * Express middleware for every Twilio webhook (SMS and voice): verifies X-Twilio-Signature against
 * PUBLIC_BASE_URL + the request's path and query (never the Host header, so it works behind proxies),
 * and answers 403 before anything is parsed into our domain or stored. There is no unsigned path.
 * Must run after a urlencoded body parser.
 */
export function verifyTwilio(secret: string, publicBaseUrl: string): RequestHandler {
  return (req, res, next) => {
    const url = publicBaseUrl + req.originalUrl;
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | string[]>;
    if (!isValidTwilioSignature(secret, url, params, req.get('x-twilio-signature'))) {
      res.status(403).type('text/plain').send('invalid Twilio signature');
      return;
    }
    next();
  };
}
