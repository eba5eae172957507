import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { CHANNEL_NAMES } from '../registry';
import { insertEvent } from '../storage/events-repo';
import { getNotification, isUnreconciled, listNotifications, requeueNotification } from '../storage/notifications-repo';
import { inTransaction } from '../storage/unit-of-work';
import { describeZodError } from './api-errors';
import { commaList } from './query';

const STATUSES = ['pending', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'skipped'] as const;

const Query = z
  .object({
    status: commaList(z.enum(STATUSES)).optional(),
    channel: commaList(z.enum(CHANNEL_NAMES)).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'must be the next_cursor of a previous page')
      .optional(),
  })
  .strict();

function notificationId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new InputError(`notification id "${raw}" must be a decimal number`, 'id');
  return Number(raw);
}

/**
 * Outbound messages across cases, for staff and operators: what failed and why (`?status=failed`), and a
 * retry once the cause is fixed. Mounted behind the staff token by the staff API.
 */
export function notificationsApi(ctx: AppContext): Router {
  const router = Router();

  router.get('/api/v1/notifications', async (req, res) => {
    const parsed = Query.safeParse(req.query);
    if (!parsed.success) throw describeZodError(parsed.error, 'query');
    const q = parsed.data;
    const rows = await listNotifications(ctx.db, {
      status: q.status,
      channel: q.channel,
      beforeId: q.cursor ? Number(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    res.json({ notifications: page, next_cursor: rows.length > q.limit ? String(page[page.length - 1].id) : null });
  });

  router.post('/api/v1/notifications/:id/retry', async (req, res) => {
    const id = notificationId(req.params.id);
    const requeued = await inTransaction(ctx.db, async (uow) => {
      const before = await getNotification(uow.tx, id, true);
      if (!before) throw new NotFoundError(`notification ${id} not found`);
      if (isUnreconciled(before)) {
        throw new ConflictError(
          `notification ${id} was interrupted while sending and the provider has not yet said whether it went out; it cannot be retried until the worker has checked (it may already have been delivered)`,
        );
      }
      const row = await requeueNotification(uow.tx, id);
      if (!row) throw new ConflictError(`notification ${id} is ${before.status}; only failed or undelivered messages can be retried`);
      await insertEvent(
        uow.tx,
        row.case_id,
        'updated',
        `staff:${req.token?.name}`,
        { notification_retried: id, previous_error: before.last_error },
        false,
      );
      uow.afterCommit(() => ctx.signals.outboxChanged());
      return row;
    });
    res.json(requeued);
  });

  return router;
}
