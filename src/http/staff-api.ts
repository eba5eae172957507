import { json, Router } from 'express';
import { z } from 'zod';
import type { CasePatch } from '../cases/case-service';
import type { AppContext } from '../context';
import { cleanText, hasUnsafeCharacters } from '../domain/clean-text';
import { nonPublicUrlReason } from '../domain/public-url';
import { CASE_STATUSES, type CaseStatus, type ChannelName } from '../domain/types';
import { InputError, NotFoundError } from '../errors';
import { CHANNEL_NAMES } from '../registry';
import { getCase, listCases } from '../storage/cases-repo';
import { listEvents } from '../storage/events-repo';
import { listNotificationsForCase } from '../storage/notifications-repo';
import { listSubscriptions } from '../storage/subscriptions-repo';
import { describeZodError, jsonErrorHandler } from './api-errors';
import { requireToken } from './auth';
import { notificationsApi } from './notifications-api';
import { commaList } from './query';

const ListQuery = z
  .object({
    status: commaList(z.enum(CASE_STATUSES as [string, ...string[]])).optional(),
    service_code: commaList(
      z
        .string()
        .min(1)
        .refine((v) => !hasUnsafeCharacters(v), 'must not contain control characters'),
    ).optional(),
    channel: commaList(z.enum(CHANNEL_NAMES)).optional(),
    since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'must be the next_cursor of a previous page')
      .optional(),
  })
  .strict();

const Patch = z
  .object({
    status: z.enum(CASE_STATUSES as [string, ...string[]]).optional(),
    service_code: z.string().min(1).optional(),
    status_notes: z.string().max(4000).transform(cleanText).nullable().optional(),
    closure_media_url: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .superRefine((url, check) => {
        const reason = nonPublicUrlReason(url);
        if (reason) check.addIssue({ code: 'custom', message: reason });
      })
      .nullable()
      .optional(),
    duplicate_of: z.number().int().positive().nullable().optional(),
    public: z.boolean().optional(),
  })
  .strict();

const Note = z
  .object({ text: z.string().transform(cleanText).pipe(z.string().trim().min(1, 'must not be empty').max(4000)), public: z.boolean().default(false) })
  .strict();

function caseId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new InputError(`case id "${raw}" must be a decimal number`, 'id');
  return Number(raw);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw describeZodError(r.error, where);
  return r.data;
}

/** The staff API: triage, recategorise, close, merge and annotate cases. Bearer token of scope `staff`. */
export function staffApi(ctx: AppContext): Router {
  const router = Router();
  router.use('/api/v1', requireToken(ctx, 'staff'), json({ limit: '64kb' }));

  router.get('/api/v1/cases', async (req, res) => {
    const q = parse(ListQuery, req.query, 'query');
    const rows = await listCases(ctx.db, {
      status: q.status as CaseStatus[] | undefined,
      service_code: q.service_code,
      channel: q.channel as ChannelName[] | undefined,
      since: q.since ? new Date(q.since) : undefined,
      beforeId: q.cursor ? Number(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    res.json({ cases: page, next_cursor: rows.length > q.limit ? String(page[page.length - 1].service_request_id) : null });
  });

  router.get('/api/v1/cases/:id', async (req, res) => {
    const id = caseId(req.params.id);
    const c = await getCase(ctx.db, id);
    if (!c) throw new NotFoundError(`case ${id} not found`);
    const [events, subscriptions, notifications] = await Promise.all([
      listEvents(ctx.db, id),
      listSubscriptions(ctx.db, id, false),
      listNotificationsForCase(ctx.db, id),
    ]);
    res.json({ ...c, service_name: ctx.catalog.name(c.service_code), events, subscriptions, notifications });
  });

  router.patch('/api/v1/cases/:id', async (req, res) => {
    const id = caseId(req.params.id);
    const patch = parse(Patch, req.body, 'body');
    if (Object.keys(patch).length === 0) {
      throw new InputError('no changes given: send one or more of status, service_code, status_notes, closure_media_url, duplicate_of, public');
    }
    const updated = await ctx.cases.update(id, patch as CasePatch, `staff:${req.token?.name}`);
    res.json(updated);
  });

  router.post('/api/v1/cases/:id/notes', async (req, res) => {
    const id = caseId(req.params.id);
    const note = parse(Note, req.body, 'body');
    const event = await ctx.cases.addNote(id, note.text, note.public, `staff:${req.token?.name}`);
    res.status(201).json(event);
  });

  router.use(notificationsApi(ctx));

  router.use('/api/v1', (_req, _res) => {
    throw new NotFoundError('no such staff API route');
  });
  router.use('/api/v1', jsonErrorHandler(ctx.log));
  return router;
}
