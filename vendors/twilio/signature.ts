import type { RequestHandler } from 'express';
import twilio from 'twilio';

/** Form parameters as the urlencoded body parser gives them: a repeated name comes as a list. */
export type TwilioParams = Record<string, string | string[]>;

/**
 * The X-Twilio-Signature Twilio sends for `params` posted to `url` (base64 HMAC-SHA1 keyed by the auth
 * token; Twilio's "Webhooks security" documentation). Computed by the SDK, the same code that checks it,
 * so what the simulator and the test fakes sign can never drift from what we accept.
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/**
 * The SDK's own check (constant-time; repeated parameters sorted the way Twilio signs them). False for a
 * missing secret or signature, and for a URL the SDK cannot parse, instead of throwing.
 */
function isValidTwilioSignature(authToken: string, url: string, params: TwilioParams, signature: string | undefined): boolean {
  if (!authToken || !signature) return false;
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}

/**
 * Express middleware for every Twilio webhook (SMS and voice): verifies X-Twilio-Signature against
 * PUBLIC_BASE_URL + the request's path and query (never the Host header, so it works behind proxies),
 * and answers 403 before anything is parsed into our domain or stored. There is no unsigned path.
 * Must run after a urlencoded body parser.
 */
export function verifyTwilio(authToken: string, publicBaseUrl: string): RequestHandler {
  return (req, res, next) => {
    const url = publicBaseUrl + req.originalUrl;
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as TwilioParams;
    if (!isValidTwilioSignature(authToken, url, params, req.get('x-twilio-signature'))) {
      res.status(403).type('text/plain').send('invalid Twilio signature');
      return;
    }
    next();
  };
}
