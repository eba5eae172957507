import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { signValue, verifiedValue } from '../../channels/signed-link';
import { readCookie } from '../../staff/session';

/** The name of the hidden field bots fill in and people never see. */
export const HONEYPOT = 'website';

function cookieName(publicBaseUrl: string): string {
  return publicBaseUrl.startsWith('https://') ? '__Host-i311_form' : 'i311_form';
}

/**
 * The anti-forgery token for the public forms (double submit, signed): a random value in a SameSite cookie and the
 * same value signed with the link secret in the form. Another site can neither read the cookie nor sign a value,
 * so it cannot post a form as this browser. Sets the cookie when the browser has none yet.
 */
export function csrfToken(req: Request, res: Response, secret: string, publicBaseUrl: string): string {
  const name = cookieName(publicBaseUrl);
  let value = readCookie(req, name);
  if (!value || !/^[A-Za-z0-9_-]{22}$/.test(value)) {
    value = crypto.randomBytes(16).toString('base64url');
    const secure = publicBaseUrl.startsWith('https://');
    res.append('Set-Cookie', `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400${secure ? '; Secure' : ''}`);
  }
  return signValue(secret, 'csrf', value);
}

/** True when the form's `_csrf` matches this browser's cookie. */
export function csrfValid(req: Request, secret: string, publicBaseUrl: string): boolean {
  const cookie = readCookie(req, cookieName(publicBaseUrl));
  const sent = verifiedValue(secret, 'csrf', (req.body as Record<string, unknown> | undefined)?._csrf);
  return Boolean(cookie && sent && cookie === sent);
}

/** True when the hidden honeypot field came back filled in (a bot fills every field). */
export function honeypotFilled(req: Request): boolean {
  const v = (req.body as Record<string, unknown> | undefined)?.[HONEYPOT];
  return typeof v === 'string' ? v.trim() !== '' : v !== undefined;
}

/** A new form's id: the exactly-once key of what it sends (a second submit of the same form makes nothing new). */
export function newFormId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** A form id as the browser sent it back, or undefined when it is not one we make. */
export function formIdOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : undefined;
}
