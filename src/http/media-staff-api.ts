import { json, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { InputError, NotFoundError } from '../errors';
import { getMediaItem, listCaseMedia, type MediaItem, setHidden } from '../media/media-repo';
import { getCase } from '../storage/cases-repo';
import { describeZodError, jsonErrorHandler } from './api-errors';
import { requireToken } from './auth';
import { mediaRoutes } from './media-routes';
import { keepClosurePhoto, photoUpload } from './photo-upload';

const HiddenPatch = z.object({ hidden: z.boolean() }).strict();

/** What staff see of a photo: its state and the reason it was refused, what was stored, the private GPS suggestion. */
function staffView(m: MediaItem, base: string) {
  const ready = m.status === 'ready';
  return {
    id: m.id,
    case_id: m.case_id,
    kind: m.kind,
    status: m.status,
    reason: m.reason,
    hidden: m.hidden,
    source_url: m.kind === 'closure' ? m.source_url : undefined,
    content_type: m.content_type,
    bytes: m.bytes,
    width: m.width,
    height: m.height,
    sha256: m.sha256,
    location_suggestion: m.gps_lat === null || m.gps_lon === null ? null : { lat: m.gps_lat, lon: m.gps_lon, source: 'exif' },
    urls: ready
      ? {
          display: `${base}/media/${m.id}/display`,
          thumb: `${base}/media/${m.id}/thumb`,
          original: m.original_deleted_at ? null : `${base}/media/${m.id}/original`,
        }
      : null,
  };
}

/**
 * The staff side of photos, with the public `GET /media/...` in front (one router for app.ts to mount):
 * - `GET /api/v1/cases/{id}/media`: every photo of a case, with refusal reasons and the EXIF location suggestion.
 * - `PATCH /api/v1/media/{id}` `{"hidden": true}`: hides a photo from every public place at once (or shows it again).
 * - `DELETE /api/v1/media/{id}`: deletes every size of it.
 * - `POST /api/v1/cases/{id}/closure-photo` (multipart, file field `photo`): processes it now and makes it the
 *   case's closure photo, so the closure message that follows carries our copy.
 */
export function mediaApi(ctx: AppContext): Router {
  const router = Router();
  router.use(mediaRoutes(ctx));
  const staff = requireToken(ctx, 'staff');
  const base = ctx.config.publicBaseUrl;
  const receivePhoto = photoUpload(ctx);
  const id = (raw: string | string[], what: string) => {
    raw = String(raw);
    if (!/^\d{1,15}$/.test(raw)) throw new InputError(`${what} must be a number`, 'id');
    return Number(raw);
  };

  router.get('/api/v1/cases/:id/media', staff, async (req, res) => {
    const caseId = id(req.params.id, 'case id');
    if (!(await getCase(ctx.db, caseId))) throw new NotFoundError(`case ${caseId} not found`);
    res.json({ media: (await listCaseMedia(ctx.db, caseId)).map((m) => staffView(m, base)) });
  });

  router.patch('/api/v1/media/:id', staff, json({ limit: '4kb' }), async (req, res) => {
    const mediaId = id(req.params.id, 'media id');
    const parsed = HiddenPatch.safeParse(req.body ?? {});
    if (!parsed.success) throw describeZodError(parsed.error, 'body');
    const item = await setHidden(ctx.db, mediaId, parsed.data.hidden);
    if (!item) throw new NotFoundError(`media ${mediaId} not found`);
    ctx.log.info({ mediaId, caseId: item.case_id, hidden: item.hidden, by: req.token?.name }, 'media: visibility changed');
    res.json(staffView(item, base));
  });

  router.delete('/api/v1/media/:id', staff, async (req, res) => {
    const mediaId = id(req.params.id, 'media id');
    await ctx.media.delete(mediaId);
    ctx.log.info({ mediaId, by: req.token?.name }, 'media: deleted');
    res.json(staffView((await getMediaItem(ctx.db, mediaId))!, base));
  });

  router.post('/api/v1/cases/:id/closure-photo', staff, async (req, res) => {
    const caseId = id(req.params.id, 'case id');
    const photo = await receivePhoto(req, res);
    if (!photo) throw new InputError('photo is missing: send the image as the multipart file field "photo"', 'photo');
    if (!(await getCase(ctx.db, caseId))) throw new NotFoundError(`case ${caseId} not found`);
    const { item, url } = await keepClosurePhoto(ctx, caseId, photo);
    await ctx.cases.update(caseId, { closure_media_url: url }, `staff:${req.token?.name}`);
    res.status(201).json(staffView(item, base));
  });

  router.use(jsonErrorHandler(ctx.log));
  return router;
}
