import { type Request, type Response, Router } from 'express';
import type { AppContext } from '../context';
import { esc } from '../public/html';
import { insertAudit } from '../storage/audit-repo';
import { findStaffUserByEmail } from '../storage/staff-users-repo';
import { staffLanguage, staffText } from './i18n';
import { type PageContext, staffLayout } from './layout';
import { cookieSettings, readCookie, safeNext, startStaffSession } from './session';
import { createSso, type SsoAttempt, SsoError } from './sso';

/** Ten minutes to get through the issuer's sign-in page (and its second factor). */
const ATTEMPT_SECONDS = 600;

/**
 * `/staff/sso` sends the browser to the city's issuer; `/staff/sso/callback` takes it back. Single sign-on only
 * proves who someone is: the account must already exist here and be enabled, so roles and departments stay
 * the admins' decision and leaving the city's directory does not leave a way in (disable the account too).
 */
export function ssoRoutes(ctx: AppContext): Router {
  const router = Router();
  const sso = ctx.config.sso ? createSso(ctx.config.sso, `${ctx.config.publicBaseUrl}/staff/sso/callback`) : undefined;
  if (!sso) return router;
  const names = cookieSettings(ctx.config.publicBaseUrl);
  const attemptCookie = names.session.replace('i311_staff', 'i311_sso');
  const page = (req: Request, res: Response) => ({ req, lang: staffLanguage(req, res), t: staffText(staffLanguage(req, res)) }) as PageContext;
  const refuse = (req: Request, res: Response, status: number, message: string) => {
    const p = page(req, res);
    res.append('Set-Cookie', `${attemptCookie}=; ${names.flags(0)}`);
    res
      .status(status)
      .type('html')
      .send(staffLayout(p, p.t.signIn, `<p role="alert" class="error">${esc(message)}</p><p><a href="/staff/login">${esc(p.t.signIn)}</a></p>`));
  };

  router.get('/sso', async (req, res) => {
    try {
      const { url, attempt } = await sso.start();
      const value = [attempt.state, attempt.nonce, attempt.verifier, safeNext(req.query.next)].map(encodeURIComponent).join('.');
      res.append('Set-Cookie', `${attemptCookie}=${value}; ${names.flags(ATTEMPT_SECONDS)}`);
      res.redirect(303, url);
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'staff single sign-on could not start');
      refuse(req, res, 502, page(req, res).t.ssoUnavailable);
    }
  });

  router.get('/sso/callback', async (req, res) => {
    const p = page(req, res);
    const [state, nonce, verifier, next] = (readCookie(req, attemptCookie) ?? '').split('.').map(decodeURIComponent);
    if (!state || !nonce || !verifier) return refuse(req, res, 400, p.t.ssoExpired);
    const attempt: SsoAttempt = { state, nonce, verifier };
    let email: string;
    try {
      ({ email } = await sso.finish(`${ctx.config.publicBaseUrl}${req.originalUrl}`, attempt));
    } catch (err) {
      if (!(err instanceof SsoError)) throw err;
      ctx.log.warn({ err: err.message }, 'staff single sign-on refused');
      return refuse(req, res, 401, p.t.ssoFailed);
    }
    const user = await findStaffUserByEmail(ctx.db, email);
    if (!user || user.disabled_at) {
      await insertAudit(ctx.db, { actor: 'sso', action: 'session.sso_refused', target: user ? `user:${user.id}` : 'unknown account' });
      return refuse(req, res, 403, p.t.ssoNoAccount);
    }
    res.append('Set-Cookie', `${attemptCookie}=; ${names.flags(0)}`);
    await startStaffSession(ctx, res, user.id);
    await insertAudit(ctx.db, { actor: user.email, userId: user.id, action: 'session.sign_in', target: `user:${user.id}`, after: { via: 'sso' } });
    res.redirect(303, safeNext(next));
  });
  return router;
}
