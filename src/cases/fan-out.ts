import type { CaseEvent, CaseRecord, ChannelName, NotificationKind, Subscription } from '../domain/types';
import type { Signals } from '../signals';
import type { UnitOfWork } from '../storage/unit-of-work';

/** A channel that publishes a public feed (the city's X timeline) and which cases it posts. */
export interface FeedTarget {
  channel: ChannelName;
  wants(c: Pick<CaseRecord, 'service_code' | 'public'>, kind: 'feed_opened' | 'feed_closed'): boolean;
}

/**
 * Writes the outbox rows for one case event, in the event's transaction, through the SQL function
 * outbox_fan_out (migrations/008), which intake uses too: one row per active subscription given, and one per
 * feed target that wants the case. Opted-out recipients get a `skipped` row, so staff can see why.
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
  const feedChannels = options.feedKind ? (options.feedTargets ?? []).filter((t) => t.wants(c, options.feedKind!)).map((t) => t.channel) : [];
  const { rows } = await uow.tx.query<{ written: number }>('SELECT outbox_fan_out($1, $2, $3, $4, $5, $6, $7) AS written', [
    c.service_request_id,
    event.id,
    kind,
    subscriptions.map((s) => s.id),
    options.extra ? JSON.stringify(options.extra) : null,
    options.feedKind ?? null,
    feedChannels,
  ]);
  const written = rows[0].written;
  if (written > 0) uow.afterCommit(() => signals.outboxChanged());
  return written;
}
