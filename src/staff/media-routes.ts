import { type Request, type Response, Router } from 'express';
import type { AppContext } from '../context';
import type { MediaSize } from '../media/media-store';
import { hasRole } from './session';

/**
 * `GET /staff/media/{id}/{size}`: a case's photos for signed-in staff, hidden ones and private cases' too, so staff
 * can judge what they moderate. `original` (the file as received, with the phone's GPS and camera metadata) only
 * for supervisors and admins. Never cached: the console's pages are not either.
 */
export function staffMediaRoutes(ctx: AppContext, deny: (req: Request, res: Response, status: 401 | 403) => void): Router {
  const router = Router();
  router.get('/media/:id/:size', async (req, res) => {
    const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : undefined;
    const size = req.params.size as MediaSize;
    if (!id || !['display', 'thumb', 'original'].includes(size)) return void res.status(404).type('text').send('no such photo');
    if (size === 'original' && !hasRole(req.staff!.user.role, 'supervisor')) return deny(req, res, 403);
    const found = await ctx.media.read(id, size);
    if (!found) return void res.status(404).type('text').send('no such photo');
    res.set('Cache-Control', 'private, no-store');
    res.type(found.object.contentType).send(found.object.bytes);
  });
  return router;
}
