import type { CaseRecord, ChannelName, NotificationRecord } from '../domain/types';
import { getCase } from '../storage/cases-repo';
import { getContact, setOptOut } from '../storage/contacts-repo';
import type { Database, Sql } from '../storage/database';
import { getNotification } from '../storage/notifications-repo';
import { deactivateSubscription } from '../storage/subscriptions-repo';

/**
 * The publisher's state changes on outbox rows. Each is one short transaction, so what the provider has
 * accepted is on disk before anything else happens:
 *
 *   pending -> queued (relay added the job) -> sending (claimed, attempts+1, body stored) -> sent (provider id)
 *                                              sending -> queued (transient error or rate limit: retry coming)
 *                                              sending -> failed (permanent error, attempts exhausted)
 *                                              sending -> failed + interrupted_at (a worker died mid-send; the
 *                                                         reconciler then settles it with the provider: reconcile-store.ts)
 *   pending|queued -> skipped (recipient opted out or unsubscribed since the row was written, or a feed post too old to be news)
 */

/** Statuses after which nothing is ever sent again for the row. */
const SETTLED = new Set(['sent', 'delivered', 'undelivered', 'failed', 'skipped']);

export const INTERRUPTED_REASON =
  'interrupted while sending: the provider may have accepted it, so it was not sent again; it is being checked with the provider before it may be retried';

/** A notification row with what migration 002 adds: the text and attachment as rendered for sending. */
export type OutboxRow = NotificationRecord & { body: string | null; media_url: string | null };

export type Claim =
  | { kind: 'claimed'; notification: OutboxRow; case: CaseRecord }
  /** `stale`: a public feed post older than the feed's maximum age, skipped (the feed is behind, e.g. a flood). */
  | { kind: 'settled' | 'missing' | 'skipped' | 'interrupted' | 'stale' };

export interface ClaimOptions {
  /** A feed post older than this is skipped, not sent late. */
  feedMaxAgeMs: number;
}

/** The reason a stale feed post carries: the case itself is on the public site all along. */
export function staleFeedReason(maxAgeMs: number): string {
  return `feed post skipped: older than ${Math.round(maxAgeMs / 60_000)} min when its turn came (the feed is behind, e.g. a flood of reports); the case is on the public site`;
}

/** A row the relay puts in a queue: feed posts go to their channel's feed queue, so they never hold up replies. */
export interface QueuedRow {
  id: number;
  channel: ChannelName;
  feed: boolean;
}

function queuedRows(rows: Array<{ id: string; channel: ChannelName; recipient: string }>): QueuedRow[] {
  return rows.map((r) => ({ id: Number(r.id), channel: r.channel, feed: r.recipient === 'feed' }));
}

/** Pending rows, messages to residents before feed posts: a feed backlog must not hold a reply out of the queue either. */
export async function listPending(sql: Sql, limit: number): Promise<QueuedRow[]> {
  const { rows } = await sql.query<{ id: string; channel: ChannelName; recipient: string }>(
    "SELECT id, channel, recipient FROM notifications WHERE status = 'pending' ORDER BY recipient = 'feed', id LIMIT $1",
    [limit],
  );
  return queuedRows(rows);
}

/** Rows that should have a job somewhere; after a restart or a Redis loss they may not. */
export async function listInFlight(sql: Sql, olderThanMs: number, afterId: number, limit: number): Promise<QueuedRow[]> {
  const { rows } = await sql.query<{ id: string; channel: ChannelName; recipient: string }>(
    `SELECT id, channel, recipient FROM notifications
     WHERE status IN ('queued', 'sending') AND updated_at <= now() - ($1::double precision * interval '1 millisecond') AND id > $2
     ORDER BY id LIMIT $3`,
    [olderThanMs, afterId, limit],
  );
  return queuedRows(rows);
}

export async function markQueued(sql: Sql, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query("UPDATE notifications SET status = 'queued', updated_at = now() WHERE id = ANY($1::bigint[]) AND status = 'pending'", [ids]);
}

/**
 * Takes a row for one send attempt. Only a row that is pending or queued is claimed; a row found `sending`
 * was being sent when a worker died, and whether the provider accepted it cannot be known, so it is failed
 * and marked interrupted rather than risk a second message (see INTERRUPTED_REASON); the reconciler settles it.
 */
