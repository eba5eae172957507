import { Router } from 'express';
import type { AppContext } from '../context';
import { caseIsPublic } from '../media/media-repo';
import type { MediaSize } from '../media/media-store';
import { findToken } from '../storage/tokens-repo';
import { sendError } from './api-errors';

/**
 * How long browsers and caches may keep a public copy. Short, because a photo staff hide must go from every public
 * place soon: our pages stop naming it at once and this URL answers 404 at once; a cache may hold it this long.
 */
const PUBLIC_MAX_AGE_S = 300;

/**
 * `GET /media/{id}/{size}`: our processed copies only. `display` and `thumb` are public for a public case's ready,
 * visible photo; `original` (the file as received, metadata and all) needs a staff token and is never cached.
 * Everything else, hidden and private photos included, is the same plain 404, so ids cannot be probed.
 */
export function mediaRoutes(ctx: Pick<AppContext, 'db' | 'media'>): Router {
  const router = Router();
  router.get('/media/:id/:size', async (req, res, next) => {
    try {
      const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : undefined;
      const size = req.params.size as MediaSize;
      if (!id || !['display', 'thumb', 'original'].includes(size)) return sendError(res, 404, 'not_found', 'no such photo');
      if (size === 'original' && !(await isStaff(ctx, req.get('authorization')))) {
        res.set('WWW-Authenticate', 'Bearer');
        return sendError(res, 401, 'unauthorized', 'the original needs a staff token: send "Authorization: Bearer <token>"');
      }
      const found = await ctx.media.read(id, size);
      if (!found) return sendError(res, 404, 'not_found', 'no such photo');
      if (size !== 'original' && (found.item.hidden || !(await caseIsPublic(ctx.db, found.item.case_id)))) {
        return sendError(res, 404, 'not_found', 'no such photo');
      }
      const etag = `"${found.item.sha256?.slice(0, 32)}-${size}"`;
      res.set('ETag', etag);
      res.set('X-Content-Type-Options', 'nosniff');
      res.set('Cache-Control', size === 'original' ? 'private, no-store' : `public, max-age=${PUBLIC_MAX_AGE_S}`);
      if (size !== 'original' && req.get('if-none-match') === etag) return res.status(304).end();
      res.type(found.object.contentType).send(found.object.bytes);
    } catch (err) {
      next(err);
    }
  });
  return router;
}

async function isStaff(ctx: Pick<AppContext, 'db'>, header: string | undefined): Promise<boolean> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const token = await findToken(ctx.db, match[1]);
  return token?.scope === 'staff';
}
