import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { correctedPlace } from '../cases/location-correction';
import type { AppContext } from '../context';
import { cleanText } from '../domain/clean-text';
import { nonPublicUrlReason } from '../domain/public-url';
import { CASE_STATUSES, type CaseStatus } from '../domain/types';
import { InputError, NotFoundError } from '../errors';
import { keepClosurePhoto, photoUpload } from '../http/photo-upload';
import { getCase } from '../storage/cases-repo';
import type { StaffUser } from '../storage/staff-users-repo';
import { PRIORITIES, type Priority, StaffCaseActions } from './case-actions';
import { casePage } from './case-page';
import type { PageContext } from './layout';

const words = (max: number) => z.string().transform(cleanText).pipe(z.string().trim().min(1, 'must not be empty').max(max));
const caseNumber = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, 'must be a case number');
const photoUrl = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .superRefine((url, check) => {
      const reason = nonPublicUrlReason(url);
      if (reason) check.addIssue({ code: 'custom', message: reason });
    })
    .optional(),
);

function field<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(`${name}: ${r.error.issues[0].message}`, name);
  return r.data;
}

/** The fields whose refusals the case page shows beside the field itself (the close and location forms). */
const INLINE_FIELDS = new Set(['status_notes', 'closure_media_url', 'photo', 'address', 'lat', 'lon']);

/** What the multipart close form brought: the photo's bytes, or why the body was refused (shown next to the field). */
export interface ClosurePhotoBody {
  bytes?: Buffer;
  error?: InputError;
}

/**
 * Reads the close form when it is multipart (a photo file), before the CSRF check, which needs its `_csrf` field.
 * A refused body (too big, malformed) is kept for the route to show, not thrown: the CSRF check must run first.
 * Urlencoded forms pass through untouched.
 */
export function closurePhotoBody(ctx: AppContext): RequestHandler {
  const receive = photoUpload(ctx);
  return async (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    try {
      res.locals.closurePhoto = { bytes: await receive(req, res) } satisfies ClosurePhotoBody;
    } catch (err) {
      if (!(err instanceof InputError)) return next(err);
      res.locals.closurePhoto = { error: err } satisfies ClosurePhotoBody;
    }
    next();
  };
}

/** A form's coordinate: a decimal number within ±max, else an InputError naming it. */
function coordinate(value: unknown, name: 'lat' | 'lon', max: number): number {
  const text = field(
    z
      .string()
      .trim()
      .regex(/^-?\d{1,3}(\.\d{1,12})?$/, 'must be a decimal number'),
    value ?? '',
    name,
  );
  const n = Number(text);
  if (Math.abs(n) > max) throw new InputError(`${name}: must be between -${max} and ${max}`, name);
  return n;
}

function caseId(req: Request): number {
  return Number(field(caseNumber, req.params.id, 'case'));
}

/** The form's fields, or {} for a body that is not a form. */
function form(req: Request): Record<string, unknown> {
  return (req.body as Record<string, unknown> | undefined) ?? {};
}

/**
 * The case actions behind the case page's forms and the queue's bulk form. Each answers with a redirect
 * (post/redirect/get), so a reload never repeats an action; bad input throws a named InputError, which the
 * console shows as a page naming the field.
 */
