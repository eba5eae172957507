import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { AppContext } from '../context';
import { InputError, NotFoundError } from '../errors';
import { adminRoutes } from './admin-routes';
import { casePage } from './case-page';
import { caseRoutes, closurePhotoBody } from './case-routes';
import { staffLanguage, staffText } from './i18n';
import { messagePage, type PageContext } from './layout';
import { liveStream } from './live';
import { staffMediaRoutes } from './media-routes';
import { exportCsv, queuePage } from './queue-page';
import { QueueFilter } from './queue-query';
import { loadSession, requireCsrf, requireRole } from './session';
import { signInRoutes } from './sign-in-routes';
import { ssoRoutes } from './sso-routes';
import { supervisorRoutes } from './supervisor-routes';

const ASSETS_DIR = [path.resolve(__dirname, 'assets'), path.resolve(__dirname, '../../../src/staff/assets')].find((p) =>
  fs.existsSync(path.join(p, 'console.js')),
) as string;

const page = (req: Request, res: Response): PageContext => {
  const lang = staffLanguage(req, res);
  return { req, lang, t: staffText(lang) };
};

/**
 * The staff console at /staff: server-rendered pages with one small script. Sessions in the database, a CSRF
 * token on every POST, and three roles: agents work cases, supervisors also see the audit log, manage canned
 * replies and the dashboard, admins also manage accounts and API tokens.
 */
export function staffConsole(ctx: AppContext): Router {
  const router = Router();
  const deny = (req: Request, res: Response, status: 401 | 403) => {
    const p = page(req, res);
    res
      .status(status)
      .type('html')
      .send(messagePage(p, p.t.error, status === 401 ? p.t.signInAgain : p.t.forbidden, status === 401 ? '/staff/login' : '/staff'));
  };
  router.use('/assets', express.static(ASSETS_DIR, { maxAge: '1h', index: false }));
  router.use((_req, res, next) => {
    // Console pages show residents' contact details: never cached, never framed, no referrer to other sites.
    res.set({ 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin', 'X-Content-Type-Options': 'nosniff' });
    res.set(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    );
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 }), loadSession(ctx));
  router.use(signInRoutes(ctx), ssoRoutes(ctx));
  // The close form is multipart (a photo file): read it, for signed-in staff only, before the CSRF check needs its fields.
  router.post('/cases/:id/close', requireRole('agent', deny), closurePhotoBody(ctx));
  router.use(
    requireRole('agent', deny),
    requireCsrf((req, res) => {
      const p = page(req, res);
      res
        .status(403)
        .type('html')
        .send(messagePage(p, p.t.error, p.t.csrf));
    }),
  );

  const queue = queuePage(ctx);
  router.get('/', async (req, res) => {
    const p = page(req, res);
    const parsed = QueueFilter.safeParse(req.query);
    if (!parsed.success) throw new InputError(`${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    await queue(req, res, p, parsed.data);
  });
  router.get('/export.csv', async (req, res) => {
    const parsed = QueueFilter.safeParse(req.query);
    if (!parsed.success) throw new InputError(`${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    await exportCsv(ctx)(req, res, parsed.data);
  });
  router.get('/live', liveStream(ctx));
  router.get('/cases/:id', (req, res) => casePage(ctx)(req, res, page(req, res)));
  router.use(staffMediaRoutes(ctx, deny));
  router.use(caseRoutes(ctx, page));
  router.use(requireRole('supervisor', deny), supervisorRoutes(ctx, page));
  router.use(requireRole('admin', deny), adminRoutes(ctx, page));

  router.use((req: Request, res: Response) => {
    const p = page(req, res);
    res
      .status(404)
      .type('html')
      .send(messagePage(p, p.t.notFound, p.t.notFound));
  });
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const p = page(req, res);
    const back = req.get('referer')?.startsWith(ctx.config.publicBaseUrl) ? req.get('referer')! : '/staff';
    if (err instanceof InputError)
      return void res
        .status(400)
        .type('html')
        .send(messagePage(p, p.t.error, err.message, back));
    if (err instanceof NotFoundError)
      return void res
        .status(404)
        .type('html')
        .send(messagePage(p, p.t.notFound, err.message, back));
    if ((err as { type?: string }).type === 'entity.too.large')
      return void res
        .status(413)
        .type('html')
        .send(messagePage(p, p.t.error, 'the form is too large', back));
    next(err);
  });
  return router;
}
