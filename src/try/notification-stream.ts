import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { NotificationStatus } from '../domain/types';

/** One outbound message as the simulated resident receives it. */
export interface SimulatedDelivery {
  id: number;
  case_id: number;
  channel: string;
  kind: string;
  status: NotificationStatus;
  /** The text as the publisher rendered it (null if it was never sent, e.g. the resident opted out). */
  text: string | null;
  media_url: string | null;
  /** The simulated provider's id (`sim-<channel>-<id>`): the id of a public reply, so the resident can answer in its thread. */
  provider_id: string | null;
  error: string | null;
}

/** Outbox states that are final for the resident: the message went out, or never will. */
const SETTLED: NotificationStatus[] = ['sent', 'delivered', 'undelivered', 'failed', 'skipped'];
const POLL_MS = 500;
const HEARTBEAT_MS = 15000;

/** Settled outbound messages to one simulated address with ids above `after`, oldest first. */
export async function settledDeliveries(ctx: AppContext, channel: string, address: string, after: number): Promise<SimulatedDelivery[]> {
  const { rows } = await ctx.db.query<SimulatedDelivery>(
    `SELECT id::int AS id, case_id::int AS case_id, channel, kind, status, body AS text, media_url, provider_id, last_error AS error
       FROM notifications
      WHERE channel = $1 AND recipient = $2 AND id > $3 AND status IN (${SETTLED.map((_, i) => `$${i + 4}`).join(', ')})
      ORDER BY id LIMIT 200`,
    [channel, address, after, ...SETTLED],
  );
  return rows;
}

/**
 * Server-sent events of what the service sends one simulated resident. It polls the outbox (publishing is
 * asynchronous, and may happen in another process) and wakes early on this process's outbox signal. Each
 * message is an `event: notification` whose id is the outbox row id, so clients can skip repeats.
 */
export function streamDeliveries(ctx: AppContext, req: Request, res: Response, channel: string, address: string, after: number): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  // Rows settle out of id order (a retry finishes after a later message), so remember what was sent rather than a cursor.
  const seen = new Set<number>();
  let busy = false;
  let closed = false;
  const poll = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      for (const d of await settledDeliveries(ctx, channel, address, after)) {
        if (seen.has(d.id)) continue;
        seen.add(d.id);
        res.write(`id: ${d.id}\nevent: notification\ndata: ${JSON.stringify(d)}\n\n`);
      }
    } catch (err) {
      ctx.log.warn({ err }, 'try: could not read simulated deliveries');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const unsubscribe = ctx.signals.onOutboxChanged(() => void poll());
  req.on('close', () => {
    closed = true;
    clearInterval(timer);
    clearInterval(heartbeat);
    unsubscribe();
  });
  void poll();
}
