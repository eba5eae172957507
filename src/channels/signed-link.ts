import crypto from 'node:crypto';

/** What a signed value is for: a token made for one purpose never passes as another. */
export type LinkPurpose = 'unsubscribe' | 'csrf' | 'upload';

function mac(secret: string, purpose: LinkPurpose, value: string): string {
  return crypto.createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url').slice(0, 32);
}

/** `value.signature`, safe in a URL path or a form field (value must be URL-safe itself: digits, base64url). */
export function signValue(secret: string, purpose: LinkPurpose, value: string): string {
  return `${value}.${mac(secret, purpose, value)}`;
}

/** The value a token signed for `purpose` carries, or undefined when it was not signed with this secret (constant-time check). */
export function verifiedValue(secret: string, purpose: LinkPurpose, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > 300) return undefined;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(secret, purpose, value));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? value : undefined;
}

/** The unsubscribe link of one subscription: works without signing in, for that subscription only. */
export function unsubscribeUrl(publicBaseUrl: string, secret: string, subscriptionId: number): string {
  return `${publicBaseUrl}/unsubscribe/${signValue(secret, 'unsubscribe', String(subscriptionId))}`;
}
