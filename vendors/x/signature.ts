import crypto from 'node:crypto';

/**
 * X signs webhook deliveries and expects the challenge-response check (CRC) answered the same way:
 * `sha256=` + base64(HMAC-SHA256(app consumer secret, bytes)) ("Securing webhooks", X developer docs).
 */
function xHmac(consumerSecret: string, data: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', consumerSecret).update(data).digest('base64')}`;
}

/** The `x-twitter-webhooks-signature` X sends with a POST of `body`. */
export function signXWebhookBody(consumerSecret: string, body: string | Buffer): string {
  return xHmac(consumerSecret, body);
}

/** True when `header` is X's signature of `rawBody`; constant-time, and false for anything missing or malformed. */
export function verifyXWebhookSignature(consumerSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!consumerSecret || !header) return false;
  const expected = Buffer.from(signXWebhookBody(consumerSecret, rawBody));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * The shape of the CRC tokens X sends: short random strings in a base64 alphabet (one seen in 2026 was a
 * 48-character base64url UUID; X documents no alphabet, so both base64 alphabets and `=` padding pass).
 * Nothing else is answered, because the CRC answer for a token is exactly the signature of a POST whose
 * body is that token: signing caller-chosen text would let anyone forge a delivery. No string of this
 * shape is a JSON object, array or string (no braces, brackets, quotes or spaces).
 */
const CRC_TOKEN = /^[A-Za-z0-9_+/-]{8,128}={0,2}$/;

/** The JSON body answering X's CRC for `token`; undefined for a token X would never send (see CRC_TOKEN). */
export function xCrcResponse(consumerSecret: string, token: unknown): { response_token: string } | undefined {
  return typeof token === 'string' && CRC_TOKEN.test(token) ? { response_token: xHmac(consumerSecret, token) } : undefined;
}
