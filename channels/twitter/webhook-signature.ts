import crypto from 'node:crypto';
import type { Config } from '../../src/channels/channel';
import { simulationSecret } from '../../src/channels/web';

/** `sha256=<base64 HMAC-SHA256(secret, data)>`: X's CRC answer and its webhook signature both take this form. */
export function twitterHmac(secret: string, data: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(data).digest('base64')}`;
}

/** True when `header` is the signature of `rawBody`; constant-time, and false for anything missing or malformed. */
export function verifyTwitterSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!secret || !header) return false;
  const expected = Buffer.from(twitterHmac(secret, rawBody));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * The consumer secret X signs webhooks with: the app secret in live mode; in simulated mode the local
 * simulation secret in DATA_DIR, which `/try` and `simulate tweet` sign with. Never empty.
 */
export function webhookSecret(config: Pick<Config, 'twitter' | 'dataDir'>): string {
  return config.twitter.mode === 'live' ? config.twitter.appSecret : simulationSecret(config.dataDir);
}