export async function claim(
  db: Database,
  id: number,
  render: (n: NotificationRecord, c: CaseRecord) => { text: string; mediaUrl?: string },
  options: ClaimOptions,
): Promise<Claim> {
  return db.transaction(async (tx) => {
    const n = await getNotification(tx, id, true);
    if (!n) return { kind: 'missing' };
    if (SETTLED.has(n.status)) return { kind: 'settled' };
    if (n.status === 'sending') {
      if (n.provider_id) {
        await tx.query("UPDATE notifications SET status = 'sent', sent_at = COALESCE(sent_at, now()), updated_at = now() WHERE id = $1", [id]);
        return { kind: 'settled' };
      }
      await tx.query("UPDATE notifications SET status = 'failed', last_error = $2, interrupted_at = now(), updated_at = now() WHERE id = $1", [
        id,
        INTERRUPTED_REASON,
      ]);
      return { kind: 'interrupted' };
    }
    if (n.recipient === 'feed' && Date.now() - new Date(n.created_at).getTime() > options.feedMaxAgeMs) {
      await settle(tx, id, 'skipped', staleFeedReason(options.feedMaxAgeMs));
      return { kind: 'stale' };
    }
    const why = await reasonToSkip(tx, n);
    if (why) {
      await settle(tx, id, 'skipped', why);
      return { kind: 'skipped' };
    }
    const c = await getCase(tx, n.case_id);
    if (!c) {
      await settle(tx, id, 'failed', `case ${n.case_id} not found`);
      return { kind: 'missing' };
    }
    if (n.recipient === 'feed' && (!c.public || c.duplicate_of !== null)) {
      // Made private (or merged) after the post was queued: the public feed must not show it.
      await settle(tx, id, 'skipped', c.public ? 'case merged into another' : 'case is private');
      return { kind: 'skipped' };
    }
    const rendered = render(n, c);
    const { rows } = await tx.query<OutboxRow>(
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, body = $2, media_url = $3, claimed_at = now(), updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, rendered.text, rendered.mediaUrl ?? null],
    );
    return { kind: 'claimed', notification: rows[0], case: c };
  });
}

/** A STOP or an unfollow after the row was written still wins. */
async function reasonToSkip(tx: Sql, n: NotificationRecord): Promise<string | undefined> {
  if (n.recipient === 'feed') return undefined;
  if ((await getContact(tx, n.channel, n.recipient))?.opted_out) return 'recipient opted out';
  if (n.subscription_id !== null) {
    const { rows } = await tx.query<{ active: boolean }>('SELECT active FROM subscriptions WHERE id = $1', [n.subscription_id]);
    if (rows[0] && !rows[0].active) return 'subscription inactive';
  }
  return undefined;
}

async function settle(tx: Sql, id: number, status: 'failed' | 'skipped', reason: string): Promise<void> {
  await tx.query('UPDATE notifications SET status = $2, last_error = $3, updated_at = now() WHERE id = $1', [id, status, reason]);
}

/**
 * Records the provider's acceptance, in its own transaction the moment send() returns. It also overrides an
 * `interrupted` failure written meanwhile by a worker that took over a stalled job: the message did go out.
 */
export async function recordSent(sql: Sql, id: number, providerId: string, providerStatus: string | null): Promise<void> {
  await sql.query(
    `UPDATE notifications SET status = 'sent', provider_id = $2, provider_status = $3, sent_at = now(), last_error = NULL, updated_at = now(),
       reconciled_at = CASE WHEN interrupted_at IS NOT NULL THEN now() END
     WHERE id = $1 AND provider_id IS NULL`,
    [id, providerId, providerStatus],
  );
}

/** Puts a row back to wait for the queue's next try. */
export async function release(sql: Sql, id: number, reason: string): Promise<void> {
  await sql.query("UPDATE notifications SET status = 'queued', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'sending'", [
    id,
    reason,
  ]);
}

/**
 * Fails a row for good. When the recipient is the cause, its subscription is turned off; a recipient who
 * told the provider to stop (RecipientOptedOutError) is recorded as opted out so nothing else is attempted to it.
 */
export async function fail(
  db: Database,
  n: NotificationRecord,
  reason: string,
  options: { recipientGone?: boolean; optedOut?: boolean } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    await settle(tx, n.id, 'failed', reason);
    if (options.recipientGone && n.subscription_id !== null) await deactivateSubscription(tx, n.subscription_id);
    if (options.optedOut) await setOptOut(tx, n.channel, n.recipient, true);
  });
}