export function caseRoutes(ctx: AppContext, page: (req: Request, res: Response) => PageContext): Router {
  const router = Router();
  const actions = new StaffCaseActions(ctx);
  const me = (req: Request): StaffUser => req.staff!.user;
  const back = (res: Response, id: number) => {
    if (!res.headersSent) res.redirect(303, `/staff/cases/${id}?done=1`);
  };
  /**
   * Runs a case-page form's work; a refusal naming one of the form's fields redraws the case page (400) with the
   * message next to that field and what was typed kept, instead of a separate error page.
   */
  const shownNextToField = async (req: Request, res: Response, f: Record<string, unknown>, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      if (!(err instanceof InputError) || !err.field || !INLINE_FIELDS.has(err.field)) throw err;
      const values = Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
      res.status(400);
      await casePage(ctx)(req, res, page(req, res), { field: err.field, message: err.message, values });
    }
  };

  router.post('/cases/:id/assign', async (req, res) => {
    const id = caseId(req);
    const f = form(req);
    const assignee =
      f.assignee === '' || f.assignee === undefined
        ? null
        : Number(field(z.string().regex(/^\d{1,12}$/, 'must be a user id'), f.assignee, 'assignee'));
    const department = f.department === undefined || f.department === '' ? undefined : field(z.string().max(100), f.department, 'department');
    await actions.assign(me(req), id, { assigneeId: assignee, department });
    back(res, id);
  });

  router.post('/cases/:id/priority', async (req, res) => {
    const id = caseId(req);
    await actions.setPriority(me(req), id, field(z.enum(PRIORITIES), form(req).priority, 'priority') as Priority);
    back(res, id);
  });

  router.post('/cases/:id/recategorise', async (req, res) => {
    const id = caseId(req);
    await actions.patch(
      me(req),
      id,
      { service_code: field(z.string().min(1).max(100), form(req).service_code, 'service_code') },
      'case.recategorise',
    );
    back(res, id);
  });

  router.post('/cases/:id/status', async (req, res) => {
    const id = caseId(req);
    const status = field(z.enum(CASE_STATUSES as [CaseStatus, ...CaseStatus[]]), form(req).status, 'status');
    await actions.patch(me(req), id, { status }, 'case.status');
    back(res, id);
  });

  router.post('/cases/:id/close', async (req, res) => {
    const id = caseId(req);
    const f = form(req);
    await shownNextToField(req, res, f, async () => {
      const upload = res.locals.closurePhoto as ClosurePhotoBody | undefined;
      if (upload?.error) throw upload.error;
      const notes = field(words(4000), f.status_notes, 'status_notes');
      const given = field(photoUrl, f.closure_media_url, 'closure_media_url');
      if (upload?.bytes && given) throw new InputError('closure_media_url: choose a photo file or give a URL, not both', 'closure_media_url');
      let photo = given;
      if (upload?.bytes) {
        if (!(await getCase(ctx.db, id))) throw new NotFoundError(`case ${id} not found`);
        // Processed now, as the staff API does, so the closure alert below carries our copy.
        photo = (await keepClosurePhoto(ctx, id, upload.bytes)).url;
      }
      await actions.patch(me(req), id, { status: 'closed', status_notes: notes, ...(photo ? { closure_media_url: photo } : {}) }, 'case.close');
    });
    back(res, id);
  });

  router.post('/cases/:id/location', async (req, res) => {
    const id = caseId(req);
    const f = form(req);
    await shownNextToField(req, res, f, async () => {
      const address = typeof f.address === 'string' && f.address.trim() !== '' ? field(words(300), f.address, 'address') : undefined;
      const point = address === undefined ? { lat: coordinate(f.lat, 'lat', 90), lon: coordinate(f.lon, 'lon', 180) } : {};
      if (!(await getCase(ctx.db, id))) throw new NotFoundError(`case ${id} not found`);
      await actions.relocate(me(req), id, await correctedPlace(ctx, { address, ...point }));
    });
    back(res, id);
  });

  router.post('/cases/:id/reply', async (req, res) => {
    const id = caseId(req);
    await actions.reply(me(req), id, field(words(1000), form(req).text, 'text'));
    back(res, id);
  });

  router.post('/cases/:id/note', async (req, res) => {
    const id = caseId(req);
    await actions.note(me(req), id, field(words(4000), form(req).text, 'text'));
    back(res, id);
  });

  router.post('/cases/:id/merge', async (req, res) => {
    const id = caseId(req);
    const target = Number(field(caseNumber, form(req).target, 'target'));
    await actions.patch(me(req), id, { duplicate_of: target }, 'case.merge');
    back(res, id);
  });

  router.post('/cases/:id/unmerge', async (req, res) => {
    const id = caseId(req);
    await actions.patch(me(req), id, { duplicate_of: null }, 'case.unmerge');
    back(res, id);
  });

  router.post('/cases/:id/visibility', async (req, res) => {
    const id = caseId(req);
    const value = field(z.enum(['true', 'false']), form(req).public, 'public');
    await actions.patch(me(req), id, { public: value === 'true' }, value === 'true' ? 'case.make_public' : 'case.make_private');
    back(res, id);
  });

  router.post('/cases/:id/redact', async (req, res) => {
    const id = caseId(req);
    const f = form(req);
    const text =
      f.restore === '1'
        ? null
        : field(z.string().transform(cleanText).pipe(z.string().trim().max(4000)), f.public_description ?? '', 'public_description');
    await actions.redact(me(req), id, text);
    back(res, id);
  });

  router.post('/cases/:id/photos/:index', async (req, res) => {
    const id = caseId(req);
    const index = Number(field(z.string().regex(/^\d{1,3}$/, 'must be a photo number'), req.params.index, 'photo'));
    const hidden = field(z.enum(['true', 'false']), form(req).hidden, 'hidden') === 'true';
    await actions.setPhotoHidden(me(req), id, index, hidden);
    back(res, id);
  });

  router.post('/bulk', async (req, res) => {
    const f = form(req);
    const raw = Array.isArray(f.ids) ? f.ids : f.ids === undefined ? [] : [f.ids];
    const ids = field(z.array(caseNumber).min(1, 'select at least one case').max(200), raw, 'ids').map(Number);
    const action = field(z.enum(['assign', 'recategorise', 'close', 'merge']), f.action, 'action');
    // Checked before anything is written: a bad value must change nothing.
    const input =
      action === 'assign'
        ? { assignee: f.assignee ? Number(field(z.string().regex(/^\d{1,12}$/, 'must be a user id'), f.assignee, 'assignee')) : null }
        : action === 'recategorise'
          ? { code: field(z.string().min(1).max(100), f.service_code, 'service_code') }
          : action === 'close'
            ? { note: field(words(4000), f.note, 'note') }
            : { target: Number(field(caseNumber, f.target, 'target')) };
    // One transaction: a case that cannot take the change (unknown, or a merge the rules refuse) leaves every case as it was.
    await actions.batch(async (batch) => {
      for (const id of ids) {
        if ('assignee' in input) await batch.assign(me(req), id, { assigneeId: input.assignee });
        else if ('code' in input) await batch.patch(me(req), id, { service_code: input.code }, 'case.recategorise');
        else if ('note' in input) await batch.patch(me(req), id, { status: 'closed', status_notes: input.note }, 'case.close');
        else if (id !== input.target) await batch.patch(me(req), id, { duplicate_of: input.target }, 'case.merge');
      }
    });
    res.redirect(303, '/staff?done=1');
  });
  return router;
}
