import type { CaseEvent, CaseRecord, ChannelName, NotificationKind, Subscription } from '../domain/types';
import { getContact } from '../storage/contacts-repo';
import { insertNotification } from '../storage/notifications-repo';
import type { UnitOfWork } from '../storage/unit-of-work';
import type { Signals } from '../signals';

/** A channel that publishes a public feed (the city's X timeline) and which cases it posts. */
export interface FeedTarget {
  channel: ChannelName;
  wants(c: CaseRecord, kind: 'feed_opened' | 'feed_closed'): boolean;
}

/** What a template needs; taken at the time of the change so later edits don't rewrite history. */
export function notificationParams(c: CaseRecord, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    service_request_id: c.service_request_id,
    service_code: c.service_code,
    status: c.status,
    status_notes: c.status_notes,
    closure_media_url: c.closure_media_url,
    duplicate_of: c.duplicate_of,
    address: c.address,
    ...extra,
  };
}

/**
 * Writes the outbox rows for one case event, in the event's transaction: one per subscription given, and
 * one per feed target that wants it. Opted-out recipients get a `skipped` row, so staff can see why.
 */
export async function fanOut(
  uow: UnitOfWork,
  signals: Signals,
  c: CaseRecord,
  event: CaseEvent,
  kind: NotificationKind,
  subscriptions: Subscription[],
  options: { feedKind?: 'feed_opened' | 'feed_closed'; feedTargets?: FeedTarget[]; extra?: Record<string, unknown> } = {},
): Promise<number> {
  let written = 0;
  const params = notificationParams(c, options.extra);
  for (const s of subscriptions) {
    if (!s.active) continue;
    const contact = await getContact(uow.tx, s.channel, s.address);
    await insertNotification(uow.tx, {
      case_id: c.service_request_id,
      event_id: event.id,
      subscription_id: s.id,
      channel: s.channel,
      recipient: s.address,
      kind,
      language: s.language,
      params: { ...params, thread_id: s.thread_id },
      ...(contact?.opted_out ? { status: 'skipped' as const, last_error: 'recipient opted out' } : {}),
    });
    written++;
  }
  if (options.feedKind && c.public && c.duplicate_of === null) {
    for (const target of options.feedTargets ?? []) {
      if (!target.wants(c, options.feedKind)) continue;
      await insertNotification(uow.tx, {
        case_id: c.service_request_id,
        event_id: event.id,
        subscription_id: null,
        channel: target.channel,
        recipient: 'feed',
        kind: options.feedKind,
        language: 'en',
        params,
      });
      written++;
    }
  }
  if (written > 0) uow.afterCommit(() => signals.outboxChanged());
  return written;
}
