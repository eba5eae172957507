import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../context';
import { createSession, findSession, type StaffSession } from '../storage/staff-sessions-repo';
import type { StaffRole } from '../storage/staff-users-repo';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in staff member, on /staff routes. */
    staff?: StaffSession;
  }
}

/** A working day plus overtime; after that the person signs in again. */
export const SESSION_HOURS = 12;

const RANK: Record<StaffRole, number> = { agent: 1, supervisor: 2, admin: 3 };

/** True when `role` includes everything `needed` may do (admin > supervisor > agent). */
export function hasRole(role: StaffRole, needed: StaffRole): boolean {
  return RANK[role] >= RANK[needed];
}

/**
 * Cookie names and flags. Behind https the `__Host-` prefix pins the cookie to this origin with Secure and
 * Path=/; SameSite=Lax keeps it off cross-site POSTs while links from an email still open the console signed in.
 */
export function cookieSettings(publicBaseUrl: string) {
  const secure = publicBaseUrl.startsWith('https://');
  const prefix = secure ? '__Host-' : '';
  return {
    session: `${prefix}i311_staff`,
    loginCsrf: `${prefix}i311_login`,
    flags: (maxAgeSeconds: number) => `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`,
  };
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Constant-time equality of two secrets given as text. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Only same-site console paths may be a sign-in's destination (no open redirect). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/staff(?:[/?#]|$)/.test(raw) && !raw.startsWith('//') ? raw : '/staff';
}

/** Opens a session for an account that just proved who it is, and gives the browser its cookie. */
export async function startStaffSession(ctx: AppContext, res: Response, userId: number): Promise<void> {
  const names = cookieSettings(ctx.config.publicBaseUrl);
  const secret = await createSession(ctx.db, userId, SESSION_HOURS);
  res.append('Set-Cookie', `${names.session}=${secret}; ${names.flags(SESSION_HOURS * 3600)}`);
}

/** Reads the session cookie and, when it names a live session of an enabled account, sets `req.staff`. */
export function loadSession(ctx: AppContext): RequestHandler {
  const names = cookieSettings(ctx.config.publicBaseUrl);
  return async (req, _res, next) => {
    const secret = readCookie(req, names.session);
    if (secret && secret.length < 200) req.staff = await findSession(ctx.db, secret);
    next();
  };
}

/**
 * Lets the request through only for a signed-in person of at least `role`. Pages redirect to the sign-in form;
 * a POST with no session is 401 (its form data is not replayed after sign-in), a too-low role 403.
 */
export function requireRole(role: StaffRole, deny: (req: Request, res: Response, status: 401 | 403) => void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.staff) {
      if (req.method === 'GET') return res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl)}`);
      return deny(req, res, 401);
    }
    if (!hasRole(req.staff.user.role, role)) return deny(req, res, 403);
    next();
  };
}

/** Every state-changing request carries the session's CSRF token in `_csrf` (forms) or `X-CSRF-Token` (scripts). */
export function requireCsrf(deny: (req: Request, res: Response) => void): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    if (!req.staff || !sameSecret(typeof sent === 'string' ? sent : undefined, req.staff.csrf)) return deny(req, res);
    next();
  };
}
