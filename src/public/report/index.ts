import express, { Router } from 'express';
import multer from 'multer';
import { verifiedValue } from '../../channels/signed-link';
import type { AppContext } from '../../context';
import { pageBase } from './base';
import { emptyDraft } from './draft';
import { followRoutes } from './follow';
import { newFormId } from './guard';
import { placesLookup } from './places-api';
import { formPage } from './report-page';
import { handleReportPost } from './report-post';
import { sentPage } from './sent-page';
import { unsubscribeRoutes } from './unsubscribe';

/** Most form fields one report carries (its own, and the catalog's questions). */
const MAX_FIELDS = 120;

/**
 * The public site's report form (`/report`), its result page, following a case from its page, the address lookups
 * the form's script asks for, and email unsubscribe links. Reports go through the one intake path as channel `web`.
 */
export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: ctx.config.media.maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: 32 * 1024, parts: MAX_FIELDS + 1 },
  }).single('photo_file');
  const body = [express.urlencoded({ extended: false, limit: '64kb', parameterLimit: MAX_FIELDS })];

  router.get('/report', (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(formPage(pageBase(ctx, req, res), emptyDraft(newFormId()), {}));
  });
  router.post('/report', ...body, (req, res, next) => {
    upload(req, res, (err: unknown) => {
      handleReportPost(ctx, req, res, err).catch(next);
    });
  });
  router.get('/report/sent/:form', sentPage(ctx));
  // The preview of a staged photo, for whoever holds its signed name (the page that uploaded it).
  router.get('/report/photo/:token', async (req, res) => {
    const file = verifiedValue(ctx.linkSecret, 'upload', String(req.params.token));
    const thumb = file ? await ctx.media.stagedThumb(file).catch(() => undefined) : undefined;
    if (!thumb) {
      res.status(404).type('text').send('no such photo');
      return;
    }
    res.set('Cache-Control', 'private, max-age=600').type('image/jpeg').send(thumb);
  });
  router.get('/report/places', placesLookup(ctx));
  router.use(followRoutes(ctx, body));
  router.use(unsubscribeRoutes(ctx, body));
  return router;
}
