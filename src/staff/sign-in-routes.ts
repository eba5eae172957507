import crypto from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import type { AppContext } from '../context';
import { esc } from '../public/html';
import { retryAfterSeconds } from '../rate-limits';
import { insertAudit } from '../storage/audit-repo';
import { deleteSession } from '../storage/staff-sessions-repo';
import { findSignInLink, findStaffUserByEmail, updateStaffUser } from '../storage/staff-users-repo';
import { fill, staffLanguage, staffText } from './i18n';
import { type PageContext, staffLayout } from './layout';
import { DUMMY_HASH, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password';
import { cookieSettings, readCookie, safeNext, sameSecret, startStaffSession } from './session';

/**
 * Sign-in, the one-time link that sets a password, and sign-out. The forms before a session exists are
 * protected by a double-submit token: a random cookie the form must repeat, which another site cannot read.
 */
export function signInRoutes(ctx: AppContext): Router {
  const router = Router();
  const names = cookieSettings(ctx.config.publicBaseUrl);

  const page = (req: Request, res: Response) => ({ req, lang: staffLanguage(req, res), t: staffText(staffLanguage(req, res)) }) as PageContext;
  const loginToken = (req: Request, res: Response): string => {
    const existing = readCookie(req, names.loginCsrf);
    if (existing && /^[\w-]{20,64}$/.test(existing)) return existing;
    const token = crypto.randomBytes(24).toString('base64url');
    res.append('Set-Cookie', `${names.loginCsrf}=${token}; ${names.flags(3600)}`);
    return token;
  };
  const startSession = (res: Response, userId: number) => startStaffSession(ctx, res, userId);

  const loginForm = (p: PageContext, token: string, next: string, error?: string) =>
    staffLayout(
      p,
      p.t.signIn,
      `${error ? `<p role="alert" class="error">${esc(error)}</p>` : ''}
<form method="post" action="/staff/login" class="stack">
<input type="hidden" name="_csrf" value="${esc(token)}"><input type="hidden" name="next" value="${esc(next)}">
<label for="email">${esc(p.t.email)}</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
<label for="password">${esc(p.t.password)}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${esc(p.t.signIn)}</button></form>${
        ctx.config.sso
          ? `<p><a class="button" id="sso" href="/staff/sso?next=${encodeURIComponent(next)}">${esc(fill(p.t.ssoButton, { label: ctx.config.sso.label }))}</a></p>`
          : ''
      }`,
    );

  router.get('/login', (req, res) => {
    const p = page(req, res);
    if (req.staff) return void res.redirect(303, safeNext(req.query.next));
    res.type('html').send(loginForm(p, loginToken(req, res), safeNext(req.query.next)));
  });

  router.post('/login', async (req, res) => {
    const p = page(req, res);
    const body = req.body as Record<string, unknown>;
    const token = loginToken(req, res);
    if (!sameSecret(typeof body._csrf === 'string' ? body._csrf : undefined, readCookie(req, names.loginCsrf))) {
      return void res
        .status(403)
        .type('html')
        .send(loginForm(p, token, '/staff', p.t.csrf));
    }
    const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    // Two budgets from the shared failed-auth limit: per address, and per account (a spread-out guess at one person).
    const keys = [req.ip ?? '', `staff-login:${email.trim().toLowerCase()}`];
    for (const key of keys) {
      const v = await ctx.limits.check('authFailures', key);
      if (!v.allowed) {
        res.set('Retry-After', retryAfterSeconds(v));
        return void res
          .status(429)
          .type('html')
          .send(loginForm(p, token, safeNext(body.next), fill(p.t.tooMany, { s: retryAfterSeconds(v) })));
      }
    }
    const user = await findStaffUserByEmail(ctx.db, email);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled_at || !user.password_hash) {
      // The failure that goes over the budget is already answered 429, like the staff API's tokens.
      const verdicts = await Promise.all(keys.map((key) => ctx.limits.hit('authFailures', key)));
      const refused = verdicts.find((v) => !v.allowed);
      if (refused && !refused.allowed) {
        res.set('Retry-After', retryAfterSeconds(refused));
        return void res
          .status(429)
          .type('html')
          .send(loginForm(p, token, safeNext(body.next), fill(p.t.tooMany, { s: retryAfterSeconds(refused) })));
      }
      return void res
        .status(401)
        .type('html')
        .send(loginForm(p, token, safeNext(body.next), p.t.badLogin));
    }
    await startSession(res, user.id);
    await insertAudit(ctx.db, { actor: user.email, userId: user.id, action: 'session.sign_in', target: `user:${user.id}` });
    res.redirect(303, safeNext(body.next));
  });

  const welcomeForm = (p: PageContext, csrf: string, secret: string, error?: string) =>
    staffLayout(
      p,
      p.t.welcome,
      `${error ? `<p role="alert" class="error">${esc(error)}</p>` : ''}
<form method="post" action="/staff/welcome" class="stack">
<input type="hidden" name="_csrf" value="${esc(csrf)}"><input type="hidden" name="token" value="${esc(secret)}">
<label for="password">${esc(p.t.newPassword)}</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<button type="submit">${esc(p.t.setPassword)}</button></form>`,
    );

  router.get('/welcome', async (req, res) => {
    const p = page(req, res);
    const secret = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';
    // Links in chat or email previews get fetched by robots: looking does not use the link up, only setting a password does.
    const user = secret ? await findSignInLink(ctx.db, secret, false) : undefined;
    if (!user)
      return void res
        .status(404)
        .type('html')
        .send(staffLayout(p, p.t.welcome, `<p role="alert">${esc(p.t.linkInvalid)}</p>`));
    res
      .set('Referrer-Policy', 'no-referrer')
      .type('html')
      .send(welcomeForm(p, loginToken(req, res), secret));
  });

  router.post('/welcome', async (req, res) => {
    const p = page(req, res);
    const body = req.body as Record<string, unknown>;
    const csrf = loginToken(req, res);
    const secret = typeof body.token === 'string' ? body.token.slice(0, 100) : '';
    if (!sameSecret(typeof body._csrf === 'string' ? body._csrf : undefined, readCookie(req, names.loginCsrf))) {
      return void res
        .status(403)
        .type('html')
        .send(welcomeForm(p, csrf, secret, p.t.csrf));
    }
    const password = typeof body.password === 'string' ? body.password : '';
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) {
      return void res
        .status(400)
        .type('html')
        .send(welcomeForm(p, csrf, secret, p.t.newPassword));
    }
    const hash = await hashPassword(password);
    const user = await ctx.db.transaction(async (tx) => {
      const u = await findSignInLink(tx, secret, true);
      if (!u) return undefined;
      await updateStaffUser(tx, u.id, { password_hash: hash });
      await insertAudit(tx, { actor: u.email, userId: u.id, action: 'user.set_password', target: `user:${u.id}` });
      return u;
    });
    if (!user)
      return void res
        .status(404)
        .type('html')
        .send(staffLayout(p, p.t.welcome, `<p role="alert">${esc(p.t.linkInvalid)}</p>`));
    await startSession(res, user.id);
    res.redirect(303, '/staff');
  });

  router.post('/logout', async (req, res) => {
    const secret = readCookie(req, names.session);
    const body = req.body as Record<string, unknown>;
    if (!req.staff || !secret) return void res.redirect(303, '/staff/login');
    // Checked like every other POST: another site must not be able to end a session.
    if (!sameSecret(typeof body._csrf === 'string' ? body._csrf : undefined, req.staff.csrf)) {
      const p = page(req, res);
      return void res
        .status(403)
        .type('html')
        .send(staffLayout(p, p.t.error, `<p role="alert">${esc(p.t.csrf)}</p>`));
    }
    await deleteSession(ctx.db, secret);
    await insertAudit(ctx.db, {
      actor: req.staff.user.email,
      userId: req.staff.user.id,
      action: 'session.sign_out',
      target: `user:${req.staff.user.id}`,
    });
    res.append('Set-Cookie', `${names.session}=; ${names.flags(0)}`);
    res.redirect(303, '/staff/login');
  });
  return router;
}
