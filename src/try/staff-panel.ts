import { json, type Request, type Response, Router } from 'express';
import type { AppContext } from '../context';
import type { ChannelName } from '../domain/types';
import { createToken } from '../storage/tokens-repo';
import { loopbackBase } from './loopback';

/** A case as the /try staff panel lists it. */
interface PanelCase {
  service_request_id: number;
  service_code: string;
  service_name: string;
  status: string;
  description: string;
  channel: string;
  status_notes: string | null;
  created_at: string;
  details?: Record<string, unknown>;
}

/** Only cases intake marked as coming through a simulated channel; never a real resident's. */
function isSimulated(c: PanelCase): boolean {
  return c.details?.simulated === true;
}

/**
 * The /try staff panel: lists and closes cases through the real staff API, with a `try-panel` staff token
 * this process creates and keeps to itself. It only sees cases intake marked `details.simulated` (opened
 * through a channel with no vendor credentials): the panel can never touch a real resident's case.
 */
export function staffPanelRoutes(ctx: AppContext, simulated: readonly ChannelName[]): Router {
  const router = Router();
  let token: Promise<string> | undefined;
  const staffApi = async (req: Request, path: string, init: { method?: string; body?: unknown } = {}) => {
    token ??= createToken(ctx.db, 'try-panel', 'staff');
    const res = await fetch(loopbackBase(req) + path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${await token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const refuse = (res: Response, status: number, code: string, message: string): void => void res.status(status).json({ error: { code, message } });

  router.use('/try/api/cases', json({ limit: '16kb' }), (_req, res, next) => {
    if (simulated.length === 0)
      return refuse(res, 403, 'channels_live', 'every channel is live here: the /try staff panel is off; use the staff API with your own token');
    next();
  });

  router.get('/try/api/cases', async (req, res) => {
    const r = await staffApi(req, `/api/v1/cases?channel=${simulated.join(',')}&limit=20`);
    if (r.status !== 200) return void res.status(r.status).json(r.json);
    const cases = (r.json.cases as PanelCase[])
      .filter(isSimulated)
      .map(({ details: _, ...c }) => ({ ...c, service_name: ctx.catalog.name(c.service_code) }));
    res.json({ cases });
  });

  router.post('/try/api/cases/:id/close', async (req, res) => {
    const id = req.params.id;
    if (!/^\d{1,15}$/.test(id)) return refuse(res, 400, 'invalid', `case id "${id}" must be a decimal number`);
    const current = await staffApi(req, `/api/v1/cases/${id}`);
    if (current.status !== 200) return void res.status(current.status).json(current.json);
    if (!simulated.includes(current.json.channel as ChannelName) || !isSimulated(current.json as unknown as PanelCase)) {
      return refuse(
        res,
        403,
        'not_simulated',
        `case ${id} was not made by /try or simulate; the /try staff panel closes no real case; use the staff API`,
      );
    }
    const note = typeof req.body?.note === 'string' ? req.body.note.trim() : '';
    const photo = typeof req.body?.photo_url === 'string' ? req.body.photo_url.trim() : '';
    const patch = { status: 'closed', ...(note ? { status_notes: note } : {}), ...(photo ? { closure_media_url: photo } : {}) };
    const updated = await staffApi(req, `/api/v1/cases/${id}`, { method: 'PATCH', body: patch });
    res.status(updated.status).json(updated.json);
  });
  return router;
}
