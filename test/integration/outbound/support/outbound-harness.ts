import type { ChannelModule, Stop } from '../../../../src/channels/channel';
import type { ChannelName, InboundReport, NotificationRecord } from '../../../../src/domain/types';
import type { OutboxRow } from '../../../../src/outbound/outbox-store';
import { type OutboundOptions, startOutbound } from '../../../../src/outbound/start-outbound';
import type { JobQueue } from '../../../../src/queue/job-queue';
import type { Database } from '../../../../src/storage/database';
import { type TestContext, testContext } from '../../../support/context';

/** Retries fast enough for a test to watch them. */
export const FAST: OutboundOptions = { retry: { attempts: 4, baseDelayMs: 30, maxDelayMs: 200 }, relay: { pollMs: 50 } };

/** A context on `db` with the given channels and queue, and the outbound side running. */
export async function startPublisher(
  db: Database,
  channels: ChannelModule[],
  options: { queue?: JobQueue; outbound?: OutboundOptions } = {},
): Promise<{ ctx: TestContext; stop: Stop }> {
  const ctx = await testContext(db, { channels, queue: options.queue });
  const stop = await startOutbound(ctx, channels, { ...FAST, ...options.outbound });
  return { ctx, stop };
}

/** Places far apart, one per report in turn: reports of one problem at one place would be linked as duplicates. */
const PLACES = [
  '12 Elm St',
  '300 Newbury St',
  '500 Columbus Ave',
  '30 Bennington St',
  '200 Dudley St',
  '10 Beacon St',
  '75 Washington St',
  '100 Tremont St',
];
let nextPlace = 0;

export function smsReport(id: string, from: string, text = 'big pothole outside 12 Elm St', extra: Partial<InboundReport> = {}): InboundReport {
  const address = PLACES[nextPlace++ % PLACES.length];
  return { channel: 'sms', providerMessageId: id, reporter: { address: from }, text, media: [], raw: { id }, address, ...extra };
}

export async function rows(db: Database, where = 'true', params: unknown[] = []): Promise<OutboxRow[]> {
  return (await db.query<OutboxRow>(`SELECT * FROM notifications WHERE ${where} ORDER BY id`, params)).rows;
}

/**
 * Writes outbox rows as fan-out would (one per recipient, pending) for an existing case, committed in one
 * transaction, so a test can put many messages in flight at once.
 */
export async function writeOutbox(db: Database, caseId: number, channel: ChannelName, recipients: string[]): Promise<NotificationRecord[]> {
  const { rows: written } = await db.query<NotificationRecord>(
    `INSERT INTO notifications (case_id, channel, recipient, kind, language, params)
     SELECT $1, $2, r, 'status_changed', 'en', jsonb_build_object('status', 'in_progress') FROM unnest($3::text[]) AS r RETURNING *`,
    [caseId, channel, recipients],
  );
  return written;
}
